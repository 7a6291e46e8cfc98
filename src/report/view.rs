//! The renderer trait, and the views it renders: a document, a comparison, a corpus.

use crate::agency::{Crosswalk, CrosswalkRow, DocumentAgencies};
use crate::align::{Alignment, CorpusAlignment, Pair};
use crate::diffusion::{Adoption, Diffusion};
use crate::document::{Document, Measure};
use crate::error::{Error, Result};
use crate::graph::{DiffusionGraph, PolicyGraph};
use std::collections::HashMap;

/// Renders reports in one format. Each method has a default that says the format does not
/// render that kind of report.
pub trait Renderer {
    /// The format's name (`text`, `csv`…), for messages.
    fn format(&self) -> &'static str;

    /// One or more parsed documents (`inspect`).
    fn documents(&self, documents: &[DocumentReport]) -> Result<String> {
        let _ = documents;
        Err(self.unsupported("documents"))
    }

    /// A comparison of two documents.
    fn comparison(&self, report: &ComparisonReport) -> Result<String> {
        let _ = report;
        Err(self.unsupported("a comparison"))
    }

    /// A corpus of documents.
    fn corpus(&self, report: &CorpusReport) -> Result<String> {
        let _ = report;
        Err(self.unsupported("a corpus"))
    }

    /// The agency graph.
    fn graph(&self, graph: &PolicyGraph) -> Result<String> {
        let _ = graph;
        Err(self.unsupported("a graph"))
    }

    /// A diffusion study.
    fn diffusion(&self, report: &DiffusionReport) -> Result<String> {
        let _ = report;
        Err(self.unsupported("a diffusion study"))
    }

    /// Writes a corpus to `out`: the bytes of [`Renderer::corpus`]. The default renders the
    /// whole string first; formats whose output grows large stream it (JSON).
    fn write_corpus(&self, report: &CorpusReport, out: &mut dyn std::io::Write) -> Result<()> {
        let text = self.corpus(report)?;
        out.write_all(text.as_bytes())
            .map_err(|source| Error::Output { source })
    }

    /// Writes a diffusion study to `out`: the bytes of [`Renderer::diffusion`]. The default
    /// renders the whole string first; formats whose output grows large stream it (JSON).
    fn write_diffusion(&self, report: &DiffusionReport, out: &mut dyn std::io::Write) -> Result<()> {
        let text = self.diffusion(report)?;
        out.write_all(text.as_bytes())
            .map_err(|source| Error::Output { source })
    }

    /// The error for a kind of report this format does not render.
    fn unsupported(&self, report: &'static str) -> Error {
        Error::Unsupported {
            format: self.format(),
            report,
        }
    }
}

/// A parsed document, with the agencies of its mentions when they were resolved.
#[derive(Debug, Clone, Copy)]
pub struct DocumentReport<'a> {
    pub(super) document: &'a Document,
    pub(super) agencies: Option<&'a DocumentAgencies>,
}

impl<'a> DocumentReport<'a> {
    /// A document and, optionally, its resolved agencies
    /// ([`AgencyRegistry::resolve_document`](crate::AgencyRegistry::resolve_document)). Fails
    /// when the agencies are not this document's.
    pub fn new(document: &'a Document, agencies: Option<&'a DocumentAgencies>) -> Result<DocumentReport<'a>> {
        if let Some(a) = agencies {
            a.check(document)?;
        }
        Ok(DocumentReport { document, agencies })
    }

    /// The document.
    pub fn document(&self) -> &'a Document {
        self.document
    }

    /// Its agencies, if resolved.
    pub fn agencies(&self) -> Option<&'a DocumentAgencies> {
        self.agencies
    }
}

/// A comparison of two documents, ready to render: made by
/// [`Comparison::report`](crate::Comparison::report).
#[derive(Debug, Clone, Copy)]
pub struct ComparisonReport<'a> {
    pub(crate) left: &'a Document,
    pub(crate) right: &'a Document,
    pub(crate) left_agencies: &'a DocumentAgencies,
    pub(crate) right_agencies: &'a DocumentAgencies,
    pub(crate) alignment: &'a Alignment,
    pub(crate) crosswalk: &'a Crosswalk,
    pub(crate) graph: &'a PolicyGraph,
}

