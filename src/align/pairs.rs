//! Two documents: which measure of one corresponds to which of the other, by one of three
//! strategies under a threshold.

use super::background::Background;
use super::many::{LinkKind, extend};
use super::order::gap_pairs;
use crate::error::{Error, Result};
use crate::features::{FeatureSet, MeasureFeatures};
use crate::similarity::{ScoreMatrix, Scorer};
use serde::Serialize;
use std::collections::BTreeMap;

/// The share of the threshold from which a pair may be made on its p-value and margin.
pub(super) const RESCUE_FLOOR: f64 = 0.75;

/// The margin over its runners-up a pair below the threshold needs.
pub(super) const MIN_MARGIN: f64 = 0.05;

/// The share of the threshold a measure must score with its counterpart to join a merge or
/// a split (coverage decides the rest, see [`LinkKind`]).
const MERGE_FLOOR: f64 = 0.6;

/// How to pair measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Strategy {
    /// The one-to-one assignment of greatest total score (Hungarian algorithm, pathfinding's
    /// `kuhn_munkres`) of the pairs above the threshold or standing out from their documents'
    /// background, with the pairs an order kept by both documents recovers, then merges and
    /// splits (N:1, 1:N) where measures left over cover their counterpart's content. The
    /// default.
    #[default]
    OneToOne,
    /// Pairs that are each other's best match, above the threshold or standing out from the
    /// background.
    MutualBest,
    /// Every pair above the threshold (a measure may pair with several).
    ManyToMany,
}

impl std::fmt::Display for Strategy {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Strategy::OneToOne => "one-to-one",
            Strategy::MutualBest => "mutual-best",
            Strategy::ManyToMany => "many-to-many",
        })
    }
}

impl std::str::FromStr for Strategy {
    type Err = Error;
    fn from_str(s: &str) -> Result<Strategy> {
        match s {
            "one-to-one" | "one_to_one" | "hungarian" => Ok(Strategy::OneToOne),
            "mutual-best" | "mutual_best" => Ok(Strategy::MutualBest),
            "many-to-many" | "many_to_many" => Ok(Strategy::ManyToMany),
            other => Err(Error::InvalidOption {
                option: "strategy",
                message: format!("unknown strategy {other:?} (expected one-to-one, mutual-best or many-to-many)"),
            }),
        }
    }
}

/// A pair of corresponding measures.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Pair {
    /// Id of the left measure.
    pub left: String,
    /// Id of the right measure.
    pub right: String,
    /// Index of the left measure in its document.
    #[serde(skip)]
    pub left_index: usize,
    /// Index of the right measure in its document.
    #[serde(skip)]
    pub right_index: usize,
    /// The combined score.
    pub score: f64,
    /// Each component's score.
    pub components: BTreeMap<&'static str, f64>,
    /// The shared words that weigh most, heaviest first.
    pub shared_terms: Vec<String>,
    /// Its shape: one measure answering one, or part of a merge (N:1) or a split (1:N).
    pub kind: LinkKind,
    /// The chance that an unrelated pair of these two documents scores as high (see
    /// [`Background`]).
    pub p_value: f64,
    /// Its score minus the best score either of its measures makes with another measure.
    pub margin: f64,
}

/// The alignment of two documents.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Alignment {
    /// The strategy used.
    pub strategy: Strategy,
    /// The threshold used.
    pub threshold: f64,
    /// The pairs, in the order of the left measures.
    pub pairs: Vec<Pair>,
    /// Ids of the left measures in no pair.
    pub unmatched_left: Vec<String>,
    /// Ids of the right measures in no pair.
    pub unmatched_right: Vec<String>,
    /// Measures one-to-one left unmatched though they match a paired measure best: the
    /// halves of splits and merges (empty under many-to-many).
    pub many_to_one: ManyToOne,
}

