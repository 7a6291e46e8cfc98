//! JSON: the output contract of the crate (DESIGN's "Output contract"), and node-link graphs.

use super::json_document::document_view;
use super::json_stream::{Part, pretty_into, write_object};
use super::view::{ComparisonReport, CorpusReport, DiffusionReport, DocumentReport, Renderer};
use crate::agency::CrosswalkRow;
use crate::error::{Error, Result};
use crate::graph::PolicyGraph;
use serde::Serialize;
use std::collections::BTreeMap;

/// The document as a JSON value following the output contract (`title`, `doc_number`, `date`,
/// `jurisdiction`, `measures[{id, label, title, text, path, agencies[{mention, role, agency,
/// functions}]}]`, `cited`, `annex`, `warnings`), plus the other parsed fields. With its
/// agencies resolved each mention carries its canonical agency id and functions; without, they
/// are `null` and empty.
pub fn document_json(report: &DocumentReport) -> serde_json::Value {
    serde_json::to_value(document_view(report)).expect("a document always serializes")
}

/// The comparison as JSON, following the output contract: `{"left": Document, "right":
/// Document, "pairs": [{left, right, score, components, shared_terms}], "unmatched_left": [id],
/// "unmatched_right": [id], "agencies": [rows], "crosswalk": {"shared", "left_only",
/// "right_only", "collective"}}`, agency ids from one registry on both sides. Each row of
/// `agencies` is `{id, name, gloss, status, side, left: [names], right: [names]}`.
pub fn compare_json(r: &ComparisonReport) -> serde_json::Value {
    let walk = r.crosswalk;
    let rows = |rows: &[CrosswalkRow], side: &str| -> Vec<serde_json::Value> {
        rows.iter()
            .map(|x| {
                let mut v = serde_json::to_value(x).expect("rows serialize");
                v["side"] = side.into();
                v
            })
            .collect()
    };
    let ids = |rows: &[CrosswalkRow]| rows.iter().map(|x| x.id.clone()).collect::<Vec<_>>();
    let mut agencies = rows(&walk.shared, "shared");
    agencies.extend(rows(&walk.left_only, "left_only"));
    agencies.extend(rows(&walk.right_only, "right_only"));
    agencies.extend(rows(&walk.collective, "collective"));
    agencies.extend(rows(&walk.annex_only, "annex_only"));
    serde_json::json!({
        "left": document_json(&DocumentReport { document: r.left, agencies: Some(r.left_agencies) }),
        "right": document_json(&DocumentReport { document: r.right, agencies: Some(r.right_agencies) }),
        "strategy": r.alignment.strategy,
        "threshold": r.alignment.threshold,
        "pairs": r.alignment.pairs,
        "unmatched_left": r.alignment.unmatched_left,
        "unmatched_right": r.alignment.unmatched_right,
        "many_to_one": {
            "split": r.alignment.many_to_one.split,
            "merged": r.alignment.many_to_one.merged,
            "suggested": match r.alignment.many_to_one.suggested(r.left.measures.len(), r.right.measures.len()) {
                Some(true) => Some("split"),
                Some(false) => Some("merged"),
                None => None,
            },
        },
        "agencies": agencies,
        "crosswalk": {
            "shared": ids(&walk.shared),
            "left_only": ids(&walk.left_only),
            "right_only": ids(&walk.right_only),
            "collective": ids(&walk.collective),
            "annex_only": ids(&walk.annex_only),
        },
    })
}

/// JSON: the output contract for a comparison; documents, clusters, coverage and agency load
/// for a corpus.
#[derive(Debug, Clone, Copy, Default)]
pub struct JsonRenderer;

