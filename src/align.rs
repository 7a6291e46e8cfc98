//! Stage 8: which measure of one document corresponds to which of another, and which measures
//! are equivalent across many.
//!
//! An [`Aligner`] pairs the measures of two documents with one of three [`Strategy`]s, under a
//! threshold: measures without a counterpart are reported as unmatched, never forced into a pair.
//! [`Aligner::align_corpus`] clusters the measures of N documents (at most one measure per
//! document in a cluster) and gives a coverage matrix of clusters × documents; candidates come
//! from an inverted index over the clusters' heaviest terms, so the cost grows linearly with the
//! number of documents. [`evaluate`] scores an alignment against a gold file.

use crate::document::Document;
use crate::error::{Error, Location, Result};
use crate::features::{FeatureSet, MeasureFeatures, SparseVector};
use crate::similarity::{ScoreMatrix, Scorer};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};

/// How to pair measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Strategy {
    /// The one-to-one assignment of greatest total score above the threshold (Hungarian
    /// algorithm, pathfinding's `kuhn_munkres`). The default.
    #[default]
    OneToOne,
    /// Pairs that are each other's best match, above the threshold.
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
                option: "--strategy",
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
    shared_terms: usize,
}

impl Default for AlignerBuilder {
    fn default() -> Self {
        AlignerBuilder {
            scorer: None,
            strategy: Strategy::OneToOne,
            threshold: 0.23,
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
    /// How many shared terms explain each pair. Default: `5`.
    pub fn shared_terms(mut self, k: usize) -> Self {
        self.shared_terms = k;
        self
    }
    /// Builds the aligner. Fails on a threshold outside `0..=1`.
    pub fn build(self) -> Result<Aligner> {
        if !(0.0..=1.0).contains(&self.threshold) {
            return Err(Error::InvalidOption {
                option: "threshold",
                message: format!("{} is not in 0..=1", self.threshold),
            });
        }
        Ok(Aligner {
            scorer: self.scorer.unwrap_or_default(),
            strategy: self.strategy,
            threshold: self.threshold,
            shared_terms: self.shared_terms,
        })
    }
}

/// Pairs the measures of two documents, or clusters those of many.
#[derive(Debug)]
pub struct Aligner {
    scorer: Scorer,
    strategy: Strategy,
    threshold: f64,
    shared_terms: usize,
}

impl Default for Aligner {
    fn default() -> Self {
        AlignerBuilder::default().build().expect("default threshold is valid")
    }
}

/// Pairs `(i, j)` chosen by a strategy from a score matrix, in the order of `i` then `j`.
pub fn choose_pairs(matrix: &ScoreMatrix, strategy: Strategy, threshold: f64) -> Vec<(usize, usize)> {
    let s = &matrix.scores;
    let (n, m) = (s.len(), s.first().map_or(0, Vec::len));
    if n == 0 || m == 0 {
        return Vec::new();
    }
    let mut pairs: Vec<(usize, usize)> = match strategy {
        Strategy::OneToOne => {
            // Weights count only what a pair scores above the threshold, so that weak pairs
            // cannot buy a better total.
            let weight = |x: f64| {
                if x >= threshold {
                    ((x - threshold) * 1e6).round() as i64 + 1
                } else {
                    0
                }
            };
            let transpose = n > m;
            let rows: Vec<Vec<i64>> = if transpose {
                (0..m).map(|j| (0..n).map(|i| weight(s[i][j])).collect()).collect()
            } else {
                s.iter().map(|row| row.iter().map(|&x| weight(x)).collect()).collect()
            };
            let w = pathfinding::matrix::Matrix::from_rows(rows).expect("rows of equal length");
            let (_, assignment) = pathfinding::kuhn_munkres::kuhn_munkres(&w);
            assignment
                .into_iter()
                .enumerate()
                .map(|(r, c)| if transpose { (c, r) } else { (r, c) })
                .filter(|&(i, j)| s[i][j] >= threshold)
                .collect()
        }
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

    /// Aligns document `left` with document `right` of a feature set.
    pub fn align(&self, features: &FeatureSet, left: usize, right: usize) -> Alignment {
        let matrix = self.scorer.matrix(features, left, right);
        let chosen = choose_pairs(&matrix, self.strategy, self.threshold);
        let (l, r) = (&features.docs[left], &features.docs[right]);
        let pairs: Vec<Pair> = chosen
            .iter()
            .map(|&(i, j)| {
                let ps = self.scorer.score(&l[i], &r[j]);
                Pair {
                    left: l[i].id.clone(),
                    right: r[j].id.clone(),
                    left_index: i,
                    right_index: j,
                    score: ps.score,
                    components: ps.components,
                    shared_terms: features.shared_terms(&l[i], &r[j], self.shared_terms),
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
        Alignment {
            strategy: self.strategy,
            threshold: self.threshold,
            unmatched_left: unmatched(l, &|k| chosen.iter().any(|&(i, _)| i == k)),
            unmatched_right: unmatched(r, &|k| chosen.iter().any(|&(_, j)| j == k)),
            pairs,
        }
    }

    /// Clusters the measures of every document of a feature set: equivalent measures across
    /// jurisdictions, at most one per document in a cluster. Documents are taken in order;
    /// each document's measures are assigned one-to-one to the clusters that share heavy terms
    /// with them (an inverted index), or start clusters of their own.
    pub fn align_corpus(&self, features: &FeatureSet) -> CorpusAlignment {
        self.align_corpus_with_progress(features, &mut |_, _| {})
    }

    /// [`Aligner::align_corpus`], calling `progress(done, total)` after each document (for a
    /// progress bar).
    pub fn align_corpus_with_progress(
        &self,
        features: &FeatureSet,
        progress: &mut dyn FnMut(usize, usize),
    ) -> CorpusAlignment {
        let total = features.docs.len();
        let mut clusters: Vec<Building> = Vec::new();
        // Inverted index: heaviest words and character bigrams of each cluster → clusters.
        let mut index: HashMap<Key, Vec<usize>> = HashMap::new();
        for (done, doc) in features.docs.iter().enumerate() {
            progress(done, total);
            // Candidate clusters: those sharing one of a measure's heaviest words or bigrams.
            let mut candidates: Vec<usize> = doc
                .iter()
                .flat_map(index_keys)
                .filter_map(|k| index.get(&k))
                .flatten()
                .copied()
                .collect();
            candidates.sort_unstable();
            candidates.dedup();
            let matrix = ScoreMatrix {
                left: 0,
                right: 0,
                scores: doc
                    .iter()
                    .map(|f| {
                        candidates
                            .iter()
                            .map(|&c| self.scorer.score(f, &clusters[c].probe).score)
                            .collect()
                    })
                    .collect(),
            };
            let chosen = if candidates.is_empty() {
                Vec::new()
            } else {
                choose_pairs(&matrix, Strategy::OneToOne, self.threshold)
            };
            let mut assigned = vec![None; doc.len()];
            for (i, j) in chosen {
                assigned[i] = Some(candidates[j]);
            }
            for (i, f) in doc.iter().enumerate() {
                let c = match assigned[i] {
                    Some(c) => c,
                    None => {
                        clusters.push(Building::new(f));
                        clusters.len() - 1
                    }
                };
                if assigned[i].is_some() {
                    clusters[c].add(f);
                }
                for k in index_keys(&clusters[c].probe) {
                    let list = index.entry(k).or_default();
                    if list.last() != Some(&c) && !list.contains(&c) {
                        list.push(c);
                    }
                }
            }
        }
        progress(total, total);
        let documents = features.docs.len();
        let clusters: Vec<Cluster> = clusters
            .into_iter()
            .enumerate()
            .map(|(k, b)| Cluster {
                id: format!("c{}", k + 1),
                title: b.probe.title.clone(),
                members: b
                    .members
                    .iter()
                    .map(|&(d, m)| (d, features.docs[d][m].id.clone()))
                    .collect(),
            })
            .collect();
        let coverage = clusters
            .iter()
            .map(|c| {
                let mut row = vec![None; documents];
                for (d, id) in &c.members {
                    row[*d] = Some(id.clone());
                }
                row
            })
            .collect();
        CorpusAlignment { clusters, coverage }
    }
}

/// How many of its heaviest words, and of its heaviest bigrams, index a measure or a cluster.
const INDEX_TERMS: usize = 16;

/// A key of the inverted index: a word or a character bigram.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Key {
    Word(u32),
    Bigram(u32),
}

fn index_keys(f: &MeasureFeatures) -> impl Iterator<Item = Key> {
    let words = top_terms(&f.words, INDEX_TERMS).into_iter().map(Key::Word);
    words.chain(top_terms(&f.bigrams, INDEX_TERMS).into_iter().map(Key::Bigram))
}
/// How many terms a cluster centroid keeps.
const CENTROID_TERMS: usize = 96;

fn top_terms(v: &SparseVector, k: usize) -> Vec<u32> {
    let mut terms: Vec<(f32, u32)> = v.iter().map(|&(t, w)| (w, t)).collect();
    terms.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    terms.into_iter().take(k).map(|(_, t)| t).collect()
}

/// A cluster being built: its members, and a probe (features that stand for it: the first
/// member's heading, context and agencies; the centroid of the members' vectors).
struct Building {
    members: Vec<(usize, usize)>,
    words: HashMap<u32, f32>,
    bigrams: HashMap<u32, f32>,
    probe: MeasureFeatures,
}

fn centroid(sum: &HashMap<u32, f32>) -> SparseVector {
    let mut v: Vec<(u32, f32)> = sum.iter().map(|(&t, &w)| (t, w)).collect();
    v.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    v.truncate(CENTROID_TERMS);
    let norm = v.iter().map(|&(_, w)| f64::from(w) * f64::from(w)).sum::<f64>().sqrt();
    let mut v: SparseVector = v
        .into_iter()
        .map(|(t, w)| (t, (f64::from(w) / norm.max(1e-12)) as f32))
        .collect();
    v.sort_unstable_by_key(|&(t, _)| t);
    v
}

impl Building {
    fn new(f: &MeasureFeatures) -> Building {
        let mut b = Building {
            members: Vec::new(),
            words: HashMap::new(),
            bigrams: HashMap::new(),
            probe: f.clone(),
        };
        b.add(f);
        b
    }

    fn add(&mut self, f: &MeasureFeatures) {
        self.members.push((f.doc, f.measure));
        for &(t, w) in &f.words {
            *self.words.entry(t).or_default() += w;
        }
        for &(t, w) in &f.bigrams {
            *self.bigrams.entry(t).or_default() += w;
        }
        self.probe.words = centroid(&self.words);
        self.probe.bigrams = centroid(&self.bigrams);
    }
}

/// Equivalent measures across documents.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Cluster {
    /// `c1`, `c2`… in order of creation.
    pub id: String,
    /// The heading of its first member.
    pub title: String,
    /// `(document index, measure id)` of each member, in document order.
    pub members: Vec<(usize, String)>,
}

/// The alignment of a corpus: clusters and the coverage matrix.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CorpusAlignment {
    /// The clusters, in order of creation.
    pub clusters: Vec<Cluster>,
    /// `coverage[c][d]`: the measure of document `d` in cluster `c`, if any.
    pub coverage: Vec<Vec<Option<String>>>,
}

impl CorpusAlignment {
    /// The clusters that hold a measure of every document: measures all jurisdictions adopted.
    pub fn shared_by_all(&self) -> impl Iterator<Item = &Cluster> {
        let n = self.coverage.first().map_or(0, Vec::len);
        self.clusters.iter().filter(move |c| c.members.len() == n)
    }
}

/// A pair of headings in a gold alignment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GoldPair {
    /// Heading of the left measure (its title, without numbering).
    pub left: String,
    /// Heading of the right measure.
    pub right: String,
}

/// Reads a gold alignment: a JSON list of `{"left": heading, "right": heading}`. `source` names
/// it in errors.
pub fn read_gold(json: &str, source: &str) -> Result<Vec<GoldPair>> {
    serde_json::from_str(json).map_err(|e| Error::Gold {
        location: Location {
            source: source.to_owned(),
            line: Some(e.line()),
            byte: None,
        },
        message: e.to_string(),
    })
}

/// Precision, recall and F1 of an alignment against a gold.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Evaluation {
    /// Share of predicted pairs that are in the gold.
    pub precision: f64,
    /// Share of gold pairs that were predicted.
    pub recall: f64,
    /// Harmonic mean of precision and recall.
    pub f1: f64,
    /// Predicted pairs in the gold.
    pub true_positives: usize,
    /// Predicted pairs not in the gold, as headings.
    pub false_positives: Vec<GoldPair>,
    /// Gold pairs not predicted.
    pub false_negatives: Vec<GoldPair>,
}

/// Compares predicted pairs (as headings) with a gold. Fails, naming the heading, if a gold
/// heading is not a measure of its document.
pub fn evaluate(predicted: &[GoldPair], gold: &[GoldPair], left: &Document, right: &Document) -> Result<Evaluation> {
    for g in gold {
        for (heading, doc) in [(&g.left, left), (&g.right, right)] {
            if !doc.measures.iter().any(|m| &m.title == heading) {
                return Err(Error::Gold {
                    location: Location::file(doc.name.clone()),
                    message: format!("gold heading {heading:?} is not a measure of this document"),
                });
            }
        }
    }
    let tp = predicted.iter().filter(|p| gold.contains(p)).count();
    let precision = if predicted.is_empty() {
        0.0
    } else {
        tp as f64 / predicted.len() as f64
    };
    let recall = if gold.is_empty() {
        0.0
    } else {
        tp as f64 / gold.len() as f64
    };
    let f1 = if precision + recall > 0.0 {
        2.0 * precision * recall / (precision + recall)
    } else {
        0.0
    };
    Ok(Evaluation {
        precision,
        recall,
        f1,
        true_positives: tp,
        false_positives: predicted.iter().filter(|p| !gold.contains(p)).cloned().collect(),
        false_negatives: gold.iter().filter(|g| !predicted.contains(g)).cloned().collect(),
    })
}

impl Alignment {
    /// The pairs as headings, for [`evaluate`].
    pub fn heading_pairs(&self, left: &Document, right: &Document) -> Vec<GoldPair> {
        self.pairs
            .iter()
            .map(|p| GoldPair {
                left: left.measures[p.left_index].title.clone(),
                right: right.measures[p.right_index].title.clone(),
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matrix(rows: &[&[f64]]) -> ScoreMatrix {
        ScoreMatrix {
            left: 0,
            right: 1,
            scores: rows.iter().map(|r| r.to_vec()).collect(),
        }
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

/// Everything a comparison of two documents produces: the agencies of both sides from one
/// registry, the features, the alignment and the agency cross-walk.
#[derive(Debug, Clone)]
pub struct Comparison {
    /// Agencies of the left document's mentions.
    pub left_agencies: crate::agency::DocumentAgencies,
    /// Agencies of the right document's mentions.
    pub right_agencies: crate::agency::DocumentAgencies,
    /// Features of both documents' measures (left is document 0, right document 1).
    pub features: FeatureSet,
    /// The pairs and the unmatched measures.
    pub alignment: Alignment,
    /// Which agencies both name and which one only.
    pub crosswalk: crate::agency::Crosswalk,
}

impl Comparison {
    /// Compares two parsed documents. Build the registry, segmenter and aligner once and share
    /// them across comparisons.
    ///
    /// ```
    /// use policy_align::{AgencyRegistry, Aligner, Comparison, Segmenter, corpus};
    /// let (left, right) = (corpus::XIANGSHAN.parse()?, corpus::HUIZHOU.parse()?);
    /// let registry = AgencyRegistry::new();
    /// let segmenter = Segmenter::builder().agencies(&registry).build();
    /// let c = Comparison::new(&left, &right, &registry, &segmenter, &Aligner::default());
    /// let first = &c.alignment.pairs[0];
    /// assert_eq!((first.left.as_str(), first.right.as_str()), ("2.1.1", "2.1"));
    /// assert!(c.alignment.unmatched_left.contains(&"2.1.4".to_owned())); // 加强商业秘密保护
    /// # Ok::<(), policy_align::Error>(())
    /// ```
    pub fn new(
        left: &Document,
        right: &Document,
        registry: &crate::agency::AgencyRegistry,
        segmenter: &crate::segment::Segmenter,
        aligner: &Aligner,
    ) -> Comparison {
        let agencies = [registry.resolve_document(left), registry.resolve_document(right)];
        let features = FeatureSet::build(segmenter, &[left, right], &agencies);
        let alignment = aligner.align(&features, 0, 1);
        let [left_agencies, right_agencies] = agencies;
        let crosswalk = crate::agency::Crosswalk::new(registry, (left, &left_agencies), (right, &right_agencies));
        Comparison {
            left_agencies,
            right_agencies,
            features,
            alignment,
            crosswalk,
        }
    }
}
