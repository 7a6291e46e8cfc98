//! Stage 7: how alike two measures are, and why. The user-facing account (components,
//! weights, how they combine and how the defaults were chosen) is on [`Scorer`].

mod components;

pub use components::{
    AgencyOverlap, BigramCosine, ContextSimilarity, HeadingSimilarity, PositionSimilarity, WordCosine,
};

use crate::error::{Error, Result};
use crate::features::{FeatureSet, MeasureFeatures};
use serde::Serialize;
use std::collections::BTreeMap;

/// The content from which the supporting components weigh in full (see
/// [`ScorerBuilder::evidence`]).
const DEFAULT_EVIDENCE: f64 = 0.25;

/// One way of comparing two measures.
pub trait Component: Send + Sync {
    /// The component's name in reports (`words`, `heading`…).
    fn name(&self) -> &'static str;
    /// The score of a pair in `[0, 1]`, or `None` when the component does not apply.
    fn score(&self, a: &MeasureFeatures, b: &MeasureFeatures) -> Option<f64>;

    /// Whether the component only supports the content (heading, section, position, agencies):
    /// its weight then scales with the content score (words and bigrams), so that it never
    /// makes a pair on its own.
    /// Default: `false`.
    fn supporting(&self) -> bool {
        false
    }

    /// The scores of `a` against each measure of `row`, in order, into `out` (cleared first):
    /// what a score matrix asks of a component, one row at a time. Default:
    /// [`Component::score`] for each; a component may prepare `a` once for the whole row, and
    /// must then give the same scores.
    fn score_row(&self, a: &MeasureFeatures, row: &[MeasureFeatures], out: &mut Vec<Option<f64>>) {
        out.clear();
        out.extend(row.iter().map(|b| self.score(a, b)));
    }
}

/// The score of a pair with its parts.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PairScore {
    /// The combined score in `[0, 1]`.
    pub score: f64,
    /// Each applicable component's score, by name.
    pub components: BTreeMap<&'static str, f64>,
}

/// Builds a [`Scorer`].
///
/// ```
/// let scorer = policy_align::Scorer::builder().words(0.5).agencies(0.0).build().unwrap();
/// assert_eq!(scorer.weights()["words"], 0.5);
/// assert!(policy_align::Scorer::builder().heading(-1.0).build().is_err());
/// ```
#[derive(Debug, Clone)]
pub struct ScorerBuilder {
    evidence: f64,
    words: f64,
    bigrams: f64,
    heading: f64,
    context: f64,
    position: f64,
    agencies: f64,
}

impl Default for ScorerBuilder {
    fn default() -> Self {
        ScorerBuilder {
            evidence: DEFAULT_EVIDENCE,
            words: 0.40,
            bigrams: 0.30,
            heading: 0.20,
            context: 0.05,
            position: 0.15,
            agencies: 0.05,
        }
    }
}

impl ScorerBuilder {
    /// The content from which the supporting components (heading, section, position, agencies)
    /// weigh in full, in `0..=1`: their weights are scaled by `min(1, content / evidence)`,
    /// `content` the weighted mean of the word and bigram cosines, so that two measures that
    /// merely share a heading or a place are not a pair. `0` turns the scaling off. Default:
    /// `0.25`.
    pub fn evidence(mut self, evidence: f64) -> Self {
        self.evidence = evidence;
        self
    }

    /// Weight of the word TF-IDF cosine. Default: `0.40`.
    pub fn words(mut self, w: f64) -> Self {
        self.words = w;
        self
    }
    /// Weight of the character-bigram TF-IDF cosine. Default: `0.30`.
    pub fn bigrams(mut self, w: f64) -> Self {
        self.bigrams = w;
        self
    }
    /// Weight of the heading similarity. Default: `0.20`.
    pub fn heading(mut self, w: f64) -> Self {
        self.heading = w;
        self
    }
    /// Weight of the section-context similarity. Default: `0.05`.
    pub fn context(mut self, w: f64) -> Self {
        self.context = w;
        self
    }
    /// Weight of the position similarity. Default: `0.15`.
    pub fn position(mut self, w: f64) -> Self {
        self.position = w;
        self
    }
    /// Weight of the responsible-agency overlap. Default: `0.05`.
    pub fn agencies(mut self, w: f64) -> Self {
        self.agencies = w;
        self
    }

