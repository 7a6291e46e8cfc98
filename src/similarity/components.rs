//! The components of a pair's score: word and bigram cosine, heading, section, position and
//! agencies.

use super::Component;
use crate::features::{MeasureFeatures, dice, list_cosine, shares_a_list};

/// Cosine of the word TF-IDF vectors.
#[derive(Debug, Clone, Copy, Default)]
pub struct WordCosine;

impl Component for WordCosine {
    fn name(&self) -> &'static str {
        "words"
    }
    fn score(&self, a: &MeasureFeatures, b: &MeasureFeatures) -> Option<f64> {
        Some(cosine(a, b, words))
    }

    fn score_row(&self, a: &MeasureFeatures, row: &[MeasureFeatures], out: &mut Vec<Option<f64>>) {
        cosine_row(a, row, words, out);
    }
}

/// A measure's word vector and the words it uses only in enumerations.
fn words(m: &MeasureFeatures) -> (&[(u32, f32)], &[u32]) {
    (&m.words, &m.list_words)
}

/// A measure's bigram vector and the bigrams it uses only in enumerations.
fn bigrams(m: &MeasureFeatures) -> (&[(u32, f32)], &[u32]) {
    (&m.bigrams, &m.list_bigrams)
}

/// Which vector of a measure, with its list-only terms, a cosine reads.
type Terms = fn(&MeasureFeatures) -> (&[(u32, f32)], &[u32]);

/// [`list_cosine`] of two measures, their vectors and list terms taken by `pick`.
fn cosine(a: &MeasureFeatures, b: &MeasureFeatures, pick: Terms) -> f64 {
    let ((va, la), (vb, lb)) = (pick(a), pick(b));
    list_cosine(va, vb, la, lb, shares_a_list(a, b))
}

thread_local! {
    /// Per thread, the weights of the row's left measure by term id (0 for the others).
    static DENSE: std::cell::RefCell<Vec<f64>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// [`list_cosine`] of `a` against each measure of `row` (vectors and list terms taken by
/// `pick`): `a`'s weights laid out by term id once, then each pair without a copied list is the
/// sum of the other's weights times those, in term order: the same sum, added in the same order
/// (an unshared term adds an exact zero), without a merge to step through.
fn cosine_row<'m>(
    a: &'m MeasureFeatures,
    row: &'m [MeasureFeatures],
    pick: impl Fn(&'m MeasureFeatures) -> (&'m [(u32, f32)], &'m [u32]),
    out: &mut Vec<Option<f64>>,
) {
    out.clear();
    let (va, la) = pick(a);
    DENSE.with_borrow_mut(|dense| {
        let len = va.last().map_or(0, |&(id, _)| id as usize + 1);
        if dense.len() < len {
            dense.resize(len, 0.0);
        }
        for &(id, w) in va {
            dense[id as usize] = f64::from(w);
        }
        for b in row {
            let (vb, lb) = pick(b);
            let copied = shares_a_list(a, b);
            let score = if copied {
                list_cosine(va, vb, la, lb, true)
            } else {
                let mut dot = 0.0f64;
                for &(id, y) in vb {
                    if let Some(&x) = dense.get(id as usize) {
                        dot += x * f64::from(y);
                    }
                }
                dot.clamp(0.0, 1.0)
            };
            out.push(Some(score));
        }
        for &(id, _) in va {
            dense[id as usize] = 0.0;
        }
    });
}

/// Cosine of the character-bigram TF-IDF vectors.
#[derive(Debug, Clone, Copy, Default)]
pub struct BigramCosine;

impl Component for BigramCosine {
    fn name(&self) -> &'static str {
        "bigrams"
    }
    fn score(&self, a: &MeasureFeatures, b: &MeasureFeatures) -> Option<f64> {
        Some(cosine(a, b, bigrams))
    }

    fn score_row(&self, a: &MeasureFeatures, row: &[MeasureFeatures], out: &mut Vec<Option<f64>>) {
        cosine_row(a, row, bigrams, out);
    }
}

/// Similarity of the headings' content words: normalized Levenshtein over characters (strsim),
/// so that 强化组织领导 and 加强组织领导 (组织领导 once 强化/加强 are dropped) are alike.
#[derive(Debug, Clone, Copy, Default)]
pub struct HeadingSimilarity;

