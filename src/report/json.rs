//! JSON: the output contract of the crate (DESIGN's "Output contract"), and node-link graphs.

use super::json_stream::{Part, pretty_into, write_object};
use super::view::{ComparisonReport, CorpusReport, DiffusionReport, DocumentReport, Renderer};
use crate::agency::{AgencyId, AgencyStatus, CrosswalkRow, DocumentAgencies, MatchRule, Resolution};
use crate::document::{AnnexEntry, Citation, Document, JurisdictionSource, Measure, Mention, Section, Warning};
use crate::error::{Error, Result};
use crate::graph::PolicyGraph;
use serde::Serialize;
use std::collections::BTreeMap;

/// A mention in the JSON contract.
#[derive(Serialize)]
struct MentionJson<'a> {
    mention: &'a str,
    name: &'a str,
    aliases: &'a [String],
    role: &'static str,
    /// Canonical agency id; `null` for a collective mention or when not resolved.
    agency: Option<&'a AgencyId>,
    functions: Vec<&'a str>,
    status: Option<AgencyStatus>,
    rule: Option<MatchRule>,
    span: [usize; 2],
    /// Where the mention is: `measure` (its clause), `subtask` (one of several clauses of a
    /// measure) or `annex_task` (a responsible unit of an annex task table).
    source: &'static str,
    /// The index of the mention's subtask, for a measure with several clauses.
    #[serde(skip_serializing_if = "Option::is_none")]
    subtask: Option<usize>,
    /// For an unresolved body, the closest kinds of body of the table.
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    candidates: &'a [String],
}

/// A subtask in the JSON contract: the sentences a clause assigns, and the clause.
#[derive(Serialize)]
struct SubtaskJson<'a> {
    text: &'a str,
    clause: &'a str,
    span: [usize; 2],
}

#[derive(Serialize)]
struct MeasureJson<'a> {
    id: &'a str,
    label: &'a str,
    title: &'a str,
    text: &'a str,
    path: &'a [String],
    clause: Option<String>,
    agencies: Vec<MentionJson<'a>>,
    span: [usize; 2],
    /// Present for a measure with several clauses.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    subtasks: Vec<SubtaskJson<'a>>,
}

#[derive(Serialize)]
struct DocumentJson<'a> {
    name: &'a str,
    title: &'a str,
    notice_title: Option<&'a str>,
    doc_number: Option<&'a str>,
    date: Option<&'a str>,
    jurisdiction: Option<&'a str>,
    /// Where the jurisdiction was read, when not from an issuer.
    #[serde(skip_serializing_if = "Option::is_none")]
    jurisdiction_source: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    published: Option<&'a str>,
    issuers: &'a [String],
    recipients: &'a [String],
    encoding: &'a str,
    measures: Vec<MeasureJson<'a>>,
    sections: &'a [Section],
    cited: &'a [Citation],
    annex_title: Option<&'a str>,
    annex: Vec<serde_json::Value>,
    closing: &'a [String],
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    page: &'a [String],
    #[serde(skip_serializing_if = "<[(String, String)]>::is_empty")]
    abbreviations: &'a [(String, String)],
    warnings: &'a [Warning],
}

fn mention_json<'a>(m: &'a Mention, r: Option<&'a Resolution>) -> MentionJson<'a> {
    let resolved = r.filter(|r| r.status != AgencyStatus::Collective);
    MentionJson {
        mention: &m.text,
        name: &m.name,
        aliases: &m.aliases,
        role: m.role.as_str(),
        agency: resolved.map(|r| &r.agency),
        functions: r.map_or(Vec::new(), |r| r.functions.iter().map(String::as_str).collect()),
        status: r.map(|r| r.status),
        rule: r.map(|r| r.rule),
        span: [m.span.start, m.span.end],
        source: "measure",
        subtask: None,
        candidates: r.map_or(&[], |r| &r.candidates),
    }
}

