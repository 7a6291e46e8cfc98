//! Corpus mode: clusters of equivalent measures across N documents, and their coverage.

use super::pairs::{Aligner, Strategy, choose_pairs};
use crate::features::{FeatureSet, MeasureFeatures, SparseVector};
use crate::similarity::ScoreMatrix;
use rayon::prelude::*;
use rustc_hash::FxHashMap as HashMap;
use serde::Serialize;

impl Aligner {
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
        let mut state = Clustering::default();
        // Each measure's index keys depend on it alone: computed up front, in parallel.
        let keys: Vec<Vec<Vec<Key>>> = features
            .docs
            .par_iter()
            .map(|doc| doc.iter().map(|f| index_keys(f).collect()).collect())
            .collect();
        for (done, (doc, keys)) in features.docs.iter().zip(&keys).enumerate() {
            progress(done, total);
            state.add_document(self, done, doc, keys);
        }
        progress(total, total);
        state.finish(features)
    }
}

/// Clusters being built, with the inverted index of their heaviest terms.
#[derive(Default)]
struct Clustering {
    clusters: Vec<Building>,
    /// Heaviest words and character bigrams of each cluster → clusters.
    index: HashMap<Key, Vec<usize>>,
}

impl Clustering {
    /// Assigns a document's measures one-to-one to the clusters that share heavy terms with
    /// them; the others start clusters of their own.
    fn add_document(&mut self, aligner: &Aligner, d: usize, doc: &[MeasureFeatures], keys: &[Vec<Key>]) {
        // Candidate clusters: those sharing one of a measure's heaviest words or bigrams.
        let mut candidates: Vec<usize> = keys
            .iter()
            .flatten()
            .filter_map(|k| self.index.get(k))
            .flatten()
            .copied()
            .collect();
        candidates.sort_unstable();
        candidates.dedup();
        let mut assigned = vec![None; doc.len()];
        if !candidates.is_empty() {
            // One row per measure, scored in parallel (rayon): the rows are independent, and
            // collected in order, so that the result is the same on every run.
            let rows: Vec<Vec<f64>> = doc
                .par_iter()
                .map(|f| {
                    candidates
                        .iter()
                        .map(|&c| {
                            let probe = &self.clusters[c].probe;
                            aligner.scorer().combined_if_above(f, probe, aligner.threshold())
                        })
                        .collect()
                })
                .collect();
            // Rows of one length, scores clamped to [0, 1]: the matrix is always valid.
            if let Ok(matrix) = ScoreMatrix::new(0, 0, rows) {
                for (i, j) in choose_pairs(&matrix, Strategy::OneToOne, aligner.threshold()) {
                    assigned[i] = Some(candidates[j]);
                }
            }
        }
        for (i, f) in doc.iter().enumerate() {
            let c = match assigned[i] {
                Some(c) => {
                    // The cluster's keys change only with its centroid.
                    if !self.clusters[c].add(d, f) {
                        continue;
                    }
                    c
                }
                None => {
                    self.clusters.push(Building::new(d, f));
                    self.clusters.len() - 1
                }
            };
            for k in index_keys(&self.clusters[c].probe) {
                let list = self.index.entry(k).or_default();
                if list.last() != Some(&c) && !list.contains(&c) {
                    list.push(c);
                }
            }
        }
    }

