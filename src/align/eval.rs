//! Alignments scored against a gold: precision, recall and F1.

use super::many::LinkKind;
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

/// How much of each other two linked measures cover.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Strength {
    /// The same measure, reworded. The default.
    #[default]
    Strong,
    /// One covers part of the other (the halves of a split, the parts of a merge).
    Partial,
}

/// A link of a gold alignment: two headings, how strong, what shape.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GoldLink {
    /// Heading of the left measure.
    pub left: String,
    /// Heading of the right measure.
    pub right: String,
    /// Strong or partial. Default: strong.
    #[serde(default)]
    pub strength: Strength,
    /// 1:1, N:1 or 1:N. Default: 1:1.
    #[serde(default)]
    pub kind: LinkKind,
}

/// A gold alignment labelled by reading both documents: the links, and, when given, the
/// measures that have no counterpart and the tempting pairs that are not counterparts.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Gold {
    /// The links.
    pub pairs: Vec<GoldLink>,
    /// Headings of the left measures without a counterpart.
    #[serde(default)]
    pub unmatched_left: Vec<String>,
    /// Headings of the right measures without a counterpart.
    #[serde(default)]
    pub unmatched_right: Vec<String>,
    /// Pairs that share words but are not counterparts: an aligner must not pair them.
    #[serde(default)]
    pub decoys: Vec<GoldPair>,
}

impl Gold {
    /// The links as pairs of headings.
    pub fn heading_pairs(&self) -> Vec<GoldPair> {
        self.pairs
            .iter()
            .map(|l| GoldPair {
                left: l.left.clone(),
                right: l.right.clone(),
            })
            .collect()
    }
}

/// Reads a gold alignment: a JSON list of `{"left": heading, "right": heading}`, or an object
/// `{"pairs": [{"left", "right", "strength": "strong"|"partial", "kind": "1:1"|"N:1"|"1:N"}],
/// "unmatched_left": [heading], "unmatched_right": [heading], "decoys": [{"left", "right"}]}`.
/// `source` names it in errors.
pub fn read_gold(json: &str, source: &str) -> Result<Gold> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Form {
        List(Vec<GoldLink>),
        Full(Gold),
    }
    let error = |line: usize, message: String| Error::Gold {
        location: Location {
            source: source.to_owned(),
            line: Some(line),
            byte: None,
        },
        message,
    };
    // Parsed as a value first, so that a syntax error names its line.
    let value: serde_json::Value = serde_json::from_str(json).map_err(|e| error(e.line(), e.to_string()))?;
    match serde_json::from_value::<Form>(value) {
        Ok(Form::List(pairs)) => Ok(Gold {
            pairs,
            ..Gold::default()
        }),
        Ok(Form::Full(gold)) => Ok(gold),
        Err(_) => Err(error(
            1,
            "not a gold alignment: expected a list of {\"left\", \"right\"} or an object with \"pairs\"".into(),
        )),
    }
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
    /// Decoys of the gold that were paired.
    pub decoys_paired: Vec<GoldPair>,
    /// Links of merges and splits (N:1, 1:N) found, and how many the gold has.
    pub many_found: (usize, usize),
}

impl std::fmt::Display for Evaluation {
    /// `true 17  precision 1.000  recall 0.944  F1 0.971`, then a line per pair not in the gold
    /// (`not in gold: a ~ b`), per gold pair missed (`missed: a ~ b`), per decoy paired
    /// (`decoy paired: a ~ b`), and the merges and splits found when the gold has any.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "true {}  precision {:.3}  recall {:.3}  F1 {:.3}",
            self.true_positives, self.precision, self.recall, self.f1
        )?;
        if self.many_found.1 > 0 {
            write!(f, "  merges and splits {} of {}", self.many_found.0, self.many_found.1)?;
        }
        for (what, list) in [
            ("not in gold", &self.false_positives),
            ("missed", &self.false_negatives),
            ("decoy paired", &self.decoys_paired),
        ] {
            for p in list {
                write!(f, "\n  {what}: {} ~ {}", p.left, p.right)?;
            }
        }
        Ok(())
    }
}

/// Compares predicted pairs (as headings) with a gold. Fails, naming the heading, if a heading
/// of the gold is not a measure of its document.
pub fn evaluate(predicted: &[GoldPair], gold: &Gold, left: &Document, right: &Document) -> Result<Evaluation> {
    let lefts = gold.pairs.iter().map(|g| &g.left).chain(&gold.unmatched_left);
    let lefts = lefts.chain(gold.decoys.iter().map(|d| &d.left));
    let rights = gold.pairs.iter().map(|g| &g.right).chain(&gold.unmatched_right);
    let rights = rights.chain(gold.decoys.iter().map(|d| &d.right));
    for (heading, doc) in lefts.map(|h| (h, left)).chain(rights.map(|h| (h, right))) {
        if !doc.measures.iter().any(|m| &m.title == heading) {
            return Err(Error::Gold {
                location: Location::file(doc.name.clone()),
                message: format!("gold heading {heading:?} is not a measure of this document"),
            });
        }
    }
    let links = gold.heading_pairs();
    let tp = predicted.iter().filter(|p| links.contains(p)).count();
    let precision = if predicted.is_empty() {
        0.0
    } else {
        tp as f64 / predicted.len() as f64
    };
    let recall = if links.is_empty() {
        0.0
    } else {
        tp as f64 / links.len() as f64
    };
    let f1 = if precision + recall > 0.0 {
        2.0 * precision * recall / (precision + recall)
    } else {
        0.0
    };
    let many: Vec<GoldPair> = gold
        .pairs
        .iter()
        .filter(|l| l.kind != LinkKind::OneToOne)
        .map(|l| GoldPair {
            left: l.left.clone(),
            right: l.right.clone(),
        })
        .collect();
    Ok(Evaluation {
        precision,
        recall,
        f1,
        true_positives: tp,
        false_positives: predicted.iter().filter(|p| !links.contains(p)).cloned().collect(),
        false_negatives: links.iter().filter(|g| !predicted.contains(g)).cloned().collect(),
        decoys_paired: gold.decoys.iter().filter(|d| predicted.contains(d)).cloned().collect(),
        many_found: (many.iter().filter(|m| predicted.contains(m)).count(), many.len()),
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