/// The measures a one-to-one (or mutual-best) alignment left unmatched although each scores
/// above the threshold with a measure of the other document that is its best match and is
/// already paired: one measure split into several (task-division documents, 任务分工), or several
/// merged into one.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct ManyToOne {
    /// `(right id, left id, score)`: right measures that best match a paired left measure (the
    /// right document splits it).
    pub split: Vec<(String, String, f64)>,
    /// `(left id, right id, score)`: left measures that best match a paired right measure (the
    /// right document merges them).
    pub merged: Vec<(String, String, f64)>,
}

impl ManyToOne {
    /// Which document reads better many-to-one, if either: `Some(true)` when the right document
    /// splits the left's measures (at least three, and a quarter of its measures),
    /// `Some(false)` when it merges them, `None` when one-to-one fits.
    pub fn suggested(&self, left_measures: usize, right_measures: usize) -> Option<bool> {
        let strong = |n: usize, of: usize| n >= 3 && n * 4 >= of;
        if strong(self.split.len(), right_measures) && self.split.len() >= self.merged.len() {
            Some(true)
        } else if strong(self.merged.len(), left_measures) {
            Some(false)
        } else {
            None
        }
    }
}

/// Splits and merges a one-to-one assignment missed, from its matrix.
fn many_to_one(
    matrix: &ScoreMatrix,
    chosen: &[(usize, usize)],
    threshold: f64,
    l: &[MeasureFeatures],
    r: &[MeasureFeatures],
) -> ManyToOne {
    let s = matrix.as_rows();
    let (n, m) = (matrix.rows(), matrix.cols());
    let paired_left = |i: usize| chosen.iter().any(|&(a, _)| a == i);
    let paired_right = |j: usize| chosen.iter().any(|&(_, b)| b == j);
    let mut out = ManyToOne::default();
    for j in (0..m).filter(|&j| !paired_right(j)) {
        let best = (0..n).max_by(|&a, &b| s[a][j].total_cmp(&s[b][j]).then(b.cmp(&a)));
        if let Some(i) = best.filter(|&i| s[i][j] >= threshold && paired_left(i)) {
            out.split.push((r[j].id.clone(), l[i].id.clone(), s[i][j]));
        }
    }
    for i in (0..n).filter(|&i| !paired_left(i)) {
        let best = (0..m).max_by(|&a, &b| s[i][a].total_cmp(&s[i][b]).then(b.cmp(&a)));
        if let Some(j) = best.filter(|&j| s[i][j] >= threshold && paired_right(j)) {
            out.merged.push((l[i].id.clone(), r[j].id.clone(), s[i][j]));
        }
    }
    out
}

/// Builds an [`Aligner`].
///
/// ```
/// use policy_align::{Aligner, Strategy};
/// let aligner = Aligner::builder().strategy(Strategy::MutualBest).threshold(0.4).build().unwrap();
/// assert_eq!(aligner.threshold(), 0.4);
/// assert!(Aligner::builder().threshold(1.5).build().is_err());
/// ```
#[derive(Debug)]
pub struct AlignerBuilder {
    scorer: Option<Scorer>,
    strategy: Strategy,
    threshold: f64,
    significance: f64,
    shared_terms: usize,
}

impl Default for AlignerBuilder {
    fn default() -> Self {
        AlignerBuilder {
            scorer: None,
            strategy: Strategy::OneToOne,
            threshold: 0.23,
            significance: 0.005,
            shared_terms: 5,
        }
    }
}

