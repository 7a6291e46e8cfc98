//! Adoption against a reference: copied, reworded, dropped, added.

use crate::align::Alignment;
use crate::document::Document;
use crate::error::{Error, Result};
use crate::reuse::{DEFAULT_MIN_CHARS, MeasureChars, Passage, copied_between};
use serde::Serialize;

/// What a document did with a measure of the reference.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Status {
    /// Aligned, and most of its text shared word for word.
    Copied,
    /// Aligned, little of it shared word for word.
    Reworded,
    /// No counterpart.
    Dropped,
}

impl Status {
    /// `copied`, `reworded` or `dropped`.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Copied => "copied",
            Status::Reworded => "reworded",
            Status::Dropped => "dropped",
        }
    }
}

/// One measure of the reference, in one other document.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Adoption {
    /// The other document's name.
    pub document: String,
    /// The reference measure's id.
    pub reference_measure: String,
    /// The other document's measure that answers it (the best-scoring one when it is split),
    /// `None` when dropped.
    pub measure: Option<String>,
    /// Copied, reworded or dropped.
    pub status: Status,
    /// The alignment score of the pair (0 when dropped).
    pub score: f64,
    /// The share of the answering measure's characters (heading and body, clause excluded) in
    /// passages copied word for word from the reference measure.
    pub verbatim_share: f64,
    /// The share of the reference measure's characters in those passages.
    pub reference_share: f64,
    /// The copied passages, with their spans in both documents (`left` in the reference).
    pub spans: Vec<Passage>,
}

/// A measure of the other document with no counterpart in the reference.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Addition {
    /// The other document's name.
    pub document: String,
    /// The measure's id.
    pub measure: String,
}

/// What a document did with the measures of a reference, measure by measure.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AdoptionTable {
    /// One row per measure of the reference, in its order.
    pub adoptions: Vec<Adoption>,
    /// The other document's measures that answer none of the reference's, in its order.
    pub additions: Vec<Addition>,
}

/// Options of [`adoptions`]: when an aligned measure counts as copied, and the shortest passage.
///
/// ```
/// let o = policy_align::diffusion::AdoptionOptions::default();
/// assert_eq!((o.copied_share, o.min_chars), (0.5, 8));
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct AdoptionOptions {
    /// The verbatim share from which an aligned measure is `copied` rather than `reworded`.
    /// Default: 0.5, half of the answering measure's text in passages taken word for word: a
    /// copy with local figures and names changed stays above it, a rewording that keeps a few
    /// stock phrases stays below (on the bundled pair, whose answers are rewordings, no
    /// share passes 0.39, either way round; the made copies of `corpus/diffusion` score
    /// 0.93 and more).
    pub copied_share: f64,
    /// The shortest copied passage, in characters ([`DEFAULT_MIN_CHARS`]).
    pub min_chars: usize,
}

impl Default for AdoptionOptions {
    fn default() -> Self {
        AdoptionOptions {
            copied_share: 0.5,
            min_chars: DEFAULT_MIN_CHARS,
        }
    }
}

/// What `other` did with each measure of `reference`, from their alignment (reference on the
/// left): `copied` (aligned, a verbatim share of at least `copied_share`), `reworded` (aligned,
/// less), `dropped` (no counterpart); and the measures of `other` that answer none of the
/// reference's (additions: the measures in no pair of the alignment; under
/// [`Strategy::ManyToMany`](crate::Strategy::ManyToMany) the halves of a split reference measure
/// are pairs, under one-to-one they are additions). A reference measure split into several gets
/// the status of its best-scoring answer. Fails when the alignment names a measure neither document has, or the
/// share is not in `0..=1`.
///
/// ```
/// use policy_align::{Pipeline, corpus, diffusion::{adoptions, AdoptionOptions, Status}};
/// let reference = corpus::XIANGSHAN.parse().unwrap();
/// let answer = corpus::HUIZHOU.parse().unwrap();
/// let c = Pipeline::new().compare(reference, answer).unwrap();
/// let t = adoptions(c.left(), c.right(), c.alignment(), &AdoptionOptions::default()).unwrap();
/// assert_eq!(t.adoptions.len(), c.left().measures.len());
/// // Huizhou rewords what it answers, and drops the rest.
/// assert!(t.adoptions.iter().all(|a| a.status != Status::Copied));
/// ```
pub fn adoptions(
    reference: &Document,
    other: &Document,
    alignment: &Alignment,
    options: &AdoptionOptions,
) -> Result<AdoptionTable> {
    let mut caches = (MeasureChars::default(), MeasureChars::default());
    adoptions_with(
        (reference, 0, &mut caches.0),
        (other, 0, &mut caches.1),
        alignment,
        options,
    )
}

/// [`adoptions`], the characters of each document's measures from a cache of the caller's, under
/// the caller's key for the document (a caller making the dyad of the pair too reads them once).
pub(crate) fn adoptions_with(
    reference: (&Document, usize, &mut MeasureChars),
    other: (&Document, usize, &mut MeasureChars),
    alignment: &Alignment,
    options: &AdoptionOptions,
) -> Result<AdoptionTable> {
    let ((reference, ref_key, ref_chars), (other, other_key, other_chars)) = (reference, other);
    if !(0.0..=1.0).contains(&options.copied_share) {
        return Err(Error::InvalidOption {
            option: "copied_share",
            message: format!("{} is not in 0..=1", options.copied_share),
        });
    }
    let mut rows = Vec::with_capacity(reference.measures.len());
    for (rk, rm) in reference.measures.iter().enumerate() {
        // The best-scoring answer; ties in the order of the other document.
        let best = alignment
            .pairs
            .iter()
            .filter(|p| p.left == rm.id)
            .max_by(|a, b| a.score.total_cmp(&b.score).then(b.right_index.cmp(&a.right_index)));
        let row = match best {
            None => Adoption {
                document: other.name.clone(),
                reference_measure: rm.id.clone(),
                measure: None,
                status: Status::Dropped,
                score: 0.0,
                verbatim_share: 0.0,
                reference_share: 0.0,
                spans: Vec::new(),
            },
            Some(p) => {
                let ok = other.index_of(p.right_index, &p.right).ok_or_else(|| {
                    Error::inconsistent(format!("the alignment names measure {} not in {}", p.right, other.name))
                })?;
                let om = &other.measures[ok];
                let (rc, oc) = (
                    ref_chars.of(ref_key, reference, rk),
                    other_chars.of(other_key, other, ok),
                );
                let reuse = copied_between(rc, (other, oc), options.min_chars);
                Adoption {
                    document: other.name.clone(),
                    reference_measure: rm.id.clone(),
                    measure: Some(om.id.clone()),
                    status: if reuse.verbatim_share >= options.copied_share {
                        Status::Copied
                    } else {
                        Status::Reworded
                    },
                    score: p.score,
                    verbatim_share: reuse.verbatim_share,
                    reference_share: reuse.reference_share,
                    spans: reuse.passages,
                }
            }
        };
        rows.push(row);
    }
    if let Some(p) = alignment.pairs.iter().find(|p| reference.measure(&p.left).is_none()) {
        return Err(Error::inconsistent(format!(
            "the alignment names measure {} not in {}",
            p.left, reference.name
        )));
    }
    let additions = other
        .measures
        .iter()
        .filter(|m| !alignment.pairs.iter().any(|p| p.right == m.id))
        .map(|m| Addition {
            document: other.name.clone(),
            measure: m.id.clone(),
        })
        .collect();
    Ok(AdoptionTable {
        adoptions: rows,
        additions,
    })
}