/// A measure in the JSON contract; its mentions carry the agencies of `resolved` (parallel to
/// them) when given.
fn measure_json<'a>(me: &'a Measure, resolved: Option<&'a Vec<Resolution>>) -> MeasureJson<'a> {
    let several = me.subtasks.len() > 1;
    MeasureJson {
        id: &me.id,
        label: &me.label,
        title: &me.title,
        text: &me.text,
        path: &me.path,
        clause: me.clause_text(),
        agencies: me
            .mentions_by_subtask()
            .enumerate()
            .map(|(i, (k, x))| MentionJson {
                subtask: several.then_some(k),
                source: if several { "subtask" } else { "measure" },
                ..mention_json(x, resolved.and_then(|r| r.get(i)))
            })
            .collect(),
        span: [me.span.start, me.span.end],
        subtasks: if several {
            me.subtasks
                .iter()
                .map(|s| SubtaskJson {
                    text: &s.text,
                    clause: &s.clause.text,
                    span: [s.span.start, s.span.end],
                })
                .collect()
        } else {
            Vec::new()
        },
    }
}

/// Annex entries as JSON; task units carry their agency like clause mentions do.
fn annex_json(doc: &Document, agencies: Option<&DocumentAgencies>) -> Vec<serde_json::Value> {
    let mut task = 0;
    doc.annex
        .iter()
        .map(|e| {
            let mut v = serde_json::to_value(e).expect("annex entries serialize");
            if let AnnexEntry::Task(t) = e {
                let res = agencies.and_then(|a| a.annex.get(task));
                let units: Vec<MentionJson> = t
                    .units
                    .iter()
                    .enumerate()
                    .map(|(i, u)| MentionJson {
                        source: "annex_task",
                        ..mention_json(u, res.and_then(|r| r.get(i)))
                    })
                    .collect();
                v["units"] = serde_json::to_value(units).expect("units serialize");
                task += 1;
            }
            v
        })
        .collect()
}

/// The document as a JSON value following the output contract (`title`, `doc_number`, `date`,
/// `jurisdiction`, `measures[{id, label, title, text, path, agencies[{mention, role, agency,
/// functions}]}]`, `cited`, `annex`, `warnings`), plus the other parsed fields. With its
/// agencies resolved each mention carries its canonical agency id and functions; without, they
/// are `null` and empty.
pub fn document_json(report: &DocumentReport) -> serde_json::Value {
    let (doc, agencies) = (report.document, report.agencies);
    let m = &doc.meta;
    let view = DocumentJson {
        name: &doc.name,
        title: &m.title,
        notice_title: m.notice_title.as_deref(),
        doc_number: m.doc_number.as_deref(),
        date: m.date.as_deref(),
        jurisdiction: m.jurisdiction.as_deref(),
        jurisdiction_source: m
            .jurisdiction_source
            .filter(|s| *s != JurisdictionSource::Issuer)
            .map(JurisdictionSource::as_str),
        published: m.published.as_deref(),
        issuers: &m.issuers,
        recipients: &m.recipients,
        encoding: doc.encoding,
        measures: doc
            .measures
            .iter()
            .enumerate()
            .map(|(k, me)| measure_json(me, agencies.and_then(|a| a.measures.get(k))))
            .collect(),
        sections: &doc.sections,
        cited: &doc.cited,
        annex_title: doc.annex_title.as_deref(),
        annex: annex_json(doc, agencies),
        closing: &doc.closing,
        page: &doc.page,
        abbreviations: &doc.abbreviations,
        warnings: &doc.warnings,
    };
    serde_json::to_value(view).expect("a document always serializes")
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
        let value = match documents {
            [one] => document_json(one),
            many => serde_json::Value::Array(many.iter().map(document_json).collect()),
        };
        Ok(pretty(&value))
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
        let document = |k: usize| {
            document_json(&DocumentReport {
                document: r.documents[k],
                agencies: r.agencies.get(k),
            })
        };
        let clusters = &r.corpus.clusters;
        let cluster = |k: usize, bytes: &mut Vec<u8>| pretty_into(&clusters[k], 2, bytes);
        let jurisdictions = crate::document::display_names(&r.documents);
        write_object(
            out,
            vec![
                ("documents", Part::Items(r.documents.len(), &document)),
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