    /// Builds the scorer. Fails if a weight is negative or not finite, or all are zero.
    pub fn build(self) -> Result<Scorer> {
        let parts: Vec<(Box<dyn Component>, f64)> = vec![
            (Box::new(WordCosine), self.words),
            (Box::new(BigramCosine), self.bigrams),
            (Box::new(HeadingSimilarity), self.heading),
            (Box::new(ContextSimilarity), self.context),
            (Box::new(PositionSimilarity), self.position),
            (Box::new(AgencyOverlap), self.agencies),
        ];
        for (c, w) in &parts {
            if !w.is_finite() || *w < 0.0 {
                return Err(Error::InvalidOption {
                    option: "weight",
                    message: format!("{}: {w} is not a weight ≥ 0", c.name()),
                });
            }
        }
        if parts.iter().all(|(_, w)| *w == 0.0) {
            return Err(Error::InvalidOption {
                option: "weight",
                message: "every weight is zero".into(),
            });
        }
        if !(0.0..=1.0).contains(&self.evidence) {
            return Err(Error::InvalidOption {
                option: "evidence",
                message: format!("{} is not in 0..=1", self.evidence),
            });
        }
        Ok(Scorer {
            parts: parts.into_iter().filter(|(_, w)| *w > 0.0).collect(),
            evidence: self.evidence,
        })
    }
}

/// Scores pairs of measures from [`Component`]s.
///
/// The word and bigram cosines count a list copied word for word from one measure into the
/// other as one of its terms ([`list_cosine`](crate::list_cosine)).
///
/// A [`Scorer`] combines components, each a score in `[0, 1]`:
///
/// | component | what it compares | default weight |
/// |---|---|---|
/// | `words` | cosine of the word TF-IDF vectors | 0.40 |
/// | `bigrams` | cosine of the character-bigram TF-IDF vectors | 0.30 |
/// | `heading` | normalized Levenshtein of the headings' content words (strsim; 加强, 机制… removed) | 0.20 |
/// | `context` | Sørensen-Dice of the innermost group headings (the section a measure sits in) | 0.05 |
/// | `position` | `1 - |relative position a - relative position b|` in the documents | 0.15 |
/// | `agencies` | Jaccard of the canonical functions of the responsible agencies, weighted by idf | 0.05 |
///
/// Content comes first. `words` and `bigrams` are the content: they say whether two measures
/// ask for the same things. The others only support it: a reworded heading often shares no word
/// with its counterpart, a document that reorders its sections moves its measures, and unrelated
/// measures often share a stock heading (加强组织领导) or the same place in two documents. So the
/// combined score is the larger of
///
/// - the content score, the weighted mean of `words` and `bigrams` (0.40 and 0.30), and
/// - the weighted mean of every component that applies, the supporting ones (`heading`,
///   `context`, `position`, `agencies`) with their weights scaled by `min(1, content / 0.25)`
///   ([`ScorerBuilder::evidence`]).
///
/// Support can lift a pair whose content is clear, never sink it below its content, and weighs
/// little where content is weak. Two unrelated measures with word and bigram cosines of 0.04, a
/// heading similarity of 0.40 and a position of 0.98 score 0.085 (a plain weighted mean gave
/// them 0.233, over the threshold); a true pair of a reordered document with a word cosine of
/// 0.32, bigrams 0.25, no shared heading word and a position of 0.19 keeps its content, 0.29
/// (a plain mean sank it to 0.22). `agencies` applies only when both measures name responsible
/// bodies, `context` only when both sit in a group, so that a measure is not penalized for what
/// its document does not say. Every pair explains itself: its components and the shared words
/// that weigh most.
///
/// The weights, and the aligner's default threshold (0.23), were chosen on the bundled pair and
/// on the tuning families of `testsuite/tests/families/`, and measured on held-out families
/// (`testsuite/tests/heldout*/`, see the README). Check them on a gold of your own
/// (`policy-align eval --gold …`) before trusting them on other policies.
pub struct Scorer {
    parts: Vec<(Box<dyn Component>, f64)>,
    /// The content score from which a supporting component weighs in full.
    evidence: f64,
}

impl std::fmt::Debug for Scorer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_map()
            .entries(self.parts.iter().map(|(c, w)| (c.name(), w)))
            .finish()
    }
}

impl Default for Scorer {
    fn default() -> Self {
        ScorerBuilder::default().build().expect("default weights are valid")
    }
}

impl Scorer {
    /// A builder with the default weights.
    pub fn builder() -> ScorerBuilder {
        ScorerBuilder::default()
    }

    /// A scorer from components of your own, with their weights.
    pub fn from_components(parts: Vec<(Box<dyn Component>, f64)>) -> Result<Scorer> {
        if parts.iter().any(|(_, w)| !w.is_finite() || *w < 0.0) || parts.iter().all(|(_, w)| *w == 0.0) {
            return Err(Error::InvalidOption {
                option: "weight",
                message: "weights must be ≥ 0 and not all zero".into(),
            });
        }
        Ok(Scorer {
            parts,
            evidence: DEFAULT_EVIDENCE,
        })
    }

