//! Stage 4: what the examples print — a document's outline as text, and the document as JSON
//! following the output contract.

use crate::Span;
use crate::document::{AnnexEntry, Document, Mention};
use crate::error::{Error, Result};
use serde::Serialize;
use std::fmt::Write as _;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

mod html;
mod render;

pub use html::{HtmlRenderer, escape, graph_svg};
pub use render::{
    COMPARISON_CSV_COLUMNS, ComparisonReport, CorpusReport, CsvRenderer, JsonRenderer, Renderer, TextRenderer,
    write_output,
};

/// Output formats of reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum Format {
    /// Human-readable text, tables that fit 100 columns (the default).
    #[default]
    Text,
    /// Markdown: the same tables, for a README or a paper's appendix.
    Markdown,
    /// CSV for pandas, R and spreadsheets.
    Csv,
    /// JSON following the output contract.
    Json,
    /// One self-contained HTML page.
    Html,
}

impl Format {
    /// The renderer of this format (CSV without a byte-order mark).
    pub fn renderer(self) -> Box<dyn Renderer> {
        match self {
            Format::Text => Box::new(TextRenderer::default()),
            Format::Markdown => Box::new(TextRenderer {
                markdown: true,
                ..TextRenderer::default()
            }),
            Format::Csv => Box::new(CsvRenderer::default()),
            Format::Json => Box::new(JsonRenderer),
            Format::Html => Box::new(HtmlRenderer),
        }
    }
}

impl std::str::FromStr for Format {
    type Err = Error;

    fn from_str(s: &str) -> Result<Format> {
        match s {
            "text" => Ok(Format::Text),
            "markdown" | "md" => Ok(Format::Markdown),
            "csv" => Ok(Format::Csv),
            "json" => Ok(Format::Json),
            "html" => Ok(Format::Html),
            other => Err(Error::InvalidOption {
                option: "--format",
                message: format!("unknown format {other:?} (expected text, markdown, csv, json or html)"),
            }),
        }
    }
}

/// The outline of a document as an indented tree: metadata, then group headings and measures
/// in document order with their ids and responsible agencies, then the annex and warnings.
pub fn outline(doc: &Document) -> String {
    let mut out = String::new();
    let m = &doc.meta;
    let _ = writeln!(out, "{}", m.title);
    let mut facts = Vec::new();
    if let Some(n) = &m.doc_number {
        facts.push(format!("number {n}"));
    }
    if let Some(d) = &m.date {
        facts.push(format!("date {d}"));
    }
    if let Some(j) = &m.jurisdiction {
        facts.push(format!("jurisdiction {j}"));
    }
    facts.push(format!("{} measures", doc.measures.len()));
    facts.push(doc.encoding.to_owned());
    let _ = writeln!(out, "  {}", facts.join(" | "));
    if !m.issuers.is_empty() {
        let _ = writeln!(out, "  issuers: {}", m.issuers.join("；"));
    }
    if !m.recipients.is_empty() {
        let _ = writeln!(out, "  recipients: {}", m.recipients.join("；"));
    }
    for c in &doc.cited {
        let number = c.doc_number.as_deref().map(|n| format!("（{n}）")).unwrap_or_default();
        let _ = writeln!(out, "  cites: 《{}》{number}", c.title);
    }
    out.push('\n');

    enum Node<'a> {
        Section(&'a crate::Section),
        Measure(&'a crate::Measure),
    }
    let mut nodes: Vec<(Span, Node)> = doc.sections.iter().map(|s| (s.span, Node::Section(s))).collect();
    nodes.extend(doc.measures.iter().map(|m| (m.span, Node::Measure(m))));
    nodes.sort_by_key(|(span, _)| span.start);
    for (_, node) in nodes {
        match node {
            Node::Section(s) => {
                let indent = "  ".repeat(s.path.len());
                let prose = if s.text.is_empty() {
                    String::new()
                } else {
                    format!("  ({} chars of prose)", s.text.chars().count())
                };
                let _ = writeln!(out, "{indent}{} {}{prose}", s.label, s.title);
            }
            Node::Measure(me) => {
                let indent = "  ".repeat(me.path.len());
                let label = if me.label.is_empty() {
                    String::new()
                } else {
                    format!("{} ", me.label)
                };
                let _ = writeln!(out, "{indent}{label}{}  [{}]", me.title, me.id);
                if !me.mentions().is_empty() {
                    let _ = writeln!(out, "{indent}    -> {}", mentions_line(me.mentions()));
                }
            }
        }
    }
    if !doc.annex.is_empty() || doc.annex_title.is_some() {
        let _ = writeln!(out, "\nannex: {}", doc.annex_title.as_deref().unwrap_or(""));
        for e in &doc.annex {
            let _ = match e {
                AnnexEntry::Task(t) => writeln!(out, "  task {}: {}  -> {}", t.number, t.task, mentions_line(&t.units)),
                AnnexEntry::Member(r) => writeln!(
                    out,
                    "  member: {}{} | {} | {}",
                    r.role.as_deref().map(|x| format!("{x}: ")).unwrap_or_default(),
                    r.name,
                    r.agency,
                    r.post
                ),
                AnnexEntry::Note(n) => writeln!(out, "  note: {}", n.text),
            };
        }
    }
    if !doc.warnings.is_empty() {
        let _ = writeln!(out, "\nwarnings:");
        for w in &doc.warnings {
            let _ = writeln!(out, "  - {w}");
        }
    }
    out
}

fn mentions_line(ms: &[Mention]) -> String {
    ms.iter()
        .map(|m| match m.role {
            crate::Role::Responsible => m.text.clone(),
            role => format!("{} ({})", m.text, role.as_str()),
        })
        .collect::<Vec<_>>()
        .join("、")
}

/// A mention in the JSON contract.
#[derive(Serialize)]
struct MentionJson<'a> {
    mention: &'a str,
    name: &'a str,
    aliases: &'a [String],
    role: &'static str,
    /// Canonical agency id; `null` for a collective mention or when not resolved.
    agency: Option<&'a str>,
    functions: Vec<&'a str>,
    status: Option<crate::AgencyStatus>,
    rule: Option<crate::MatchRule>,
    span: [usize; 2],
}

