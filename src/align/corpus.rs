//! Corpus mode: clusters of equivalent measures across N documents, and their coverage.

use super::pairs::{Aligner, Strategy, choose_pairs};
use crate::features::{FeatureSet, MeasureFeatures, SparseVector};
use crate::similarity::ScoreMatrix;
use serde::Serialize;
use std::collections::HashMap;

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
        for (done, doc) in features.docs.iter().enumerate() {
            progress(done, total);
            state.add_document(self, done, doc);
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
    fn add_document(&mut self, aligner: &Aligner, d: usize, doc: &[MeasureFeatures]) {
        // Candidate clusters: those sharing one of a measure's heaviest words or bigrams.
        let mut candidates: Vec<usize> = doc
            .iter()
            .flat_map(index_keys)
            .filter_map(|k| self.index.get(&k))
            .flatten()
            .copied()
            .collect();
        candidates.sort_unstable();
        candidates.dedup();
        let mut assigned = vec![None; doc.len()];
        if !candidates.is_empty() {
            let rows: Vec<Vec<f64>> = doc
                .iter()
                .map(|f| {
                    candidates
                        .iter()
                        .map(|&c| aligner.scorer().score(f, &self.clusters[c].probe).score)
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
                    self.clusters[c].add(d, f);
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
        let documents = features.docs.len();
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
    /// `(document index, measure id)`.
    members: Vec<(usize, String)>,
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
    fn new(d: usize, f: &MeasureFeatures) -> Building {
        let mut b = Building {
            members: Vec::new(),
            words: HashMap::new(),
            bigrams: HashMap::new(),
            probe: f.clone(),
        };
        b.add(d, f);
        b
    }

    fn add(&mut self, d: usize, f: &MeasureFeatures) {
        self.members.push((d, f.id.clone()));
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