impl AlignerBuilder {
    /// The scorer. Default: [`Scorer::default`].
    pub fn scorer(mut self, scorer: Scorer) -> Self {
        self.scorer = Some(scorer);
        self
    }
    /// The pairing strategy. Default: [`Strategy::OneToOne`].
    pub fn strategy(mut self, strategy: Strategy) -> Self {
        self.strategy = strategy;
        self
    }
    /// The score a pair needs, in `0..=1`. Default: `0.23`.
    pub fn threshold(mut self, threshold: f64) -> Self {
        self.threshold = threshold;
        self
    }
    /// The p-value at most which a pair scoring under the threshold (but at least three
    /// quarters of it) is still made, when it also beats its runners-up by 0.05: it stands
    /// out from what unrelated measures of the same two documents score. In `0..=1`; `0`
    /// turns it off. Default: `0.005`.
    pub fn significance(mut self, p: f64) -> Self {
        self.significance = p;
        self
    }
    /// How many shared terms explain each pair. Default: `5`.
    pub fn shared_terms(mut self, k: usize) -> Self {
        self.shared_terms = k;
        self
    }
    /// Builds the aligner. Fails on a threshold or a significance outside `0..=1`.
    pub fn build(self) -> Result<Aligner> {
        for (option, v) in [("threshold", self.threshold), ("significance", self.significance)] {
            if !(0.0..=1.0).contains(&v) {
                return Err(Error::InvalidOption {
                    option,
                    message: format!("{v} is not in 0..=1"),
                });
            }
        }
        Ok(Aligner {
            scorer: self.scorer.unwrap_or_default(),
            strategy: self.strategy,
            threshold: self.threshold,
            significance: self.significance,
            shared_terms: self.shared_terms,
        })
    }
}

/// Pairs the measures of two documents, or clusters those of many.
///
/// Two documents ([`Aligner::align`]):
///
/// 1. Every measure of one is scored against every measure of the other ([`Scorer`]).
/// 2. The scores of the pairs not taken, nearly all of them unrelated measures of these two
///    documents, are fitted with a Gumbel distribution ([`Background`]): every pair gets a
///    p-value (how likely an unrelated pair of these documents scores as high) and a margin
///    over its runner-up (its score minus the best either of its measures makes elsewhere).
/// 3. The [`Strategy`] chooses candidates (one-to-one by the Hungarian assignment, by default),
///    down to three quarters of the threshold; a candidate is kept when it reaches the threshold
///    (0.23 by default), or when it stands out from the background (p ≤ 0.005,
///    [`AlignerBuilder::significance`]) and from its runner-up (margin ≥ 0.05).
/// 4. One-to-one only: when the strong pairs (p ≤ 0.001, four or more) keep the order of both
///    documents (their longest chain increasing on both sides holds 80% of them), the mutual
///    best pair in each gap between them is kept at 60% of the threshold and p ≤ 0.05; a
///    document that reorders its sections is never forced into order. Then a measure left out
///    whose best match is paired, that scores 60% of the threshold, prefers it by the margin
///    and adds to how much of that measure its group covers, joins as an `N:1` (merge) or `1:N`
///    (split) link ([`LinkKind`]).
///
/// Measures without a counterpart are reported as unmatched, never forced into a pair. Every
/// pair carries its score, components, shared terms, p-value, margin and kind.
///
/// The defaults were chosen on the bundled pair and the tuning families of the test suite
/// (`testsuite/tests/families/`), and measured on families held out from tuning
/// (`testsuite/tests/heldout*/`; figures in the README). Check them on a gold of your own
/// ([`read_gold`](crate::read_gold), [`evaluate`](crate::evaluate), `policy-align eval`).
#[derive(Debug)]
pub struct Aligner {
    scorer: Scorer,
    strategy: Strategy,
    threshold: f64,
    significance: f64,
    shared_terms: usize,
}

impl Default for Aligner {
    fn default() -> Self {
        AlignerBuilder::default().build().expect("default threshold is valid")
    }
}

/// Pairs `(i, j)` chosen by a strategy from a score matrix, in the order of `i` then `j`.
pub fn choose_pairs(matrix: &ScoreMatrix, strategy: Strategy, threshold: f64) -> Vec<(usize, usize)> {
    let s = matrix.as_rows();
    let (n, m) = (matrix.rows(), matrix.cols());
    if n == 0 || m == 0 {
        return Vec::new();
    }
    let mut pairs: Vec<(usize, usize)> = match strategy {
        Strategy::OneToOne => one_to_one(s, n, m, threshold),
        Strategy::MutualBest => {
            // Best by score, ties by the lower index.
            let best_in_row = |i: usize| (0..m).fold(0, |b, j| if s[i][j] > s[i][b] { j } else { b });
            let best_in_col = |j: usize| (0..n).fold(0, |b, i| if s[i][j] > s[b][j] { i } else { b });
            (0..n)
                .filter_map(|i| {
                    let j = best_in_row(i);
                    (best_in_col(j) == i && s[i][j] >= threshold).then_some((i, j))
                })
                .collect()
        }
        Strategy::ManyToMany => (0..n)
            .flat_map(|i| (0..m).map(move |j| (i, j)))
            .filter(|&(i, j)| s[i][j] >= threshold)
            .collect(),
    };
    pairs.sort_unstable();
    pairs
}