impl<'a> ComparisonReport<'a> {
    /// The left document.
    pub fn left(&self) -> &'a Document {
        self.left
    }

    /// The right document.
    pub fn right(&self) -> &'a Document {
        self.right
    }

    /// The alignment.
    pub fn alignment(&self) -> &'a Alignment {
        self.alignment
    }

    /// The agency cross-walk.
    pub fn crosswalk(&self) -> &'a Crosswalk {
        self.crosswalk
    }

    /// The agency graph of the two documents.
    pub fn graph(&self) -> &'a PolicyGraph {
        self.graph
    }

    /// The two measures of a pair.
    pub(super) fn pair(&self, p: &Pair) -> Result<(&'a Measure, &'a Measure)> {
        let get = |doc: &'a Document, i: usize, id: &str| {
            doc.measures
                .get(i)
                .filter(|m| m.id == id)
                .ok_or_else(|| Error::inconsistent(format!("measure {id} is not a measure of {}", doc.name)))
        };
        Ok((
            get(self.left, p.left_index, &p.left)?,
            get(self.right, p.right_index, &p.right)?,
        ))
    }

    /// A line saying that many-to-one is the better reading, when it is.
    pub(super) fn many_to_one_note(&self, ln: &str, rn: &str) -> Option<String> {
        let m = &self.alignment.many_to_one;
        let (n, of, who, whom, what) = match m.suggested(self.left.measures.len(), self.right.measures.len())? {
            true => (m.split.len(), self.right.measures.len(), rn, ln, "splits"),
            false => (m.merged.len(), self.left.measures.len(), ln, rn, "is merged into"),
        };
        let verb = if what == "splits" {
            format!("{rn} splits measures of {ln}")
        } else {
            format!("measures of {ln} are merged in {rn}")
        };
        Some(format!(
            "Many-to-one reading: {n} of {of} measures of {who} ({}) best match a measure of {whom} that is already paired: {verb}, as task-division documents do; --strategy many-to-many pairs them all.",
            percent(n, of)
        ))
    }

    /// Summary figures: measures matched on each side, mean score.
    pub(super) fn summary(&self) -> Summary {
        let a = self.alignment;
        let left_matched = self.left.measures.len().saturating_sub(a.unmatched_left.len());
        let right_matched = self.right.measures.len().saturating_sub(a.unmatched_right.len());
        let mean = if a.pairs.is_empty() {
            0.0
        } else {
            a.pairs.iter().map(|p| p.score).sum::<f64>() / a.pairs.len() as f64
        };
        Summary {
            left_matched,
            right_matched,
            mean,
        }
    }

    /// The rows of the agency cross-walk, with the side each belongs to.
    pub(super) fn crosswalk_rows(&self) -> Vec<(&'static str, &'a CrosswalkRow)> {
        let w = self.crosswalk;
        let mut rows: Vec<(&'static str, &CrosswalkRow)> = w.shared.iter().map(|r| ("shared", r)).collect();
        rows.extend(w.left_only.iter().map(|r| ("left only", r)));
        rows.extend(w.right_only.iter().map(|r| ("right only", r)));
        rows.extend(w.collective.iter().map(|r| ("collective", r)));
        rows.extend(w.annex_only.iter().map(|r| ("annex only", r)));
        rows
    }

    /// The cross-walk's counts in words, as every report states them.
    pub(super) fn agency_counts(&self, ln: &str, rn: &str) -> String {
        let w = self.crosswalk;
        let mut s = format!(
            "named in measures: {} shared, {} only in {ln}, {} only in {rn}, {}",
            w.shared.len(),
            w.left_only.len(),
            w.right_only.len(),
            count(w.collective.len(), "collective")
        );
        if !w.annex_only.is_empty() {
            s += &format!("; {} named only in annex tables", w.annex_only.len());
        }
        s
    }
}