#[derive(Serialize)]
struct MeasureJson<'a> {
    id: &'a str,
    label: &'a str,
    title: &'a str,
    text: &'a str,
    path: &'a [String],
    clause: Option<&'a str>,
    agencies: Vec<MentionJson<'a>>,
    span: [usize; 2],
}

#[derive(Serialize)]
struct DocumentJson<'a> {
    name: &'a str,
    title: &'a str,
    notice_title: Option<&'a str>,
    doc_number: Option<&'a str>,
    date: Option<&'a str>,
    jurisdiction: Option<&'a str>,
    issuers: &'a [String],
    recipients: &'a [String],
    encoding: &'a str,
    measures: Vec<MeasureJson<'a>>,
    sections: &'a [crate::Section],
    cited: &'a [crate::Citation],
    annex_title: Option<&'a str>,
    annex: Vec<serde_json::Value>,
    closing: &'a [String],
    warnings: &'a [String],
}

fn mention_json<'a>(m: &'a Mention, r: Option<&'a crate::Resolution>) -> MentionJson<'a> {
    let resolved = r.filter(|r| r.status != crate::AgencyStatus::Collective);
    MentionJson {
        mention: &m.text,
        name: &m.name,
        aliases: &m.aliases,
        role: m.role.as_str(),
        agency: resolved.map(|r| r.agency.as_str()),
        functions: r.map_or(Vec::new(), |r| r.functions.iter().map(String::as_str).collect()),
        status: r.map(|r| r.status),
        rule: r.map(|r| r.rule),
        span: [m.span.start, m.span.end],
    }
}

