//! Dyads: a pair of documents in time and place, and how much the later took from the earlier.

use super::places::{Level, place_of};
use crate::align::Alignment;
use crate::document::Document;
use crate::lexicon::dates::days_since_epoch as days;
use crate::reuse::{MeasureChars, Passage, copied_between, document_chars};
use rayon::prelude::*;
use serde::Serialize;
use std::collections::HashMap;

/// How the jurisdictions of two documents stand to each other.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Relation {
    /// One jurisdiction contains the other (a province and its city, the centre and anyone).
    Vertical,
    /// Two jurisdictions of one level (two cities, two counties).
    Horizontal,
    /// Anything else, or a place not known.
    Other,
}

impl Relation {
    /// `vertical`, `horizontal` or `other`.
    pub fn as_str(self) -> &'static str {
        match self {
            Relation::Vertical => "vertical",
            Relation::Horizontal => "horizontal",
            Relation::Other => "other",
        }
    }
}

/// A pair of documents, earlier and later by date: the table researchers regress on.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Dyad {
    /// The earlier document's name (the left one when a date is missing or both are equal).
    pub earlier: String,
    /// The later document's name.
    pub later: String,
    /// Days from the earlier's date to the later's; `None` when a date is missing.
    pub days_apart: Option<i64>,
    /// How their jurisdictions stand to each other.
    pub relation: Relation,
    /// Whether the later cites the earlier (its 《title》 or its document number).
    pub cites: bool,
    /// The sum of the scores of the aligned pairs over the larger number of measures, in
    /// `[0, 1]`: 1 for two copies of one document, 0 for two that share no measure.
    pub similarity: f64,
    /// The share of the earlier's measures aligned with one of the later's.
    pub coverage_earlier: f64,
    /// The share of the later's measures aligned with one of the earlier's.
    pub coverage_later: f64,
    /// The share of the later's characters (headings and bodies, clauses excluded) in passages
    /// copied word for word from the earlier's aligned measures.
    pub verbatim_share: f64,
}

/// Whether `later` cites `earlier`: one of its citations has the earlier's title (or the title
/// of the measures it issues) or its document number. A title that holds the cited one after a
/// place name (`惠州市关于强化知识产权保护的若干措施` for `《关于强化知识产权保护的若干措施》`) is another
/// jurisdiction's document of the same name, not the one cited. A document never cites one
/// dated after it.
fn cites(later: &Document, earlier: &Document) -> bool {
    if let (Some(a), Some(b)) = (
        later.meta.date.as_deref().and_then(days),
        earlier.meta.date.as_deref().and_then(days),
    ) && a < b
    {
        return false;
    }
    let titles = [Some(earlier.meta.title.as_str()), earlier.meta.notice_title.as_deref()];
    let place_before = |t: &str, cited: &str| {
        t.strip_suffix(cited).is_some_and(|prefix| {
            let prefix = prefix.trim();
            ['省', '市', '县', '区', '州', '盟', '旗']
                .iter()
                .any(|s| prefix.ends_with(*s))
                || earlier.meta.jurisdiction.as_deref() == Some(prefix)
        })
    };
    later.cited.iter().any(|c| {
        c.doc_number.is_some() && c.doc_number == earlier.meta.doc_number
            || titles.iter().flatten().any(|t| {
                !t.is_empty()
                    && (c.title == *t
                        || t.contains(c.title.as_str()) && c.title.chars().count() >= 8 && !place_before(t, &c.title))
            })
    })
}