impl Component for HeadingSimilarity {
    fn name(&self) -> &'static str {
        "heading"
    }
    fn score(&self, a: &MeasureFeatures, b: &MeasureFeatures) -> Option<f64> {
        let chars = |m: &MeasureFeatures| m.heading_key.chars().collect::<Vec<char>>();
        Some(heading_similarity(&chars(a), &chars(b)))
    }

    /// The same scores, the left heading's characters decoded once for the row and each
    /// heading's once, rather than once per character of the other.
    fn score_row(&self, a: &MeasureFeatures, row: &[MeasureFeatures], out: &mut Vec<Option<f64>>) {
        out.clear();
        let left: Vec<char> = a.heading_key.chars().collect();
        let mut right: Vec<char> = Vec::new();
        for b in row {
            right.clear();
            right.extend(b.heading_key.chars());
            out.push(Some(heading_similarity(&left, &right)));
        }
    }

    fn supporting(&self) -> bool {
        true
    }
}

/// Normalized Levenshtein similarity of two headings' characters (strsim's distance): one
/// minus the distance over the longer length, 1 for two empty headings. (`Vec`s: strsim's
/// generic distance reads sized collections.)
fn heading_similarity(a: &Vec<char>, b: &Vec<char>) -> f64 {
    if a.is_empty() && b.is_empty() {
        return 1.0;
    }
    let distance = strsim::generic_levenshtein(a, b);
    (1.0 - distance as f64 / a.len().max(b.len()) as f64).clamp(0.0, 1.0)
}

/// Sørensen-Dice similarity of the character bigrams of the innermost group headings
/// (precomputed: a section heading is compared with every measure of the other document);
/// applies when both measures sit in a group.
#[derive(Debug, Clone, Copy, Default)]
pub struct ContextSimilarity;

impl Component for ContextSimilarity {
    fn name(&self) -> &'static str {
        "context"
    }
    fn score(&self, a: &MeasureFeatures, b: &MeasureFeatures) -> Option<f64> {
        (!a.context.is_empty() && !b.context.is_empty()).then(|| dice(&a.context_bigrams, &b.context_bigrams))
    }

    fn supporting(&self) -> bool {
        true
    }
}

/// How close two measures sit in their documents (`1 - |position a - position b|`): local
/// documents that answer the same central policy tend to keep its order.
#[derive(Debug, Clone, Copy, Default)]
pub struct PositionSimilarity;

impl Component for PositionSimilarity {
    fn name(&self) -> &'static str {
        "position"
    }
    fn score(&self, a: &MeasureFeatures, b: &MeasureFeatures) -> Option<f64> {
        Some((1.0 - (a.position - b.position).abs()).clamp(0.0, 1.0))
    }

    fn supporting(&self) -> bool {
        true
    }
}

/// Jaccard overlap of the responsible agencies' canonical functions, each weighted by its
/// inverse document frequency, so that a bureau named in every clause (the market regulator in
/// an IP plan) says little: the weight of the shared functions over the weight of all. Applies
/// when both measures name agencies and their functions weigh something.
#[derive(Debug, Clone, Copy, Default)]
pub struct AgencyOverlap;

impl Component for AgencyOverlap {
    fn name(&self) -> &'static str {
        "agencies"
    }
    fn score(&self, a: &MeasureFeatures, b: &MeasureFeatures) -> Option<f64> {
        if a.functions.is_empty() || b.functions.is_empty() {
            return None;
        }
        // Both lists are sorted: one merge.
        let (mut shared, mut union) = (0.0f64, 0.0f64);
        let (fa, fb) = (&a.functions, &b.functions);
        let (wa, wb) = (&a.function_weights, &b.function_weights);
        let weight = |w: &[f32], k: usize| f64::from(w.get(k).copied().unwrap_or(0.0));
        let (mut i, mut j) = (0, 0);
        while i < fa.len() || j < fb.len() {
            // Each pair of keys compared once.
            let order = match (fa.get(i), fb.get(j)) {
                (Some(x), Some(y)) => x.cmp(y),
                (Some(_), None) => std::cmp::Ordering::Less,
                _ => std::cmp::Ordering::Greater,
            };
            match order {
                std::cmp::Ordering::Equal => {
                    shared += weight(wa, i);
                    union += weight(wa, i);
                    (i, j) = (i + 1, j + 1);
                }
                std::cmp::Ordering::Less => {
                    union += weight(wa, i);
                    i += 1;
                }
                std::cmp::Ordering::Greater => {
                    union += weight(wb, j);
                    j += 1;
                }
            }
        }
        (union > 0.5).then(|| (shared / union).clamp(0.0, 1.0))
    }

    fn supporting(&self) -> bool {
        true
    }
}
