//! One document in the JSON contract, as views of its parts whose fields are declared in byte
//! order of their keys. serde_json orders a map's keys so, and a [`serde_json::Value`] is such a
//! map: a view serialized directly gives the bytes of its `Value`, without the `Value` being
//! made, which is how the corpus JSON writes thousands of documents.

use super::view::DocumentReport;
use crate::agency::{AgencyId, AgencyStatus, DocumentAgencies, MatchRule, Resolution};
use crate::document::{AnnexEntry, Citation, Document, JurisdictionSource, Measure, Mention, Section, Warning};
use crate::span::Span;
use serde::Serialize;

/// A mention in the JSON contract.
#[derive(Serialize)]
struct MentionJson<'a> {
    /// Canonical agency id; `null` for a collective mention or when not resolved.
    agency: Option<&'a AgencyId>,
    aliases: &'a [String],
    /// For an unresolved body, the closest kinds of body of the table.
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    candidates: &'a [String],
    functions: Vec<&'a str>,
    mention: &'a str,
    name: &'a str,
    role: &'static str,
    rule: Option<MatchRule>,
    /// Where the mention is: `measure` (its clause), `subtask` (one of several clauses of a
    /// measure) or `annex_task` (a responsible unit of an annex task table).
    source: &'static str,
    span: Span,
    status: Option<AgencyStatus>,
    /// The index of the mention's subtask, for a measure with several clauses.
    #[serde(skip_serializing_if = "Option::is_none")]
    subtask: Option<usize>,
}

/// A subtask in the JSON contract: the sentences a clause assigns, and the clause.
#[derive(Serialize)]
struct SubtaskJson<'a> {
    clause: &'a str,
    span: Span,
    text: &'a str,
}

#[derive(Serialize)]
struct MeasureJson<'a> {
    agencies: Vec<MentionJson<'a>>,
    clause: Option<String>,
    id: &'a str,
    label: &'a str,
    path: &'a [String],
    span: Span,
    /// Present for a measure with several clauses.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    subtasks: Vec<SubtaskJson<'a>>,
    text: &'a str,
    title: &'a str,
}

/// A [`Section`], all its fields.
#[derive(Serialize)]
struct SectionJson<'a> {
    id: &'a str,
    label: &'a str,
    level: usize,
    path: &'a [String],
    span: Span,
    text: &'a str,
    title: &'a str,
}

/// A [`Citation`], all its fields.
#[derive(Serialize)]
struct CitationJson<'a> {
    doc_number: Option<&'a str>,
    span: Span,
    title: &'a str,
}

/// An [`AnnexEntry`], all its fields and its `kind`; a task's units carry their agency like
/// clause mentions do.
#[derive(Serialize)]
#[serde(untagged)]
enum AnnexJson<'a> {
    Task {
        #[serde(skip_serializing_if = "Option::is_none")]
        deadline: Option<&'a str>,
        description: &'a str,
        kind: &'static str,
        number: u32,
        span: Span,
        task: &'a str,
        units: Vec<MentionJson<'a>>,
    },
    Member {
        agency: &'a str,
        kind: &'static str,
        name: &'a str,
        post: &'a str,
        role: Option<&'a str>,
        span: Span,
    },
    Note {
        kind: &'static str,
        span: Span,
        text: &'a str,
    },
}

/// A document in the JSON contract.
#[derive(Serialize)]
pub(super) struct DocumentJson<'a> {
    #[serde(skip_serializing_if = "<[(String, String)]>::is_empty")]
    abbreviations: &'a [(String, String)],
    annex: Vec<AnnexJson<'a>>,
    annex_title: Option<&'a str>,
    cited: Vec<CitationJson<'a>>,
    closing: &'a [String],
    date: Option<&'a str>,
    doc_number: Option<&'a str>,
    encoding: &'a str,
    issuers: &'a [String],
    jurisdiction: Option<&'a str>,
    /// Where the jurisdiction was read, when not from an issuer.
    #[serde(skip_serializing_if = "Option::is_none")]
    jurisdiction_source: Option<&'static str>,
    measures: Vec<MeasureJson<'a>>,
    name: &'a str,
    notice_title: Option<&'a str>,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    page: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    published: Option<&'a str>,
    recipients: &'a [String],
    sections: Vec<SectionJson<'a>>,
    title: &'a str,
    warnings: &'a [Warning],
}