/// The alignment of a corpus, ready to render: made by
/// [`CorpusComparison::report`](crate::CorpusComparison::report).
#[derive(Debug, Clone)]
pub struct CorpusReport<'a> {
    pub(crate) documents: Vec<&'a Document>,
    pub(crate) agencies: &'a [DocumentAgencies],
    pub(crate) corpus: &'a CorpusAlignment,
    pub(crate) graph: &'a PolicyGraph,
}

impl<'a> CorpusReport<'a> {
    /// The documents, in the order they were aligned.
    pub fn documents(&self) -> &[&'a Document] {
        &self.documents
    }

    /// Clusters and coverage.
    pub fn alignment(&self) -> &'a CorpusAlignment {
        self.corpus
    }

    /// The agency graph of the corpus.
    pub fn graph(&self) -> &'a PolicyGraph {
        self.graph
    }

    /// The title of a cluster member.
    pub(super) fn member_title(&self, d: usize, id: &str) -> &'a str {
        self.documents
            .get(d)
            .and_then(|doc| doc.measure(id))
            .map_or("", |m| m.title.as_str())
    }
}

/// The names of the two documents of a comparison, distinct ([`crate::display_names`]).
pub(super) fn side_names(left: &Document, right: &Document) -> (String, String) {
    let mut names = crate::document::display_names(&[left, right]).into_iter();
    let l = names.next().unwrap_or_default();
    (l, names.next().unwrap_or_default())
}

/// Summary figures of a comparison.
pub(super) struct Summary {
    pub(super) left_matched: usize,
    pub(super) right_matched: usize,
    pub(super) mean: f64,
}

/// `n` and the noun, singular or plural as a person writes it (`1 measure`, `2 measures`,
/// `1 agency`, `3 agencies`, `no pairs`).
pub(super) fn count(n: usize, noun: &str) -> String {
    let plural = match noun.strip_suffix('y') {
        Some(stem) => format!("{stem}ies"),
        None => format!("{noun}s"),
    };
    match n {
        0 => format!("no {plural}"),
        1 => format!("1 {noun}"),
        _ => format!("{n} {plural}"),
    }
}

pub(super) fn percent(part: usize, whole: usize) -> String {
    if whole == 0 {
        "0%".into()
    } else {
        format!("{:.0}%", 100.0 * part as f64 / whole as f64)
    }
}

/// A diffusion study ([`DiffusionStudy::report`](crate::DiffusionStudy::report)): the documents,
/// the tables and the graph of citations and reuse.
#[derive(Debug, Clone, Copy)]
pub struct DiffusionReport<'a> {
    pub(crate) documents: &'a [Document],
    pub(crate) diffusion: &'a Diffusion,
    pub(crate) graph: &'a DiffusionGraph,
}

impl<'a> DiffusionReport<'a> {
    /// The documents, in the order of the tables' document rows.
    pub fn documents(&self) -> &'a [Document] {
        self.documents
    }

    /// The tables.
    pub fn diffusion(&self) -> &'a Diffusion {
        self.diffusion
    }

    /// The graph of citations and reuse.
    pub fn graph(&self) -> &'a DiffusionGraph {
        self.graph
    }

    /// The document with this id.
    pub(super) fn document(&self, id: &str) -> Option<&'a Document> {
        self.diffusion.index_of(id).and_then(|i| self.documents.get(i))
    }

    /// The reference document, when there is one.
    pub(super) fn reference(&self) -> Option<&'a Document> {
        self.diffusion.reference.as_deref().and_then(|id| self.document(id))
    }

    /// The ids of the documents other than the reference, in order.
    pub(super) fn others(&self) -> Vec<&'a str> {
        let reference = self.diffusion.reference.as_deref();
        self.diffusion
            .documents
            .iter()
            .map(|d| d.id.as_str())
            .filter(|id| Some(*id) != reference)
            .collect()
    }

    /// The adoptions by document and reference measure, for a grid to look each cell up once.
    pub(super) fn adoptions(&self) -> HashMap<(&'a str, &'a str), &'a Adoption> {
        self.diffusion
            .adoptions
            .iter()
            .map(|a| ((a.document.as_str(), a.reference_measure.as_str()), a))
            .collect()
    }
}
