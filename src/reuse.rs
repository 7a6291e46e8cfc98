//! Stage 9: text reuse. The passages two measures share word for word, with their spans in both
//! documents, and the share of each measure they cover.
//!
//! See [`copied_passages`].

use crate::document::{Document, Measure};
use crate::span::Span;
use serde::Serialize;
use std::hash::Hasher;

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
pub(crate) fn characters(doc: &Document, m: &Measure) -> Vec<(char, usize, usize)> {
    let start = m.title_span.start.min(m.span.end);
    let mut clauses: Vec<Span> = m.clauses().map(|c| c.span).collect();
    let Some(text) = doc.source.get(start..m.span.end) else {
        return Vec::new();
    };
    // By start: the clauses that may hold a position are those from the first not yet ended
    // (positions only grow), and that one holds it if any does.
    clauses.sort_unstable_by_key(|s| s.start);
    let mut open = 0;
    let mut out: Vec<(char, usize, usize)> = Vec::with_capacity(text.len() / 3);
    for (i, c) in text.char_indices() {
        let (a, b) = (start + i, start + i + c.len_utf8());
        while clauses.get(open).is_some_and(|s| s.end <= a) {
            open += 1;
        }
        if clauses.get(open).is_some_and(|s| s.start <= a) {
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
        // The common cases first: a CJK ideograph is kept as it is, ASCII is cheap to test.
        if crate::script::is_basic_ideograph(c) {
            out.push((c, a, b));
        } else if c.is_ascii() {
            if c.is_ascii_alphanumeric() {
                out.push((c.to_ascii_lowercase(), a, b));
            }
        } else if c.is_alphanumeric() {
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

/// How many characters of a document reuse compares: [`measure_chars`] over its measures.
pub fn document_chars(doc: &Document) -> usize {
    doc.measures.iter().map(|m| measure_chars(doc, m)).sum()
}

/// The fingerprints of a document's text for finding the documents it shares passages with
/// (winnowing over the characters reuse compares): every run of `k` characters of a measure
/// (not across a responsibility clause) is hashed, and in every `window` consecutive hashes
/// the smallest is kept. Two documents that share a passage of `k + window - 1` characters or
/// more share at least one fingerprint, whatever else they hold; a shorter passage may share
/// none. Sorted, without repeats; the same on every run and every machine.
///
/// The document's own jurisdiction (`相山区`, and `相山` without its level) is read as one
/// placeholder character wherever it stands: every document names its own place throughout,
/// and a run that holds part of it would otherwise be shared by the few documents whose
/// places share a character (`东城县`, `东台市`) after the same stock phrase, and by the
/// documents of one place, whatever else they share. A county that rewrote its prefecture's
/// text with its own name in place of the prefecture's shares more fingerprints with it, not
/// fewer.
///
/// ```
/// use policy_align::{Document, reuse::fingerprints};
/// let a = Document::from_text("某省措施\n一、严格执法。严格执行行政执法过程中的商标专利侵权判断标准。\n", "a.txt").unwrap();
/// let b = Document::from_text("某市措施\n1.规范执法。各地严格执行行政执法过程中的商标专利侵权判断标准，统一尺度。\n", "b.txt").unwrap();
/// let c = Document::from_text("某县措施\n1.加强宣传。开展知识产权宣传周活动，普及法律常识。\n", "c.txt").unwrap();
/// let [fa, fb, fc] = [&a, &b, &c].map(|d| fingerprints(d, 8, 8));
/// let shared = |x: &[u64], y: &[u64]| x.iter().any(|h| y.binary_search(h).is_ok());
/// assert!(shared(&fa, &fb)); // 严格执行行政执法过程中的商标专利侵权判断标准: 22 characters
/// assert!(!shared(&fa, &fc));
/// ```
pub fn fingerprints(doc: &Document, k: usize, window: usize) -> Vec<u64> {
    let (k, window) = (k.max(1), window.max(1));
    let own = own_place_names(doc);
    let mut out = Vec::new();
    for m in &doc.measures {
        let chars = mask_own_place(characters(doc, m).into_iter().map(|c| c.0), &own);
        for run in chars.split(|&c| c == BREAK) {
            let hashes: Vec<u64> = run
                .windows(k)
                .map(|w| {
                    let mut h = rustc_hash::FxHasher::default();
                    for c in w {
                        h.write_u32(*c as u32);
                    }
                    h.finish()
                })
                .collect();
            if hashes.len() <= window {
                out.extend(hashes.iter().min());
                continue;
            }
            out.extend(hashes.windows(window).filter_map(|w| w.iter().min()));
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// Where a clause was left out: matches nothing.
const BREAK: char = '\0';

/// Stands for the document's own place name in its fingerprints (a private-use character).
const OWN_PLACE: char = '\u{E000}';

/// The names a document writes for its own jurisdiction, longest first (`相山区`, `相山`), as
/// characters; none for a jurisdiction without a level (`全国`) or without a short form of two
/// characters.
fn own_place_names(doc: &Document) -> Vec<Vec<char>> {
    let Some(place) = doc.meta.jurisdiction.as_deref() else {
        return Vec::new();
    };
    let forms = crate::lexicon::places::short_forms(place);
    if forms.len() < 2 {
        return Vec::new();
    }
    let mut names: Vec<Vec<char>> = forms.iter().map(|f| f.chars().collect()).collect();
    names.sort_by_key(|n| std::cmp::Reverse(n.len()));
    names
}

/// The characters with each occurrence of one of `names` (longest first) replaced by
/// [`OWN_PLACE`].
fn mask_own_place(chars: impl Iterator<Item = char>, names: &[Vec<char>]) -> Vec<char> {
    let chars: Vec<char> = chars.collect();
    if names.is_empty() {
        return chars;
    }
    let mut out = Vec::with_capacity(chars.len());
    let mut i = 0;
    while i < chars.len() {
        match names.iter().find(|n| chars[i..].starts_with(n)) {
            Some(n) => {
                out.push(OWN_PLACE);
                i += n.len();
            }
            None => {
                out.push(chars[i]);
                i += 1;
            }
        }
    }
    out
}

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
    copied_between(&l, (right.0, &r), min_chars)
}

/// The characters reuse compares of the measures of one document, each made when first asked
/// for and kept until another document is asked for: a caller comparing one document with
/// many in turn (the dyads of a study come sorted by their first document) makes them once.
#[derive(Default)]
pub(crate) struct MeasureChars {
    /// The caller's key of the document they are of.
    key: Option<usize>,
    measures: Vec<Option<Vec<(char, usize, usize)>>>,
}

impl MeasureChars {
    /// The characters of measure `k` of `doc`, which the caller calls `key`.
    pub(crate) fn of(&mut self, key: usize, doc: &Document, k: usize) -> &[(char, usize, usize)] {
        if self.key != Some(key) {
            self.key = Some(key);
            self.measures.clear();
            self.measures.resize(doc.measures.len(), None);
        }
        match (self.measures.get_mut(k), doc.measures.get(k)) {
            (Some(slot), Some(m)) => slot.get_or_insert_with(|| characters(doc, m)),
            _ => &[],
        }
    }
}

/// [`copied_passages`] of the characters of a left measure and of a right one, in `right.0`.
pub(crate) fn copied_between(
    l: &[(char, usize, usize)],
    right: (&Document, &[(char, usize, usize)]),
    min_chars: usize,
) -> Reuse {
    let r = right.1;
    let min = min_chars.max(1);
    let mut runs = maximal_runs(l, r, min);
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
        verbatim_share: share(counted(r)),
        reference_share: share(counted(l)),
    }
}

/// Every maximal run of equal characters (never [`BREAK`]) of `min` or more shared by `l` and
/// `r`, as `(length, end in l, end in r)`. Seed and extend: the left's runs of `min`
/// characters are indexed; a run of the right found there that cannot be extended backwards
/// starts a maximal run, which is then followed to its end. Linear in the characters and the
/// runs, where comparing every pair of positions would be their product.
fn maximal_runs(l: &[(char, usize, usize)], r: &[(char, usize, usize)], min: usize) -> Vec<(usize, usize, usize)> {
    let same = |i: usize, j: usize| l[i].0 == r[j].0 && l[i].0 != BREAK;
    // The left's runs, by hash then start: equal hashes side by side, no table of lists.
    let mut index: Vec<(u64, usize)> = window_hashes(l, min)
        .into_iter()
        .enumerate()
        .filter_map(|(i, h)| Some((h?, i)))
        .collect();
    index.sort_unstable();
    let mut runs = Vec::new();
    for (j, h) in window_hashes(r, min).into_iter().enumerate() {
        let Some(h) = h else {
            continue;
        };
        let first = index.partition_point(|&(k, _)| k < h);
        for &(_, i) in index[first..].iter().take_while(|&&(k, _)| k == h) {
            // A hash may collide: the run must really be there, and start here (tested first:
            // inside a long shared run, every position finds its own diagonal).
            if (i > 0 && j > 0 && same(i - 1, j - 1)) || !(0..min).all(|d| same(i + d, j + d)) {
                continue;
            }
            let mut len = min;
            while i + len < l.len() && j + len < r.len() && same(i + len, j + len) {
                len += 1;
            }
            runs.push((len, i + len, j + len));
        }
    }
    runs
}

/// The hash of every run of `min` characters, by its start (`None` for a run that holds a
/// [`BREAK`]): a polynomial hash rolled along the characters, one step per character.
fn window_hashes(v: &[(char, usize, usize)], min: usize) -> Vec<Option<u64>> {
    const BASE: u64 = 0x0100_0000_01B3;
    let drop = (1..min).fold(1u64, |p, _| p.wrapping_mul(BASE));
    let mut out = Vec::with_capacity(v.len().saturating_sub(min - 1));
    let (mut h, mut last_break) = (0u64, None);
    for k in 0..v.len() {
        if k >= min {
            h = h.wrapping_sub(u64::from(v[k - min].0).wrapping_mul(drop));
        }
        h = h.wrapping_mul(BASE).wrapping_add(u64::from(v[k].0));
        if v[k].0 == BREAK {
            last_break = Some(k);
        }
        if k + 1 >= min {
            let start = k + 1 - min;
            out.push(if last_break.is_some_and(|b| b >= start) {
                None
            } else {
                Some(h)
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(text: &str) -> Document {
        Document::from_text(text, "t.txt").unwrap()
    }

    #[test]
    fn fingerprints_read_the_own_place_as_one_character() {
        let text = |place: &str, level: &str, other: &str| {
            format!(
                "{place}{level}措施\n一、建设中心。建设{place}{level}知识产权保护中心，对接{other}快速维权中心。\n\n\
                 {place}{level}人民政府办公室\n2023年3月1日\n"
            )
        };
        let a = Document::from_text(&text("东城", "县", "南岭市"), "a.txt").unwrap();
        let b = Document::from_text(&text("西林", "区", "南岭市"), "b.txt").unwrap();
        // The same text but for the own place, at whatever level: the same fingerprints.
        assert_eq!(a.meta.jurisdiction.as_deref(), Some("东城县"));
        assert_eq!(fingerprints(&a, 8, 8), fingerprints(&b, 8, 8));
        // Another place is read as it is written.
        let c = Document::from_text(&text("东城", "县", "北川市"), "c.txt").unwrap();
        assert_ne!(fingerprints(&a, 8, 8), fingerprints(&c, 8, 8));
        // A national document masks nothing: 全国 is a word.
        assert!(own_place_names(&doc("全国措施\n一、推进工作。全国统一部署。\n")).is_empty());
        let names = [vec!['东', '城', '县'], vec!['东', '城']];
        let masked = mask_own_place("在东城县东城设东台".chars(), &names);
        assert_eq!(masked, ['在', OWN_PLACE, OWN_PLACE, '设', '东', '台']);
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

    /// Every maximal diagonal run, by comparing every pair of positions: what seed and extend
    /// must find.
    fn runs_by_every_pair(
        l: &[(char, usize, usize)],
        r: &[(char, usize, usize)],
        min: usize,
    ) -> Vec<(usize, usize, usize)> {
        let same = |i: usize, j: usize| l[i].0 == r[j].0 && l[i].0 != BREAK;
        let mut runs = Vec::new();
        for i in 0..l.len() {
            for j in 0..r.len() {
                let starts = same(i, j) && !(i > 0 && j > 0 && same(i - 1, j - 1));
                if starts {
                    let len = (0..)
                        .take_while(|&d| i + d < l.len() && j + d < r.len() && same(i + d, j + d))
                        .count();
                    if len >= min {
                        runs.push((len, i + len, j + len));
                    }
                }
            }
        }
        runs
    }

    #[test]
    fn seed_and_extend_finds_every_maximal_run() {
        // Random texts over four characters and clause breaks (a fixed generator: the same
        // cases on every run), runs of 1 to 6 characters.
        fn next(state: &mut u64, n: u64) -> u64 {
            *state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (*state >> 33) % n
        }
        fn text(state: &mut u64) -> Vec<(char, usize, usize)> {
            let len = next(state, 40) as usize;
            (0..len)
                .map(|k| {
                    let kinds = if next(state, 9) == 0 { 5 } else { 4 };
                    let c = ['甲', '乙', '丙', '丁', BREAK][next(state, kinds) as usize];
                    (c, k, k + 1)
                })
                .collect()
        }
        let mut state = 0x2545_f491_4f6c_dd1d_u64;
        for _ in 0..2000 {
            let (l, r) = (text(&mut state), text(&mut state));
            let min = 1 + next(&mut state, 6) as usize;
            let mut fast = maximal_runs(&l, &r, min);
            let mut slow = runs_by_every_pair(&l, &r, min);
            fast.sort_unstable();
            slow.sort_unstable();
            assert_eq!(fast, slow, "min {min}\n{l:?}\n{r:?}");
        }
    }
}
