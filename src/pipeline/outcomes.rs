//! What a pipeline run gives: two documents compared, a corpus aligned, a diffusion study.

use crate::agency::{Crosswalk, DocumentAgencies};
use crate::align::{Alignment, CorpusAlignment, GoldPair};
use crate::diffusion::Diffusion;
use crate::document::Document;
use crate::error::Result;
use crate::features::FeatureSet;
use crate::graph::{DiffusionGraph, PolicyGraph};
use crate::report::{ComparisonReport, CorpusReport, DiffusionReport, DocumentReport, Renderer};

/// Two documents compared: the documents, the agencies of both from one registry, the
/// features, the alignment, the agency cross-walk and the agency graph.
#[derive(Debug, Clone)]
pub struct Comparison {
    pub(super) left: Document,
    pub(super) right: Document,
    pub(super) left_agencies: DocumentAgencies,
    pub(super) right_agencies: DocumentAgencies,
    pub(super) features: FeatureSet,
    pub(super) alignment: Alignment,
    pub(super) crosswalk: Crosswalk,
    pub(super) graph: PolicyGraph,
}

impl Comparison {
    /// The left document.
    pub fn left(&self) -> &Document {
        &self.left
    }

    /// The right document.
    pub fn right(&self) -> &Document {
        &self.right
    }

    /// The agencies of the left document's mentions.
    pub fn left_agencies(&self) -> &DocumentAgencies {
        &self.left_agencies
    }

    /// The agencies of the right document's mentions.
    pub fn right_agencies(&self) -> &DocumentAgencies {
        &self.right_agencies
    }

    /// The features of both documents' measures (left is document 0, right document 1).
    pub fn features(&self) -> &FeatureSet {
        &self.features
    }

    /// The pairs and the unmatched measures.
    pub fn alignment(&self) -> &Alignment {
        &self.alignment
    }

    /// Which agencies both name and which one only.
    pub fn crosswalk(&self) -> &Crosswalk {
        &self.crosswalk
    }

    /// The graph of both documents' measures and agencies, with the aligned pairs.
    pub fn graph(&self) -> &PolicyGraph {
        &self.graph
    }

    /// The pairs as headings, for [`evaluate`](crate::evaluate).
    pub fn heading_pairs(&self) -> Vec<GoldPair> {
        // The alignment was made from these documents: every pair is theirs.
        self.alignment
            .heading_pairs(&self.left, &self.right)
            .unwrap_or_default()
    }

    /// The view a renderer takes.
    pub fn report(&self) -> ComparisonReport<'_> {
        ComparisonReport {
            left: &self.left,
            right: &self.right,
            left_agencies: &self.left_agencies,
            right_agencies: &self.right_agencies,
            alignment: &self.alignment,
            crosswalk: &self.crosswalk,
            graph: &self.graph,
        }
    }

    /// The comparison rendered by a renderer ([`Format::renderer`](crate::report::Format::renderer)).
    pub fn render(&self, renderer: &dyn Renderer) -> Result<String> {
        renderer.comparison(&self.report())
    }

    /// The documents back.
    pub fn into_documents(self) -> (Document, Document) {
        (self.left, self.right)
    }
}

/// A corpus aligned: the documents, their agencies, the features, clusters and coverage, and
/// the agency graph.
#[derive(Debug, Clone)]
pub struct CorpusComparison {
    pub(super) documents: Vec<Document>,
    pub(super) agencies: Vec<DocumentAgencies>,
    pub(super) features: FeatureSet,
    pub(super) alignment: CorpusAlignment,
    pub(super) graph: PolicyGraph,
}

impl CorpusComparison {
    /// The documents, in the order they were given.
    pub fn documents(&self) -> &[Document] {
        &self.documents
    }

    /// The agencies of each document's mentions.
    pub fn agencies(&self) -> &[DocumentAgencies] {
        &self.agencies
    }

    /// The features of every measure.
    pub fn features(&self) -> &FeatureSet {
        &self.features
    }

    /// Clusters of equivalent measures and the coverage matrix.
    pub fn alignment(&self) -> &CorpusAlignment {
        &self.alignment
    }

    /// The graph of every document's measures and agencies, with the clusters.
    pub fn graph(&self) -> &PolicyGraph {
        &self.graph
    }

    /// The view a renderer takes.
    pub fn report(&self) -> CorpusReport<'_> {
        CorpusReport {
            documents: self.documents.iter().collect(),
            agencies: &self.agencies,
            corpus: &self.alignment,
            graph: &self.graph,
        }
    }

    /// The corpus rendered by a renderer.
    pub fn render(&self, renderer: &dyn Renderer) -> Result<String> {
        renderer.corpus(&self.report())
    }

    /// Writes the report in a renderer's format to `out` as it is made
    /// ([`Renderer::write_corpus`]): what a large corpus needs, where the whole report as one
    /// string would not fit in memory.
    pub fn write(&self, renderer: &dyn Renderer, out: &mut dyn std::io::Write) -> Result<()> {
        renderer.write_corpus(&self.report(), out)
    }

    /// The view of one document with its agencies, `None` out of range.
    pub fn document_report(&self, index: usize) -> Option<DocumentReport<'_>> {
        let doc = self.documents.get(index)?;
        DocumentReport::new(doc, self.agencies.get(index)).ok()
    }
}

/// A diffusion study: the documents, the alignment of each pair aligned, the tables (documents in time
/// and place, adoptions, additions, dyads) and the graph of citations and reuse.
#[derive(Debug, Clone)]
pub struct DiffusionStudy {
    pub(super) documents: Vec<Document>,
    pub(super) alignments: Vec<(usize, usize, Alignment)>,
    pub(super) diffusion: Diffusion,
    pub(super) graph: DiffusionGraph,
}

impl DiffusionStudy {
    /// The documents, in the order they were given.
    pub fn documents(&self) -> &[Document] {
        &self.documents
    }

    /// The alignment of each pair of documents: `(left, right, alignment)`, indices into
    /// [`DiffusionStudy::documents`], the reference on the left of its pairs.
    pub fn alignments(&self) -> &[(usize, usize, Alignment)] {
        &self.alignments
    }

    /// The tables.
    pub fn diffusion(&self) -> &Diffusion {
        &self.diffusion
    }

    /// The graph of citations and reuse.
    pub fn graph(&self) -> &DiffusionGraph {
        &self.graph
    }

    /// The view a renderer takes.
    pub fn report(&self) -> DiffusionReport<'_> {
        DiffusionReport {
            documents: &self.documents,
            diffusion: &self.diffusion,
            graph: &self.graph,
        }
    }

    /// The study rendered by a renderer.
    pub fn render(&self, renderer: &dyn Renderer) -> Result<String> {
        renderer.diffusion(&self.report())
    }

    /// Writes the report in a renderer's format to `out` as it is made
    /// ([`Renderer::write_diffusion`]).
    pub fn write(&self, renderer: &dyn Renderer, out: &mut dyn std::io::Write) -> Result<()> {
        renderer.write_diffusion(&self.report(), out)
    }
}