/// Annex entries as JSON; task units carry their agency like clause mentions do.
fn annex_json(doc: &Document, agencies: Option<&crate::DocumentAgencies>) -> Vec<serde_json::Value> {
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
                    .map(|(i, u)| mention_json(u, res.and_then(|r| r.get(i))))
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
/// functions}]}]`, `cited`, `annex`, `warnings`), plus the other parsed fields. With
/// `agencies` (from [`crate::AgencyRegistry::resolve_document`]) each mention carries its
/// canonical agency id and functions; without, they are `null` and empty.
pub fn document_json(doc: &Document, agencies: Option<&crate::DocumentAgencies>) -> serde_json::Value {
    let m = &doc.meta;
    let view = DocumentJson {
        name: &doc.name,
        title: &m.title,
        notice_title: m.notice_title.as_deref(),
        doc_number: m.doc_number.as_deref(),
        date: m.date.as_deref(),
        jurisdiction: m.jurisdiction.as_deref(),
        issuers: &m.issuers,
        recipients: &m.recipients,
        encoding: doc.encoding,
        measures: doc
            .measures
            .iter()
            .enumerate()
            .map(|(k, me)| MeasureJson {
                id: &me.id,
                label: &me.label,
                title: &me.title,
                text: &me.text,
                path: &me.path,
                clause: me.clause.as_ref().map(|c| c.text.as_str()),
                agencies: me
                    .mentions()
                    .iter()
                    .enumerate()
                    .map(|(i, x)| mention_json(x, agencies.and_then(|a| a.measures.get(k)?.get(i))))
                    .collect(),
                span: [me.span.start, me.span.end],
            })
            .collect(),
        sections: &doc.sections,
        cited: &doc.cited,
        annex_title: doc.annex_title.as_deref(),
        annex: annex_json(doc, agencies),
        closing: &doc.closing,
        warnings: &doc.warnings,
    };
    serde_json::to_value(view).expect("a document always serializes")
}

/// Breaks a line into pieces no wider than `width` display columns (CJK characters count two),
/// continuation pieces indented like the line.
fn wrap_line(line: &str, width: usize) -> Vec<String> {
    let indent: String = line.chars().take_while(|&c| c == ' ').collect();
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut cur_width = 0;
    for c in line.chars() {
        let w = c.width().unwrap_or(0);
        if cur_width + w > width && !cur.trim().is_empty() {
            // Break Latin words at a space; CJK text breaks anywhere.
            let carry = match cur.rfind(' ') {
                Some(sp) if c.is_ascii_alphanumeric() && sp > indent.len() + 2 => cur.split_off(sp + 1),
                _ => String::new(),
            };
            out.push(std::mem::take(&mut cur).trim_end().to_owned());
            cur.push_str(&indent);
            cur.push_str("  ");
            cur.push_str(&carry);
            cur_width = cur.width();
        }
        cur.push(c);
        cur_width += w;
    }
    out.push(cur);
    out
}

/// Two outlines side by side in columns of `width` display columns each (CJK-aware), left
/// document on the left: how the bundled pair is shown before measures are aligned.
pub fn side_by_side(left: &Document, right: &Document, width: usize) -> String {
    let width = width.max(20);
    let column = |doc: &Document| -> Vec<String> { outline(doc).lines().flat_map(|l| wrap_line(l, width)).collect() };
    let (l, r) = (column(left), column(right));
    let mut out = String::new();
    for k in 0..l.len().max(r.len()) {
        let a = l.get(k).map_or("", String::as_str);
        let b = r.get(k).map_or("", String::as_str);
        let pad = width.saturating_sub(a.width());
        let _ = writeln!(out, "{a}{} │ {b}", " ".repeat(pad));
    }
    out
}

/// The comparison as JSON, following the output contract: `{"left": Document, "right":
/// Document, "pairs": [{left, right, score, components, shared_terms}], "unmatched_left": [id],
/// "unmatched_right": [id], "agencies": [rows], "crosswalk": {"shared", "left_only",
/// "right_only", "collective"}}`, agency ids from one registry on both sides. Each row of
/// `agencies` is `{id, name, gloss, status, side, left: [names], right: [names]}`.
pub fn compare_json(left: &Document, right: &Document, c: &crate::Comparison) -> serde_json::Value {
    let walk = &c.crosswalk;
    let rows = |rows: &[crate::CrosswalkRow], side: &str| -> Vec<serde_json::Value> {
        rows.iter()
            .map(|x| {
                let mut v = serde_json::to_value(x).expect("rows serialize");
                v["side"] = side.into();
                v
            })
            .collect()
    };
    let ids = |rows: &[crate::CrosswalkRow]| rows.iter().map(|x| x.id.clone()).collect::<Vec<_>>();
    let mut agencies = rows(&walk.shared, "shared");
    agencies.extend(rows(&walk.left_only, "left_only"));
    agencies.extend(rows(&walk.right_only, "right_only"));
    agencies.extend(rows(&walk.collective, "collective"));
    serde_json::json!({
        "left": document_json(left, Some(&c.left_agencies)),
        "right": document_json(right, Some(&c.right_agencies)),
        "strategy": c.alignment.strategy,
        "threshold": c.alignment.threshold,
        "pairs": c.alignment.pairs,
        "unmatched_left": c.alignment.unmatched_left,
        "unmatched_right": c.alignment.unmatched_right,
        "agencies": agencies,
        "crosswalk": {
            "shared": ids(&walk.shared),
            "left_only": ids(&walk.left_only),
            "right_only": ids(&walk.right_only),
            "collective": ids(&walk.collective),
        },
    })
}

/// Pads `s` with spaces to `width` display columns (CJK characters count two); cuts it with `…`
/// when longer.
fn pad(s: &str, width: usize) -> String {
    let mut out = String::new();
    let mut w = 0;
    for c in s.chars() {
        let cw = c.width().unwrap_or(0);
        if w + cw > width.saturating_sub(1) && s.width() > width {
            out.push('…');
            w += 1;
            break;
        }
        out.push(c);
        w += cw;
    }
    out.push_str(&" ".repeat(width.saturating_sub(w)));
    out
}

/// The graph's query results as text tables: each agency's load per document, the agencies
/// shared by all and unique to one, agencies added and dropped between aligned measures,
/// centrality, and measures no body is responsible for.
pub fn graph_text(graph: &crate::PolicyGraph, docs: &[&Document]) -> String {
    let mut out = String::new();
    let name = |d: &Document| render::side_name(d);
    let agency_name = |id: &str| -> String { graph.agency(id).map_or(id.to_owned(), |n| graph.graph[n].label()) };
    let measures: usize = graph
        .graph
        .node_weights()
        .filter(|n| matches!(n, crate::Node::Measure { .. }))
        .count();
    let agencies = graph.agency_ids().count();
    let _ = writeln!(
        out,
        "Policy graph: {} documents, {measures} measures, {agencies} agencies, {} edges",
        graph.documents(),
        graph.graph.edge_count()
    );

    let _ = writeln!(out, "\nLoad: measures naming each agency (lead/supporting/responsible)");
    let mut header = format!("  {}{}", pad("agency", 24), pad("", 22));
    for d in docs {
        header += &pad(&name(d), 16);
    }
    let _ = writeln!(out, "{}", header.trim_end());
    let load = graph.load();
    let mut rows: Vec<(&String, &Vec<crate::Load>)> = load.iter().collect();
    rows.sort_by(|a, b| {
        let (ta, tb): (usize, usize) = (
            a.1.iter().map(crate::Load::total).sum(),
            b.1.iter().map(crate::Load::total).sum(),
        );
        tb.cmp(&ta).then_with(|| a.0.cmp(b.0))
    });
    for (id, per_doc) in rows {
        let mut line = format!("  {}{}", pad(id, 24), pad(&agency_name(id), 22));
        for l in per_doc {
            let cell = if l.total() == 0 {
                "-".to_owned()
            } else {
                format!("{} ({}/{}/{})", l.total(), l.lead, l.supporting, l.responsible)
            };
            line += &pad(&cell, 16);
        }
        let _ = writeln!(out, "{}", line.trim_end());
    }

    let _ = writeln!(out, "\nShared by all documents: {}", graph.shared_by_all().join(", "));
    for (d, ids) in graph.unique_to_one().iter().enumerate() {
        let _ = writeln!(
            out,
            "Only in {}: {}",
            name(docs[d]),
            if ids.is_empty() { "-".into() } else { ids.join(", ") }
        );
    }

    let changes: Vec<crate::AgencyChange> = graph
        .agency_changes()
        .into_iter()
        .filter(|c| !c.added.is_empty() || !c.dropped.is_empty())
        .collect();
    if !changes.is_empty() {
        let _ = writeln!(
            out,
            "\nAligned measures whose responsible bodies differ (+ added, - dropped):"
        );
        for c in changes {
            let mut parts: Vec<String> = c.added.iter().map(|a| format!("+{a}")).collect();
            parts.extend(c.dropped.iter().map(|a| format!("-{a}")));
            let _ = writeln!(out, "  {} ~ {}: {}", c.left, c.right, parts.join(" "));
        }
    }

    let _ = writeln!(out, "\nCentrality (co-responsibility network):");
    let _ = writeln!(
        out,
        "  {}{}measures  partners  pagerank",
        pad("agency", 24),
        pad("", 22)
    );
    for c in graph.centrality().iter().take(15) {
        let _ = writeln!(
            out,
            "  {}{}{:>8}  {:>8}  {:>8.4}",
            pad(&c.agency, 24),
            pad(&agency_name(&c.agency), 22),
            c.measures,
            c.partners,
            c.pagerank
        );
    }

    let none = graph.without_responsible_body();
    let _ = writeln!(out, "\nMeasures with no responsible body ({}):", none.len());
    for (d, id) in none {
        let title = docs[d].measure(&id).map_or("", |m| m.title.as_str());
        let _ = writeln!(out, "  {} {id} {title}", name(docs[d]));
    }
    out
}