/// Which documents of a set each one cites, by index: its citations (《title》 and document
/// number) matched against the others' titles and numbers.
///
/// ```
/// use policy_align::{Document, diffusion::cited_documents};
/// let city = Document::from_text("淮北市人民政府办公室\n淮政办发〔2021〕3号\n淮北市知识产权保护工作方案\n一、主要任务\n1.推进工作。\n", "city.txt").unwrap();
/// let district = Document::from_text("相山区知识产权保护实施方案\n根据《淮北市知识产权保护工作方案》（淮政办发〔2021〕3号），制定本方案。\n一、主要任务\n1.推进工作。\n", "district.txt").unwrap();
/// assert_eq!(cited_documents(&[&city, &district]), [vec![], vec![0]]);
/// ```
pub fn cited_documents(docs: &[&Document]) -> Vec<Vec<usize>> {
    // The documents that may be cited by each title and each number, found through indexes so
    // that the work grows with the citations, not with the pairs of documents.
    let mut titles: Vec<&str> = docs
        .iter()
        .flat_map(|d| d.cited.iter().map(|c| c.title.as_str()))
        .filter(|t| !t.is_empty())
        .collect();
    titles.sort_unstable();
    titles.dedup();
    let mut holders: Vec<Vec<usize>> = vec![Vec::new(); titles.len()];
    if let Ok(matcher) = aho_corasick::AhoCorasick::new(&titles) {
        for (j, d) in docs.iter().enumerate() {
            let own = [Some(d.meta.title.as_str()), d.meta.notice_title.as_deref()];
            for t in own.into_iter().flatten() {
                for m in matcher.find_overlapping_iter(t) {
                    holders[m.pattern().as_usize()].push(j);
                }
            }
        }
    }
    let mut by_number: HashMap<&str, Vec<usize>> = HashMap::new();
    for (j, d) in docs.iter().enumerate() {
        if let Some(n) = d.meta.doc_number.as_deref() {
            by_number.entry(n).or_default().push(j);
        }
    }
    docs.par_iter()
        .enumerate()
        .map(|(i, d)| {
            let mut candidates: Vec<usize> = d
                .cited
                .iter()
                .flat_map(|c| {
                    let by_title = titles
                        .binary_search(&c.title.as_str())
                        .map_or(&[][..], |k| &holders[k][..]);
                    let by_no = c
                        .doc_number
                        .as_deref()
                        .and_then(|n| by_number.get(n))
                        .map_or(&[][..], Vec::as_slice);
                    by_title.iter().chain(by_no).copied()
                })
                .collect();
            candidates.sort_unstable();
            candidates.dedup();
            candidates.retain(|&j| j != i && cites(d, docs[j]));
            candidates
        })
        .collect()
}

/// The dyad of two documents and their alignment (`a` on the left): which is earlier, how many
/// days apart, how their places stand ([`place_of`]), whether the later cites the earlier, how
/// alike they are, how much of each the alignment covers, and the later's verbatim share
/// (passages of at least `min_chars` characters, [`copied_passages`](crate::reuse::copied_passages)).
///
/// ```
/// use policy_align::{Pipeline, corpus, diffusion::{dyad, Relation}};
/// let c = Pipeline::new().compare(corpus::XIANGSHAN.parse().unwrap(), corpus::HUIZHOU.parse().unwrap()).unwrap();
/// let d = dyad(c.left(), c.right(), c.alignment(), 8);
/// // A district of Anhui and a city of Guangdong: neither contains the other.
/// assert_eq!(d.relation, Relation::Other);
/// assert!(d.coverage_earlier > 0.7 && d.coverage_later > 0.7);
/// ```
pub fn dyad(a: &Document, b: &Document, alignment: &Alignment, min_chars: usize) -> Dyad {
    dyad_passages(a, b, alignment, min_chars).0
}

/// A passage the later document of a dyad took word for word from the earlier.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DyadPassage {
    /// The earlier document (its name from [`dyad_passages`], its id in a
    /// [`Diffusion`](super::Diffusion)).
    pub earlier: String,
    /// The later document.
    pub later: String,
    /// The earlier document's measure.
    pub earlier_measure: String,
    /// The later document's measure.
    pub later_measure: String,
    /// The passage: `left` is its span in the earlier document, `right` in the later.
    pub passage: Passage,
}

/// [`dyad`], and the passages the later took from the earlier's aligned measures, pair by pair
/// in the order of the alignment.
pub fn dyad_passages(a: &Document, b: &Document, alignment: &Alignment, min_chars: usize) -> (Dyad, Vec<DyadPassage>) {
    let chars = [a, b].map(document_chars);
    let mut caches = (MeasureChars::default(), MeasureChars::default());
    dyad_passages_counted(
        (a, 0, &mut caches.0),
        (b, 1, &mut caches.1),
        alignment,
        min_chars,
        chars,
    )
}