impl Renderer for JsonRenderer {
    fn format(&self) -> &'static str {
        "json"
    }

    /// One document as an object, several as an array.
    fn documents(&self, documents: &[DocumentReport]) -> Result<String> {
        let mut out = Vec::new();
        match documents {
            [one] => pretty_into(&document_view(one), 0, &mut out)?,
            many => pretty_into(&many.iter().map(document_view).collect::<Vec<_>>(), 0, &mut out)?,
        }
        out.push(b'\n');
        String::from_utf8(out).map_err(|e| Error::inconsistent(e.to_string()))
    }

    fn comparison(&self, r: &ComparisonReport) -> Result<String> {
        Ok(pretty(&compare_json(r)))
    }

    /// Node-link JSON (networkx's `node_link_graph`, D3).
    fn graph(&self, graph: &PolicyGraph) -> Result<String> {
        Ok(pretty(&graph.to_node_link()))
    }

    /// `reference`, `documents`, `adoptions` and `additions` (with a reference), `dyads`,
    /// `passages` and `graph` (node-link).
    fn diffusion(&self, r: &DiffusionReport) -> Result<String> {
        let mut out = Vec::new();
        self.write_diffusion(r, &mut out)?;
        String::from_utf8(out).map_err(|e| Error::inconsistent(e.to_string()))
    }

    fn corpus(&self, r: &CorpusReport) -> Result<String> {
        let mut out = Vec::new();
        self.write_corpus(r, &mut out)?;
        String::from_utf8(out).map_err(|e| Error::inconsistent(e.to_string()))
    }

    /// `documents` (the JSON contract of each, streamed a chunk at a time), `jurisdictions`,
    /// `clusters` (each with its members) and `agency_load`.
    fn write_corpus(&self, r: &CorpusReport, out: &mut dyn std::io::Write) -> Result<()> {
        // Sparse: for each agency, only the documents that name it, so that the output grows
        // with the mentions, not with documents × agencies. Written directly, not made into a
        // `Value` first: keys sorted as serde_json sorts a map's, fields declared in that order.
        let load: BTreeMap<String, Vec<LoadRow>> = r
            .graph
            .load()
            .into_iter()
            .map(|(id, l)| {
                let named = l
                    .named
                    .iter()
                    .map(|(document, l)| LoadRow {
                        document: *document,
                        lead: l.lead,
                        responsible: l.responsible,
                        supporting: l.supporting,
                    })
                    .collect();
                (id.to_string(), named)
            })
            .collect();
        let mut load_bytes = Vec::new();
        pretty_into(&load, 1, &mut load_bytes)?;
        let document = |k: usize, bytes: &mut Vec<u8>| {
            let report = DocumentReport {
                document: r.documents[k],
                agencies: r.agencies.get(k),
            };
            pretty_into(&document_view(&report), 2, bytes)
        };
        let clusters = &r.corpus.clusters;
        let cluster = |k: usize, bytes: &mut Vec<u8>| pretty_into(&clusters[k], 2, bytes);
        let jurisdictions = crate::document::display_names(&r.documents);
        write_object(
            out,
            vec![
                ("documents", Part::Rows(r.documents.len(), &document)),
                ("jurisdictions", Part::Value(jurisdictions.into())),
                ("clusters", Part::Rows(clusters.len(), &cluster)),
                ("agency_load", Part::Written(load_bytes)),
            ],
        )
    }

    fn write_diffusion(&self, r: &DiffusionReport, out: &mut dyn std::io::Write) -> Result<()> {
        super::diffusion::write_diffusion_json(r, out)
    }
}

/// One document's load of an agency in the corpus JSON (`agency_load`), fields in byte order.
#[derive(Serialize)]
struct LoadRow {
    document: usize,
    lead: usize,
    responsible: usize,
    supporting: usize,
}

/// Pretty JSON with a final line break.
fn pretty(v: &serde_json::Value) -> String {
    // A `Value` always serializes.
    serde_json::to_string_pretty(v).unwrap_or_default() + "\n"
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::json_stream::written_as_its_value;

    #[test]
    fn clusters_and_agency_load_are_written_as_their_values() {
        let cluster = crate::align::Cluster {
            id: "c1".to_owned(),
            members: vec![(0, "m1".to_owned()), (3, "m12".to_owned())],
            title: "强化知识产权保护".to_owned(),
        };
        assert!(written_as_its_value(&cluster));
        let load = LoadRow {
            document: 2,
            lead: 1,
            responsible: 3,
            supporting: 0,
        };
        assert!(written_as_its_value(&load));
        // The map of rows, as the corpus JSON writes it at depth 1, is the map of their values.
        let map: BTreeMap<String, Vec<LoadRow>> = [("court".to_owned(), vec![load])].into();
        let (mut direct, mut valued) = (Vec::new(), Vec::new());
        pretty_into(&map, 1, &mut direct).unwrap();
        pretty_into(&serde_json::to_value(&map).unwrap(), 1, &mut valued).unwrap();
        assert_eq!(direct, valued);
    }
}
