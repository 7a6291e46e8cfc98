//! Alignments scored against a gold: precision, recall and F1.

use super::pairs::Alignment;
use crate::document::Document;
use crate::error::{Error, Location, Result};
use serde::{Deserialize, Serialize};

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
    /// The pairs as headings, for [`evaluate`]. Fails when a pair's measure is not a measure
    /// of `left` or `right` (an alignment of other documents).
    pub fn heading_pairs(&self, left: &Document, right: &Document) -> Result<Vec<GoldPair>> {
        self.pairs
            .iter()
            .map(|p| {
                let title = |doc: &Document, index: usize, id: &str| {
                    doc.measures
                        .get(index)
                        .filter(|m| m.id == id)
                        .map(|m| m.title.clone())
                        .ok_or_else(|| {
                            Error::inconsistent(format!(
                                "measure {id} of the alignment is not a measure of {}",
                                doc.name
                            ))
                        })
                };
                Ok(GoldPair {
                    left: title(left, p.left_index, &p.left)?,
                    right: title(right, p.right_index, &p.right)?,
                })
            })
            .collect()
    }
}