/// [`dyad_passages`] given the characters reuse compares of each document
/// ([`document_chars`]), which a caller making many dyads of one document counts once, and
/// the characters of each document's measures from a cache of the caller's, under the
/// caller's key for the document.
pub(crate) fn dyad_passages_counted(
    a: (&Document, usize, &mut MeasureChars),
    b: (&Document, usize, &mut MeasureChars),
    alignment: &Alignment,
    min_chars: usize,
    chars: [usize; 2],
) -> (Dyad, Vec<DyadPassage>) {
    let ((a, a_key, a_chars), (b, b_key, b_chars)) = (a, b);
    let (da, db) = (
        a.meta.date.as_deref().and_then(days),
        b.meta.date.as_deref().and_then(days),
    );
    let a_first = match (da, db) {
        (Some(x), Some(y)) => x <= y,
        _ => true,
    };
    let (earlier, later) = if a_first { (a, b) } else { (b, a) };
    let relation = match (place_of(a), place_of(b)) {
        (Some(p), Some(q)) if p.contains(&q) || q.contains(&p) => Relation::Vertical,
        (Some(p), Some(q)) if p.level == q.level && p.level != Level::Central => Relation::Horizontal,
        _ => Relation::Other,
    };
    let share = |n: usize, of: usize| if of == 0 { 0.0 } else { n as f64 / of as f64 };
    let aligned = |left: bool| {
        let mut ids: Vec<&str> = alignment
            .pairs
            .iter()
            .map(|p| if left { p.left.as_str() } else { p.right.as_str() })
            .collect();
        ids.sort_unstable();
        ids.dedup();
        ids.len()
    };
    let (cov_a, cov_b) = (
        share(aligned(true), a.measures.len()),
        share(aligned(false), b.measures.len()),
    );
    // A fold from 0.0: an empty float sum is -0.0.
    let similarity = (alignment.pairs.iter().fold(0.0, |s, p| s + p.score)
        / a.measures.len().max(b.measures.len()).max(1) as f64)
        .clamp(0.0, 1.0);
    // The later's characters in passages copied from the earlier's aligned measures.
    let passages = copied_in_pairs((a, a_key, a_chars), (b, b_key, b_chars), alignment, a_first, min_chars);
    let copied: usize = passages.iter().map(|x| x.passage.chars).sum();
    let total = if a_first { chars[1] } else { chars[0] };
    let dyad = Dyad {
        earlier: earlier.name.clone(),
        later: later.name.clone(),
        days_apart: da.zip(db).map(|(x, y)| (y - x).abs()),
        relation,
        cites: cites(later, earlier),
        similarity,
        coverage_earlier: if a_first { cov_a } else { cov_b },
        coverage_later: if a_first { cov_b } else { cov_a },
        verbatim_share: share(copied, total).min(1.0),
    };
    (dyad, passages)
}

/// The passages the later of `a` and `b` took from the earlier's measures aligned with its own
/// (`a_first`: `a` is the earlier), pair by pair in the order of the alignment; the characters
/// of each document's measures from its cache.
fn copied_in_pairs(
    a: (&Document, usize, &mut MeasureChars),
    b: (&Document, usize, &mut MeasureChars),
    alignment: &Alignment,
    a_first: bool,
    min_chars: usize,
) -> Vec<DyadPassage> {
    let ((a, a_key, a_chars), (b, b_key, b_chars)) = (a, b);
    let (earlier, later) = if a_first { (a, b) } else { (b, a) };
    let mut passages = Vec::new();
    for p in &alignment.pairs {
        let (Some(lk), Some(rk)) = (a.index_of(p.left_index, &p.left), b.index_of(p.right_index, &p.right)) else {
            continue;
        };
        let (lc, rc) = (a_chars.of(a_key, a, lk), b_chars.of(b_key, b, rk));
        let reuse = if a_first {
            copied_between(lc, (b, rc), min_chars)
        } else {
            copied_between(rc, (a, lc), min_chars)
        };
        let (em, lm) = if a_first {
            (&p.left, &p.right)
        } else {
            (&p.right, &p.left)
        };
        passages.extend(reuse.passages.into_iter().map(|passage| DyadPassage {
            earlier: earlier.name.clone(),
            later: later.name.clone(),
            earlier_measure: em.clone(),
            later_measure: lm.clone(),
            passage,
        }));
    }
    // A study holds the passages of every dyad: each pair's list at its size.
    passages.shrink_to_fit();
    passages
}