/// The one-to-one assignment of greatest total above the threshold (`s` is `n` × `m`, both
/// at least 1).
fn one_to_one(s: &[Vec<f64>], n: usize, m: usize, threshold: f64) -> Vec<(usize, usize)> {
    // Weights count only what a pair scores above the threshold, so that weak pairs cannot buy
    // a better total.
    let weight = |x: f64| {
        if x >= threshold {
            ((x - threshold) * 1e6).round() as i64 + 1
        } else {
            0
        }
    };
    // kuhn_munkres needs no more rows than columns.
    let transpose = n > m;
    let rows: Vec<Vec<i64>> = if transpose {
        (0..m).map(|j| (0..n).map(|i| weight(s[i][j])).collect()).collect()
    } else {
        s.iter().map(|row| row.iter().map(|&x| weight(x)).collect()).collect()
    };
    let Ok(w) = pathfinding::matrix::Matrix::from_rows(rows) else {
        // Unreachable: the rows of a ScoreMatrix have one length.
        return Vec::new();
    };
    let (_, assignment) = pathfinding::kuhn_munkres::kuhn_munkres(&w);
    assignment
        .into_iter()
        .enumerate()
        .map(|(r, c)| if transpose { (c, r) } else { (r, c) })
        .filter(|&(i, j)| s[i][j] >= threshold)
        .collect()
}

/// A pair's score minus the best score its left measure makes with another right measure or
/// its right measure with another left measure.
fn margin(matrix: &ScoreMatrix, i: usize, j: usize) -> f64 {
    let s = matrix.as_rows();
    let row = (0..matrix.cols()).filter(|&x| x != j).map(|x| s[i][x]);
    let col = (0..matrix.rows()).filter(|&x| x != i).map(|x| s[x][j]);
    s[i][j] - row.chain(col).fold(0.0f64, f64::max)
}

impl Aligner {
    /// A builder with the defaults: one-to-one, threshold 0.23, the default scorer.
    pub fn builder() -> AlignerBuilder {
        AlignerBuilder::default()
    }

    /// The threshold.
    pub fn threshold(&self) -> f64 {
        self.threshold
    }

    /// The strategy.
    pub fn strategy(&self) -> Strategy {
        self.strategy
    }

    /// The scorer.
    pub fn scorer(&self) -> &Scorer {
        &self.scorer
    }

    /// The pairs of a score matrix, and the background of the pairs not taken. Candidates are
    /// chosen by the strategy down to [`RESCUE_FLOOR`] of the threshold; a candidate is a pair
    /// when it scores at least the threshold, or when it stands out from the background of its
    /// documents (p-value at most the significance) and from its runners-up (margin at least
    /// [`MIN_MARGIN`]).
    fn decide(&self, matrix: &ScoreMatrix) -> (Vec<(usize, usize)>, Background) {
        let candidates = choose_pairs(matrix, self.strategy, self.threshold * RESCUE_FLOOR);
        let background = Background::fit(matrix, &candidates);
        let s = matrix.as_rows();
        let mut pairs: Vec<(usize, usize)> = candidates
            .into_iter()
            .filter(|&(i, j)| {
                s[i][j] >= self.threshold
                    || (background.p_value(s[i][j]) <= self.significance && margin(matrix, i, j) >= MIN_MARGIN)
            })
            .collect();
        if self.strategy == Strategy::OneToOne {
            pairs.extend(gap_pairs(matrix, &pairs, &background, self.threshold));
            pairs.sort_unstable();
        }
        (pairs, background)
    }

