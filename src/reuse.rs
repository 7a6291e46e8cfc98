//! Stage 9: text reuse. The passages two measures share word for word, with their spans in both
//! documents, and the share of each measure they cover.
//!
//! See [`copied_passages`].

use crate::document::{Document, Measure};
use crate::span::Span;
use serde::Serialize;

/// The default shortest passage, in characters (punctuation and spacing not counted): eight
/// Chinese characters is a phrase (`加强知识产权保护` is eight), shorter runs are set phrases
/// every document of the genre uses.
pub const DEFAULT_MIN_CHARS: usize = 8;

/// A passage two measures share word for word.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Passage {
    /// Its span in the left (reference, or earlier) document's source.
    pub left: Span,
    /// Its span in the right document's source.
    pub right: Span,
    /// How many characters it holds, punctuation and spacing not counted.
    pub chars: usize,
    /// The passage as the right document writes it.
    pub text: String,
}

/// The reuse between two measures: the passages they share and the share of each that they
/// cover.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Reuse {
    /// The shared passages, in the order of the right measure.
    pub passages: Vec<Passage>,
    /// The share of the right measure's characters (heading and body, clause excluded;
    /// punctuation and spacing not counted) that lie in shared passages.
    pub verbatim_share: f64,
    /// The same share of the left measure.
    pub reference_share: f64,
}

/// The characters of a measure that reuse compares: heading and body, responsibility clauses
/// left out, punctuation and spacing skipped, full-width ASCII folded and letters lower-cased.
/// Each with the byte range it comes from in the source.
fn characters(doc: &Document, m: &Measure) -> Vec<(char, usize, usize)> {
    let start = m.title_span.start.min(m.span.end);
    let clauses: Vec<Span> = m.clauses().map(|c| c.span).collect();
    let Some(text) = doc.source.get(start..m.span.end) else {
        return Vec::new();
    };
    let mut out: Vec<(char, usize, usize)> = Vec::with_capacity(text.len() / 3);
    for (i, c) in text.char_indices() {
        let (a, b) = (start + i, start + i + c.len_utf8());
        if clauses.iter().any(|s| s.start <= a && a < s.end) {
            // A clause breaks passages: a passage never spans one.
            if out.last().is_some_and(|x| x.0 != BREAK) {
                out.push((BREAK, a, a));
            }
            continue;
        }
        let c = match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            _ => c,
        };
        if c.is_alphanumeric() {
            out.push((c.to_lowercase().next().unwrap_or(c), a, b));
        }
    }
    out
}

/// How many characters of a measure reuse compares: heading and body, clauses left out,
/// punctuation and spacing not counted (the denominator of verbatim shares).
pub fn measure_chars(doc: &Document, m: &Measure) -> usize {
    characters(doc, m).iter().filter(|x| x.0 != BREAK).count()
}

/// Where a clause was left out: matches nothing.
const BREAK: char = '\0';