fn mention_json<'a>(m: &'a Mention, r: Option<&'a Resolution>) -> MentionJson<'a> {
    let resolved = r.filter(|r| r.status != AgencyStatus::Collective);
    MentionJson {
        agency: resolved.map(|r| &r.agency),
        aliases: &m.aliases,
        candidates: r.map_or(&[], |r| &r.candidates),
        functions: r.map_or(Vec::new(), |r| r.functions.iter().map(String::as_str).collect()),
        mention: &m.text,
        name: &m.name,
        role: m.role.as_str(),
        rule: r.map(|r| r.rule),
        source: "measure",
        span: m.span,
        status: r.map(|r| r.status),
        subtask: None,
    }
}

/// A measure in the JSON contract; its mentions carry the agencies of `resolved` (parallel to
/// them) when given.
fn measure_json<'a>(me: &'a Measure, resolved: Option<&'a Vec<Resolution>>) -> MeasureJson<'a> {
    let several = me.subtasks.len() > 1;
    MeasureJson {
        agencies: me
            .mentions_by_subtask()
            .enumerate()
            .map(|(i, (k, x))| MentionJson {
                subtask: several.then_some(k),
                source: if several { "subtask" } else { "measure" },
                ..mention_json(x, resolved.and_then(|r| r.get(i)))
            })
            .collect(),
        clause: me.clause_text(),
        id: &me.id,
        label: &me.label,
        path: &me.path,
        span: me.span,
        subtasks: if several {
            me.subtasks
                .iter()
                .map(|s| SubtaskJson {
                    clause: &s.clause.text,
                    span: s.span,
                    text: &s.text,
                })
                .collect()
        } else {
            Vec::new()
        },
        text: &me.text,
        title: &me.title,
    }
}

fn section_json(s: &Section) -> SectionJson<'_> {
    SectionJson {
        id: &s.id,
        label: &s.label,
        level: s.level,
        path: &s.path,
        span: s.span,
        text: &s.text,
        title: &s.title,
    }
}

fn citation_json(c: &Citation) -> CitationJson<'_> {
    CitationJson {
        doc_number: c.doc_number.as_deref(),
        span: c.span,
        title: &c.title,
    }
}

/// Annex entries; the units of the `k`th task carry the agencies of `agencies.annex[k]`.
fn annex_json<'a>(doc: &'a Document, agencies: Option<&'a DocumentAgencies>) -> Vec<AnnexJson<'a>> {
    let mut task = 0;
    doc.annex
        .iter()
        .map(|e| match e {
            AnnexEntry::Task(t) => {
                let res = agencies.and_then(|a| a.annex.get(task));
                task += 1;
                AnnexJson::Task {
                    deadline: t.deadline.as_deref(),
                    description: &t.description,
                    kind: "task",
                    number: t.number,
                    span: t.span,
                    task: &t.task,
                    units: t
                        .units
                        .iter()
                        .enumerate()
                        .map(|(i, u)| MentionJson {
                            source: "annex_task",
                            ..mention_json(u, res.and_then(|r| r.get(i)))
                        })
                        .collect(),
                }
            }
            AnnexEntry::Member(m) => AnnexJson::Member {
                agency: &m.agency,
                kind: "member",
                name: &m.name,
                post: &m.post,
                role: m.role.as_deref(),
                span: m.span,
            },
            AnnexEntry::Note(n) => AnnexJson::Note {
                kind: "note",
                span: n.span,
                text: &n.text,
            },
        })
        .collect()
}