    /// The weights in use, by component name.
    pub fn weights(&self) -> BTreeMap<&'static str, f64> {
        self.parts.iter().map(|(c, w)| (c.name(), *w)).collect()
    }

    /// The score of a pair of measures.
    pub fn score(&self, a: &MeasureFeatures, b: &MeasureFeatures) -> PairScore {
        let mut components = BTreeMap::new();
        let score = self.weigh(a, b, None, |name, s| {
            components.insert(name, s);
        });
        PairScore { score, components }
    }

    /// The combined score, each component's score passed to `seen`: the content (the weighted
    /// mean of the content components, word and bigram cosine), or, when higher, the weighted
    /// mean of all the components that apply, the supporting ones (heading, section, position,
    /// agencies) with their weights scaled by `min(1, content / evidence)`. Support can lift a
    /// pair above its content, never sink it below, and weighs little where content is weak.
    /// With a `floor`: 0 as soon as the content shows the pair cannot reach it (see
    /// [`Scorer::combined_if_above`]), before any supporting component is computed.
    fn weigh(
        &self,
        a: &MeasureFeatures,
        b: &MeasureFeatures,
        floor: Option<f64>,
        mut seen: impl FnMut(&'static str, f64),
    ) -> f64 {
        // Each component computed once, the content components first.
        let (mut few, mut many) = ([None; 8], Vec::new());
        let scores: &mut [Option<f64>] = if self.parts.len() <= few.len() {
            &mut few[..self.parts.len()]
        } else {
            many.resize(self.parts.len(), None);
            &mut many
        };
        for pass_supporting in [false, true] {
            if pass_supporting && let Some(floor) = floor {
                let (content, content_weight, scale) = self.content(|k| scores[k]);
                let support: f64 = self.parts.iter().filter(|(c, _)| c.supporting()).map(|(_, w)| w).sum();
                // The weighted mean with every supporting component at 1, its weight scaled.
                let best = (content * content_weight + support * scale) / (content_weight + support * scale);
                if content_weight > 0.0 && content.max(best) + 1e-9 < floor {
                    return 0.0;
                }
            }
            for (k, (c, _)) in self.parts.iter().enumerate() {
                if c.supporting() == pass_supporting {
                    scores[k] = c.score(a, b);
                    if let Some(s) = scores[k] {
                        seen(c.name(), s);
                    }
                }
            }
        }
        self.combine(|k| scores[k])
    }

    /// The content of a pair from every component's score (`scores(k)`, for the `k`-th part):
    /// the weighted mean of the content components that apply, their weight, and the scale of
    /// the supporting components' weights, `min(1, content / evidence)`.
    fn content(&self, scores: impl Fn(usize) -> Option<f64>) -> (f64, f64, f64) {
        let (mut content, mut content_weight) = (0.0, 0.0);
        for (k, (c, w)) in self.parts.iter().enumerate() {
            if let Some(s) = scores(k).filter(|_| !c.supporting()) {
                content += w * s;
                content_weight += w;
            }
        }
        let content = if content_weight > 0.0 {
            content / content_weight
        } else {
            0.0
        };
        let scale = if self.evidence > 0.0 {
            (content / self.evidence).min(1.0)
        } else {
            1.0
        };
        (content, content_weight, scale)
    }

    /// The combined scores of every measure of document `left` against every measure of
    /// document `right` in a feature set. Fails when either index is not a document of the set.
    pub fn matrix(&self, features: &FeatureSet, left: usize, right: usize) -> Result<ScoreMatrix> {
        let side = |d: usize| {
            features.docs.get(d).ok_or_else(|| {
                Error::inconsistent(format!(
                    "document {d} is not in the feature set ({} documents)",
                    features.docs.len()
                ))
            })
        };
        let (l, r) = (side(left)?, side(right)?);
        // Component by component, a row at a time (a component may prepare its left measure
        // once for the row), then combined pair by pair as `combined` does.
        let mut rows: Vec<Vec<Option<f64>>> = vec![Vec::with_capacity(r.len()); self.parts.len()];
        let scores = l
            .iter()
            .map(|a| {
                for ((c, _), row) in self.parts.iter().zip(&mut rows) {
                    c.score_row(a, r, row);
                }
                (0..r.len()).map(|j| self.combine(|k| rows[k][j])).collect()
            })
            .collect();
        Ok(ScoreMatrix {
            left,
            right,
            cols: r.len(),
            scores,
        })
    }

    /// The combined score from every component's score (`scores(k)`, for the `k`-th part), as
    /// [`Scorer::weigh`] describes it: what a pair and a cell of a score matrix both get.
    fn combine(&self, scores: impl Fn(usize) -> Option<f64>) -> f64 {
        let (content, content_weight, scale) = self.content(&scores);
        let (mut sum, mut weight) = (0.0, 0.0);
        for (k, (c, w)) in self.parts.iter().enumerate() {
            let Some(s) = scores(k) else { continue };
            let w = if c.supporting() && scale < 1.0 { w * scale } else { *w };
            sum += w * s;
            weight += w;
        }
        let mean = if weight > 0.0 { sum / weight } else { 0.0 };
        let combined = if content_weight > 0.0 { mean.max(content) } else { mean };
        combined.clamp(0.0, 1.0)
    }

    /// The combined score alone, without the components (what [`Scorer::matrix`] needs).
    pub fn combined(&self, a: &MeasureFeatures, b: &MeasureFeatures) -> f64 {
        self.weigh(a, b, None, |_, _| {})
    }

    /// [`Scorer::combined`] when it may reach `threshold`, else 0: the content components are
    /// scored first, and when even supporting components all scoring 1 could not lift the
    /// pair to the threshold, the others are not computed. What one-to-one assignment needs
    /// (a pair under the threshold weighs nothing there), at a fraction of the cost on the
    /// many pairs that share little.
    pub fn combined_if_above(&self, a: &MeasureFeatures, b: &MeasureFeatures, threshold: f64) -> f64 {
        self.weigh(a, b, Some(threshold), |_, _| {})
    }

    /// The evidence from which a supporting component (position) weighs in full.
    pub fn evidence(&self) -> f64 {
        self.evidence
    }
}