/// The passages two measures share word for word, at least `min_chars` characters long
/// ([`DEFAULT_MIN_CHARS`] by default), and the share of each measure they cover.
///
/// Both measures are read as their characters (heading and body; the responsibility clause left
/// out; punctuation and spacing skipped, so that `商标、专利` and `商标，专利` do not break a
/// passage). Every maximal run of equal characters is a candidate; the longest are taken first,
/// and a candidate that overlaps a passage taken on either side is left out: each character
/// belongs to one passage at most. A passage's spans run from its first character to its last
/// in each source, so they quote it exactly with [`Document::quote`].
///
/// ```
/// use policy_align::{Document, reuse::copied_passages};
/// let a = Document::from_text("某省措施\n一、严格执法。严格执行行政执法过程中的商标、专利侵权判断标准。\n", "a.txt").unwrap();
/// let b = Document::from_text("某市措施\n1.规范执法行为。严格执行行政执法过程中的商标，专利侵权判断标准，统一尺度。\n", "b.txt").unwrap();
/// let r = copied_passages((&a, &a.measures[0]), (&b, &b.measures[0]), 8);
/// assert_eq!(r.passages.len(), 1);
/// assert_eq!(b.quote(r.passages[0].right), Some("严格执行行政执法过程中的商标，专利侵权判断标准"));
/// assert_eq!(a.quote(r.passages[0].left), Some("严格执行行政执法过程中的商标、专利侵权判断标准"));
/// ```
pub fn copied_passages(left: (&Document, &Measure), right: (&Document, &Measure), min_chars: usize) -> Reuse {
    let (l, r) = (characters(left.0, left.1), characters(right.0, right.1));
    let min = min_chars.max(1);
    // Maximal runs on each diagonal: (length, end in l, end in r).
    let mut runs: Vec<(usize, usize, usize)> = Vec::new();
    let mut prev = vec![0usize; r.len() + 1];
    let mut cur = vec![0usize; r.len() + 1];
    for i in 0..l.len() {
        for j in 0..r.len() {
            let same = |a: char, b: char| a == b && a != BREAK;
            cur[j + 1] = if same(l[i].0, r[j].0) { prev[j] + 1 } else { 0 };
            // A run ends here when the next pair on the diagonal differs (or either side ends).
            let ends = i + 1 == l.len() || j + 1 == r.len() || !same(l[i + 1].0, r[j + 1].0);
            if cur[j + 1] >= min && ends {
                runs.push((cur[j + 1], i + 1, j + 1));
            }
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    // Longest first; ties in the order of the right measure, then the left.
    runs.sort_by(|a, b| b.0.cmp(&a.0).then(a.2.cmp(&b.2)).then(a.1.cmp(&b.1)));
    let (mut used_l, mut used_r) = (vec![false; l.len()], vec![false; r.len()]);
    let mut taken: Vec<(usize, usize, usize)> = Vec::new();
    for (len, le, re) in runs {
        let (ls, rs) = (le - len, re - len);
        if used_l[ls..le].iter().any(|&u| u) || used_r[rs..re].iter().any(|&u| u) {
            continue;
        }
        used_l[ls..le].iter_mut().for_each(|u| *u = true);
        used_r[rs..re].iter_mut().for_each(|u| *u = true);
        taken.push((len, le, re));
    }
    taken.sort_by_key(|&(len, _, re)| re - len);
    let passages: Vec<Passage> = taken
        .into_iter()
        .map(|(len, le, re)| {
            let left_span = Span::new(l[le - len].1, l[le - 1].2);
            let right_span = Span::new(r[re - len].1, r[re - 1].2);
            Passage {
                left: left_span,
                right: right_span,
                chars: len,
                text: right.0.quote(right_span).unwrap_or_default().to_owned(),
            }
        })
        .collect();
    let covered: usize = passages.iter().map(|p| p.chars).sum();
    let counted = |v: &[(char, usize, usize)]| v.iter().filter(|x| x.0 != BREAK).count();
    let share = |n: usize| if n == 0 { 0.0 } else { covered as f64 / n as f64 };
    Reuse {
        passages,
        verbatim_share: share(counted(&r)),
        reference_share: share(counted(&l)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(text: &str) -> Document {
        Document::from_text(text, "t.txt").unwrap()
    }

    #[test]
    fn the_clause_is_not_compared_and_shares_count_characters() {
        let a = doc("甲省措施\n一、加强保护。全面推行知识产权快速协同保护机制。（省市场监管局负责）\n");
        let b = doc("乙市措施\n1.加强保护。全面推行知识产权快速协同保护机制。（省市场监管局负责）\n");
        let r = copied_passages((&a, &a.measures[0]), (&b, &b.measures[0]), 8);
        // 加强保护 + 全面推行知识产权快速协同保护机制: one run of 20 characters, the clause left out.
        assert_eq!(r.passages.len(), 1, "{r:?}");
        assert_eq!(r.passages[0].chars, 20);
        assert!((r.verbatim_share - 1.0).abs() < 1e-9 && (r.reference_share - 1.0).abs() < 1e-9);
        assert!(!r.passages[0].text.contains("监管局"));
    }

    #[test]
    fn short_runs_are_not_passages_and_nothing_overlaps() {
        let a = doc("甲省措施\n一、推进工作。加强组织领导，健全工作机制，完善考核办法。\n");
        let b = doc("乙市措施\n1.落实任务。健全工作机制。另行制定考核细则。\n");
        let r = copied_passages((&a, &a.measures[0]), (&b, &b.measures[0]), 8);
        assert!(r.passages.is_empty(), "{r:?}");
        let r = copied_passages((&a, &a.measures[0]), (&b, &b.measures[0]), 4);
        let texts: Vec<&str> = r.passages.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(texts, ["健全工作机制"]);
        let empty = copied_passages((&a, &a.measures[0]), (&b, &b.measures[0]), 100);
        assert_eq!((empty.verbatim_share, empty.reference_share), (0.0, 0.0));
    }
}