    fn finish(self, features: &FeatureSet) -> CorpusAlignment {
        let clusters: Vec<Cluster> = self
            .clusters
            .into_iter()
            .enumerate()
            .map(|(k, b)| Cluster {
                id: format!("c{}", k + 1),
                title: b.probe.title.clone(),
                members: b.members,
            })
            .collect();
        CorpusAlignment {
            clusters,
            documents: features.docs.len(),
        }
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

/// Up to this many members, a cluster's centroid is recomputed with every member; beyond, when
/// the cluster has grown by an eighth since the last time. The sums behind it grow with every
/// member's local words (place names), so recomputing it each time would make clustering
/// quadratic in the documents; a centroid of hundreds of members barely moves with one more.
const EXACT_CENTROID_MEMBERS: usize = 64;

fn top_terms(v: &SparseVector, k: usize) -> Vec<u32> {
    let mut terms: Vec<(f32, u32)> = v.iter().map(|&(t, w)| (w, t)).collect();
    terms.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    terms.into_iter().take(k).map(|(_, t)| t).collect()
}

/// A cluster being built: its members, and a probe (features that stand for it: the first
/// member's heading, context and agencies; the centroid of the members' vectors).
struct Building {
    /// `(document index, measure id)`.
    members: Vec<(usize, String)>,
    words: HashMap<u32, f32>,
    bigrams: HashMap<u32, f32>,
    probe: MeasureFeatures,
    /// How many members the centroid was last computed from.
    centroid_of: usize,
}

/// The [`CENTROID_TERMS`] heaviest terms of a sum of vectors (ties by term id), normalized,
/// sorted by term id. Selecting them is linear in the terms summed.
fn centroid(sum: &HashMap<u32, f32>) -> SparseVector {
    let mut v: Vec<(u32, f32)> = sum.iter().map(|(&t, &w)| (t, w)).collect();
    let heavier = |a: &(u32, f32), b: &(u32, f32)| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0));
    if v.len() > CENTROID_TERMS {
        v.select_nth_unstable_by(CENTROID_TERMS - 1, heavier);
        v.truncate(CENTROID_TERMS);
    }
    let norm = v.iter().map(|&(_, w)| f64::from(w) * f64::from(w)).sum::<f64>().sqrt();
    let mut v: SparseVector = v
        .into_iter()
        .map(|(t, w)| (t, (f64::from(w) / norm.max(1e-12)) as f32))
        .collect();
    v.sort_unstable_by_key(|&(t, _)| t);
    v
}

impl Building {
    fn new(d: usize, f: &MeasureFeatures) -> Building {
        let mut b = Building {
            members: Vec::new(),
            words: HashMap::default(),
            bigrams: HashMap::default(),
            probe: f.clone(),
            centroid_of: 0,
        };
        b.add(d, f);
        b
    }

    /// Adds a member; returns whether the centroid was recomputed.
    fn add(&mut self, d: usize, f: &MeasureFeatures) -> bool {
        self.members.push((d, f.id.clone()));
        for &(t, w) in &f.words {
            *self.words.entry(t).or_default() += w;
        }
        for &(t, w) in &f.bigrams {
            *self.bigrams.entry(t).or_default() += w;
        }
        let n = self.members.len();
        if n <= EXACT_CENTROID_MEMBERS || n >= self.centroid_of + self.centroid_of / 8 {
            self.probe.words = centroid(&self.words);
            self.probe.bigrams = centroid(&self.bigrams);
            self.centroid_of = n;
            return true;
        }
        false
    }
}

/// Equivalent measures across documents. Its fields are declared in byte order of their names,
/// as serde_json orders a map's keys, so that the corpus JSON writes it as it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Cluster {
    /// `c1`, `c2`… in order of creation.
    pub id: String,
    /// `(document index, measure id)` of each member, in document order.
    pub members: Vec<(usize, String)>,
    /// The heading of its first member.
    pub title: String,
}

/// The alignment of a corpus: clusters of equivalent measures. Coverage (which measure of each
/// document a cluster holds) is read from the clusters' members, so that the alignment grows
/// with the measures, never with clusters × documents: [`CorpusAlignment::measure_of`],
/// [`CorpusAlignment::coverage_row`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CorpusAlignment {
    /// The clusters, in order of creation.
    pub clusters: Vec<Cluster>,
    /// How many documents were aligned.
    pub documents: usize,
}

impl CorpusAlignment {
    /// The clusters that hold a measure of every document: measures all jurisdictions adopted.
    pub fn shared_by_all(&self) -> impl Iterator<Item = &Cluster> {
        let n = self.documents;
        self.clusters.iter().filter(move |c| c.members.len() == n)
    }

    /// The measure of document `document` in cluster `cluster`, if any (a cell of the coverage
    /// matrix, clusters × documents).
    pub fn measure_of(&self, cluster: usize, document: usize) -> Option<&str> {
        let members = &self.clusters.get(cluster)?.members;
        // Members are in document order, at most one per document.
        let k = members.binary_search_by_key(&document, |m| m.0).ok()?;
        Some(members[k].1.as_str())
    }

    /// A row of the coverage matrix: for each document, cluster `cluster`'s measure in it. Made
    /// on demand, for reports that print the matrix.
    pub fn coverage_row(&self, cluster: usize) -> Vec<Option<&str>> {
        let mut row = vec![None; self.documents];
        for (d, id) in self.clusters.get(cluster).map_or(&[][..], |c| &c.members[..]) {
            if let Some(cell) = row.get_mut(*d) {
                *cell = Some(id.as_str());
            }
        }
        row
    }
}