/// Combined scores of the measures of two documents: `get(i, j)` for left measure `i` and
/// right measure `j`. Always rectangular: every row has [`ScoreMatrix::cols`] scores.
#[derive(Debug, Clone, PartialEq)]
pub struct ScoreMatrix {
    left: usize,
    right: usize,
    cols: usize,
    scores: Vec<Vec<f64>>,
}

impl ScoreMatrix {
    /// A matrix of scores, `rows[i][j]` for left measure `i` and right measure `j`, between
    /// documents `left` and `right` of a feature set. Fails when the rows differ in length or
    /// a score is not a number.
    ///
    /// ```
    /// let m = policy_align::ScoreMatrix::new(0, 1, vec![vec![0.9, 0.1], vec![0.2, 0.8]]).unwrap();
    /// assert_eq!((m.rows(), m.cols(), m.get(1, 1)), (2, 2, Some(0.8)));
    /// assert!(policy_align::ScoreMatrix::new(0, 1, vec![vec![0.9], vec![0.2, 0.8]]).is_err());
    /// ```
    pub fn new(left: usize, right: usize, rows: Vec<Vec<f64>>) -> Result<ScoreMatrix> {
        let cols = rows.first().map_or(0, Vec::len);
        if let Some(i) = rows.iter().position(|r| r.len() != cols) {
            return Err(Error::inconsistent(format!(
                "row {i} of the score matrix has {} scores, row 0 has {cols}",
                rows[i].len()
            )));
        }
        if rows.iter().flatten().any(|x| x.is_nan()) {
            return Err(Error::inconsistent("a score is not a number"));
        }
        Ok(ScoreMatrix {
            left,
            right,
            cols,
            scores: rows,
        })
    }

    /// Index of the left document in the feature set.
    pub fn left(&self) -> usize {
        self.left
    }

    /// Index of the right document.
    pub fn right(&self) -> usize {
        self.right
    }

    /// Number of rows (left measures).
    pub fn rows(&self) -> usize {
        self.scores.len()
    }

    /// Number of columns (right measures).
    pub fn cols(&self) -> usize {
        self.cols
    }

    /// The score of left measure `i` and right measure `j`, `None` out of range.
    pub fn get(&self, i: usize, j: usize) -> Option<f64> {
        self.scores.get(i)?.get(j).copied()
    }

    /// The rows of scores.
    pub fn as_rows(&self) -> &[Vec<f64>] {
        &self.scores
    }

    /// The matrix with left and right swapped.
    pub fn transposed(&self) -> ScoreMatrix {
        let scores = (0..self.cols)
            .map(|j| self.scores.iter().map(|row| row[j]).collect())
            .collect();
        ScoreMatrix {
            left: self.right,
            right: self.left,
            cols: self.scores.len(),
            scores,
        }
    }
}

#[cfg(test)]
mod tests;