    /// Aligns document `left` with document `right` of a feature set. Fails when either index
    /// is not a document of the set.
    pub fn align(&self, features: &FeatureSet, left: usize, right: usize) -> Result<Alignment> {
        let matrix = self.scorer.matrix(features, left, right)?;
        let (l, r) = (&features.docs[left], &features.docs[right]);
        let (one, background) = self.decide(&matrix);
        let links = match self.strategy {
            Strategy::OneToOne => extend(&matrix, &one, self.threshold * MERGE_FLOOR, l, r),
            _ => one.iter().map(|&(i, j)| (i, j, LinkKind::OneToOne)).collect(),
        };
        let chosen: Vec<(usize, usize)> = links.iter().map(|&(i, j, _)| (i, j)).collect();
        let pairs: Vec<Pair> = links
            .iter()
            .map(|&(i, j, kind)| {
                let ps = self.scorer.score(&l[i], &r[j]);
                Pair {
                    left: l[i].id.clone(),
                    right: r[j].id.clone(),
                    left_index: i,
                    right_index: j,
                    score: ps.score,
                    components: ps.components,
                    shared_terms: features.shared_terms_unchecked(&l[i], &r[j], self.shared_terms),
                    kind,
                    p_value: background.p_value(matrix.as_rows()[i][j]),
                    margin: margin(&matrix, i, j),
                }
            })
            .collect();
        let unmatched = |side: &[MeasureFeatures], used: &dyn Fn(usize) -> bool| -> Vec<String> {
            side.iter()
                .enumerate()
                .filter(|&(k, _)| !used(k))
                .map(|(_, f)| f.id.clone())
                .collect()
        };
        let many_to_one = if self.strategy == Strategy::ManyToMany {
            ManyToOne::default()
        } else {
            many_to_one(&matrix, &chosen, self.threshold, l, r)
        };
        Ok(Alignment {
            strategy: self.strategy,
            threshold: self.threshold,
            unmatched_left: unmatched(l, &|k| chosen.iter().any(|&(i, _)| i == k)),
            unmatched_right: unmatched(r, &|k| chosen.iter().any(|&(_, j)| j == k)),
            pairs,
            many_to_one,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matrix(rows: &[&[f64]]) -> ScoreMatrix {
        ScoreMatrix::new(0, 1, rows.iter().map(|r| r.to_vec()).collect()).unwrap()
    }

    #[test]
    fn one_to_one_maximizes_above_the_threshold() {
        // Greedy would take (0,0)=0.9 and leave 1 with 0.1; the assignment takes 0.8 + 0.85.
        let m = matrix(&[&[0.9, 0.8], &[0.85, 0.1]]);
        assert_eq!(choose_pairs(&m, Strategy::OneToOne, 0.3), [(0, 1), (1, 0)]);
        // Below the threshold nothing is forced.
        let m = matrix(&[&[0.1, 0.2], &[0.05, 0.6], &[0.2, 0.1]]);
        assert_eq!(choose_pairs(&m, Strategy::OneToOne, 0.3), [(1, 1)]);
    }

    #[test]
    fn mutual_best_and_many_to_many() {
        let m = matrix(&[&[0.9, 0.8], &[0.85, 0.1]]);
        assert_eq!(choose_pairs(&m, Strategy::MutualBest, 0.3), [(0, 0)]);
        assert_eq!(choose_pairs(&m, Strategy::ManyToMany, 0.3), [(0, 0), (0, 1), (1, 0)]);
        assert_eq!(choose_pairs(&m, Strategy::ManyToMany, 0.95), []);
    }

    #[test]
    fn strategies_parse() {
        assert_eq!("mutual-best".parse::<Strategy>().unwrap(), Strategy::MutualBest);
        assert!("greedy".parse::<Strategy>().is_err());
    }
}