/// The document's view in the JSON contract.
pub(super) fn document_view<'a>(report: &DocumentReport<'a>) -> DocumentJson<'a> {
    let (doc, agencies) = (report.document, report.agencies);
    let m = &doc.meta;
    DocumentJson {
        abbreviations: &doc.abbreviations,
        annex: annex_json(doc, agencies),
        annex_title: doc.annex_title.as_deref(),
        cited: doc.cited.iter().map(citation_json).collect(),
        closing: &doc.closing,
        date: m.date.as_deref(),
        doc_number: m.doc_number.as_deref(),
        encoding: doc.encoding,
        issuers: &m.issuers,
        jurisdiction: m.jurisdiction.as_deref(),
        jurisdiction_source: m
            .jurisdiction_source
            .filter(|s| *s != JurisdictionSource::Issuer)
            .map(JurisdictionSource::as_str),
        measures: doc
            .measures
            .iter()
            .enumerate()
            .map(|(k, me)| measure_json(me, agencies.and_then(|a| a.measures.get(k))))
            .collect(),
        name: &doc.name,
        notice_title: m.notice_title.as_deref(),
        page: &doc.page,
        published: m.published.as_deref(),
        recipients: &m.recipients,
        sections: doc.sections.iter().map(section_json).collect(),
        title: &m.title,
        warnings: &doc.warnings,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{AnnexNote, AnnexTask, RosterEntry};
    use serde_json::{Value, to_value};

    fn span(start: usize, end: usize) -> Span {
        Span { start, end }
    }

    /// The views hold every field of the parts they show: a field added to one of them and not
    /// to its view fails here.
    #[test]
    fn views_show_every_field_of_their_parts() {
        let section = Section {
            id: "s1".to_owned(),
            label: "一、".to_owned(),
            title: "总体要求".to_owned(),
            text: "坚持依法保护。".to_owned(),
            level: 0,
            path: vec!["总则".to_owned()],
            span: span(3, 40),
        };
        assert_eq!(to_value(section_json(&section)).unwrap(), to_value(&section).unwrap());
        let citation = Citation {
            title: "关于强化知识产权保护的意见".to_owned(),
            doc_number: Some("中办发〔2019〕56号".to_owned()),
            span: span(10, 52),
        };
        assert_eq!(
            to_value(citation_json(&citation)).unwrap(),
            to_value(&citation).unwrap()
        );

        let entries = vec![
            AnnexEntry::Task(AnnexTask {
                number: 3,
                task: "开展专项行动".to_owned(),
                description: "查处侵权假冒案件".to_owned(),
                deadline: Some("2023年底前".to_owned()),
                units: Vec::new(),
                span: span(100, 160),
            }),
            AnnexEntry::Member(RosterEntry {
                role: Some("召集人".to_owned()),
                name: "张三".to_owned(),
                agency: "县法院".to_owned(),
                post: "副院长".to_owned(),
                span: span(160, 190),
            }),
            AnnexEntry::Note(AnnexNote {
                text: "注：表中单位按职责分工负责。".to_owned(),
                span: span(190, 230),
            }),
        ];
        let mut doc = Document::from_text("关于强化知识产权保护的措施\n一、加强执法\n", "annex.txt").unwrap();
        doc.annex = entries.clone();
        for (view, entry) in annex_json(&doc, None).iter().zip(&entries) {
            assert_eq!(to_value(view).unwrap(), to_value(entry).unwrap());
        }
        assert_eq!(annex_json(&doc, None).len(), 3);
    }

    /// The bundled documents' views, resolved, serialize to the bytes of their values.
    #[test]
    fn a_view_is_written_as_its_value() {
        for bundled in crate::corpus::BUNDLED {
            let doc = bundled.parse().unwrap();
            let agencies = crate::AgencyRegistry::new().resolve_document(&doc);
            let report = DocumentReport::new(&doc, Some(&agencies)).unwrap();
            let view = document_view(&report);
            let value: Value = to_value(&view).unwrap();
            assert_eq!(
                serde_json::to_string_pretty(&view).unwrap(),
                serde_json::to_string_pretty(&value).unwrap()
            );
        }
    }
}
