//! A diffusion study as JSON and as text (its tables are in `tables`).

use super::json_stream::{Part, pretty_into, write_object};
use super::text_style::{TextRenderer, wrapped};
use super::view::{DiffusionReport, count};
use crate::diffusion::{Adoption, DyadPassage, Status};
use crate::document::Document;
use crate::error::Result;
use serde_json::{Value, json};
use std::collections::HashMap;
use std::fmt::Write as _;

/// A measure's heading, or "" when the document or the measure is not found.
pub(super) fn heading<'a>(doc: Option<&'a Document>, id: Option<&str>) -> &'a str {
    doc.zip(id)
        .and_then(|(d, id)| d.measure(id))
        .map_or("", |m| m.title.as_str())
}

/// A passage of a dyad as the JSON contract writes it (fields in the order of their keys).
#[derive(serde::Serialize)]
struct PassageRow<'a> {
    chars: usize,
    earlier: &'a str,
    earlier_measure: &'a str,
    earlier_span: [usize; 2],
    later: &'a str,
    later_measure: &'a str,
    later_span: [usize; 2],
    text: &'a str,
}

impl<'a> PassageRow<'a> {
    fn new(p: &'a DyadPassage) -> PassageRow<'a> {
        PassageRow {
            chars: p.passage.chars,
            earlier: &p.earlier,
            earlier_measure: &p.earlier_measure,
            earlier_span: [p.passage.left.start, p.passage.left.end],
            later: &p.later,
            later_measure: &p.later_measure,
            later_span: [p.passage.right.start, p.passage.right.end],
            text: &p.passage.text,
        }
    }
}

/// A reference measure's adoption by a document as the JSON contract writes it (fields in the
/// order of their keys).
#[derive(serde::Serialize)]
struct AdoptionRow<'a> {
    document: &'a str,
    heading: Option<&'a str>,
    measure: Option<&'a str>,
    reference_heading: &'a str,
    reference_measure: &'a str,
    reference_share: f64,
    score: f64,
    spans: Vec<SpanRow<'a>>,
    status: Status,
    verbatim_share: f64,
}

/// A passage of an adoption: `[start, end]` byte offsets in the document and the reference.
#[derive(serde::Serialize)]
struct SpanRow<'a> {
    chars: usize,
    document: [usize; 2],
    reference: [usize; 2],
    text: &'a str,
}

impl<'a> AdoptionRow<'a> {
    fn new(r: &DiffusionReport<'a>, a: &'a Adoption) -> AdoptionRow<'a> {
        let doc = r.document(&a.document);
        AdoptionRow {
            document: &a.document,
            heading: a.measure.as_deref().map(|m| heading(doc, Some(m))),
            measure: a.measure.as_deref(),
            reference_heading: heading(r.reference(), Some(&a.reference_measure)),
            reference_measure: &a.reference_measure,
            reference_share: a.reference_share,
            score: a.score,
            spans: a
                .spans
                .iter()
                .map(|p| SpanRow {
                    chars: p.chars,
                    document: [p.right.start, p.right.end],
                    reference: [p.left.start, p.left.end],
                    text: &p.text,
                })
                .collect(),
            status: a.status,
            verbatim_share: a.verbatim_share,
        }
    }
}

/// Plain data (strings, numbers, options, lists, derived `Serialize`) as a JSON value; such data
/// always serializes.
fn to_json<T: serde::Serialize>(x: &T) -> Value {
    serde_json::to_value(x).unwrap_or(Value::Null)
}

/// The JSON of a diffusion study: `documents`, `adoptions` and `additions` (with a reference),
/// `dyads`, `passages` (copied from the earlier to the later of each dyad) and `graph`
/// (node-link). The tables that grow with the documents (adoptions, dyads, passages) are
/// streamed a chunk at a time.
pub(super) fn write_diffusion_json(r: &DiffusionReport, out: &mut dyn std::io::Write) -> Result<()> {
    let d = r.diffusion;
    let adoption = |k: usize, out: &mut Vec<u8>| pretty_into(&AdoptionRow::new(r, &d.adoptions[k]), 2, out);
    let addition = |k: usize| {
        let a = &d.additions[k];
        json!({
            "document": a.document,
            "measure": a.measure,
            "heading": heading(r.document(&a.document), Some(&a.measure)),
        })
    };
    let dyad = |k: usize| to_json(&d.dyads[k]);
    let passage = |k: usize, out: &mut Vec<u8>| pretty_into(&PassageRow::new(&d.passages[k]), 2, out);
    let mut parts = vec![
        ("reference", Part::Value(d.reference.clone().into())),
        ("documents", Part::Value(to_json(&d.documents))),
        ("dyads", Part::Items(d.dyads.len(), &dyad)),
        ("passages", Part::Rows(d.passages.len(), &passage)),
        ("graph", Part::Value(r.graph.to_node_link())),
        ("blocking", Part::Value(to_json(&d.blocking))),
    ];
    if d.reference.is_some() {
        parts.push(("adoptions", Part::Rows(d.adoptions.len(), &adoption)));
        parts.push(("additions", Part::Items(d.additions.len(), &addition)));
    }
    write_object(out, parts)
}

fn opt(s: Option<&str>) -> String {
    s.unwrap_or_default().to_owned()
}

/// A status as one letter and the verbatim share, for the text matrix: `C .93`, `R .12`, `–`.
pub(super) fn status_cell(a: Option<&Adoption>) -> String {
    match a {
        None => "?".into(),
        Some(a) => match a.status {
            Status::Copied => format!("C {}", share(a.verbatim_share)),
            Status::Reworded => format!("R {}", share(a.verbatim_share)),
            _ => "-".into(),
        },
    }
}

/// A share in [0, 1] as `.93`, `1.0` or `0`.
pub(super) fn share(x: f64) -> String {
    if x >= 0.995 {
        "1.0".into()
    } else if x < 0.005 {
        "0".into()
    } else {
        format!("{x:.2}").trim_start_matches('0').to_owned()
    }
}

/// Counts of each document's statuses and additions, by document id, in one pass over the
/// tables: `3 copied, 5 reworded, 14 dropped, 2 added` (see [`StatusCounts::of`]).
pub(super) struct StatusCounts<'a>(HashMap<&'a str, [usize; 4]>);

impl<'a> StatusCounts<'a> {
    pub(super) fn new(r: &DiffusionReport<'a>) -> Self {
        let d = r.diffusion;
        let mut n: HashMap<&'a str, [usize; 4]> = HashMap::new();
        for a in &d.adoptions {
            n.entry(a.document.as_str()).or_default()[match a.status {
                Status::Copied => 0,
                Status::Reworded => 1,
                _ => 2,
            }] += 1;
        }
        for a in &d.additions {
            n.entry(a.document.as_str()).or_default()[3] += 1;
        }
        StatusCounts(n)
    }

    /// The counts of document `id`.
    pub(super) fn of(&self, id: &str) -> String {
        let n = self.0.get(id).copied().unwrap_or_default();
        format!("{} copied, {} reworded, {} dropped, {} added", n[0], n[1], n[2], n[3])
    }
}

/// The study as text (or Markdown): the documents in time and place, the adoption matrix and
/// additions (with a reference), the dyads, the longest copied passages.
pub(super) fn diffusion_text(t: &TextRenderer, r: &DiffusionReport) -> String {
    let d = r.diffusion;
    let mut out = String::new();
    let number_of = |id: &str| d.index_of(id).map_or_else(|| id.to_owned(), |i| format!("#{}", i + 1));
    let head = match r.reference() {
        Some(doc) => format!(
            "Diffusion of {}, {}; reference #{}: {}",
            count(d.documents.len(), "document"),
            count(d.dyads.len(), "dyad"),
            d.reference
                .as_deref()
                .and_then(|id| d.index_of(id))
                .map_or(0, |i| i + 1),
            doc.meta.title
        ),
        None => format!(
            "Diffusion of {}, {}",
            count(d.documents.len(), "document"),
            count(d.dyads.len(), "dyad")
        ),
    };
    let _ = writeln!(out, "{head}");
    if let Some(b) = d.blocking.as_ref().filter(|b| b.blocked) {
        let _ = writeln!(out, "{}", blocking_line(b));
    }
    documents_text(t, r, &mut out, &number_of);
    if let Some(reference) = r.reference() {
        adoption_text(t, r, reference, &mut out, &number_of);
    }
    dyads_text(t, r, &mut out, &number_of);
    let mut passages: Vec<&crate::diffusion::DyadPassage> = d.passages.iter().collect();
    passages.sort_by_key(|p| std::cmp::Reverse(p.passage.chars));
    t.heading(
        &mut out,
        2,
        &format!(
            "Longest passages copied word for word ({} of {})",
            passages.len().min(10),
            passages.len()
        ),
    );
    for p in passages.iter().take(10) {
        let _ = writeln!(
            out,
            "  {} {} → {} {}, {} chars: {}",
            number_of(&p.earlier),
            p.earlier_measure,
            number_of(&p.later),
            p.later_measure,
            p.passage.chars,
            t.cell(&excerpt(&p.passage.text, 28))
        );
    }
    out
}

/// The documents table.
fn documents_text(t: &TextRenderer, r: &DiffusionReport, out: &mut String, number_of: &dyn Fn(&str) -> String) {
    let d = r.diffusion;
    t.heading(out, 2, "Documents");
    let mut table = t.table(&["#", "id", "level", "jurisdiction", "date", "number", "cites"]);
    for (i, x) in d.documents.iter().enumerate() {
        let cites: Vec<String> = x.cites.iter().map(|c| number_of(c)).collect();
        table.add_row(vec![
            format!("#{}", i + 1),
            t.cell(&x.id),
            opt(x.level.map(|l| l.as_str())),
            t.cell(&opt(x.jurisdiction.as_deref())),
            opt(x.date.as_deref()),
            t.cell(&opt(x.doc_number.as_deref())),
            cites.join(" "),
        ]);
    }
    let _ = writeln!(out, "{table}");
}

/// What blocking kept and skipped, and the bound on what it skipped.
pub(super) fn blocking_line(b: &crate::diffusion::Blocking) -> String {
    format!(
        "Dyads: {} of {} pairs aligned; the {} skipped share no passage of {} characters or more \
         that {} documents or fewer hold (blocking on shared passages; citations and the \
         reference's pairs always aligned)",
        b.candidates, b.all_pairs, b.skipped, b.passage_chars, b.max_df
    )
}

/// The dyads table and what its columns mean.
fn dyads_text(t: &TextRenderer, r: &DiffusionReport, out: &mut String, number_of: &dyn Fn(&str) -> String) {
    let d = r.diffusion;
    t.heading(out, 2, "Dyads (earlier → later)");
    let mut table = t.table(&[
        "earlier",
        "later",
        "days",
        "relation",
        "cites",
        "similarity",
        "covered",
        "verbatim",
    ]);
    for x in &d.dyads {
        table.add_row(vec![
            number_of(&x.earlier),
            number_of(&x.later),
            x.days_apart.map_or_else(|| "?".into(), |n| n.to_string()),
            x.relation.as_str().to_owned(),
            if x.cites { "yes".into() } else { "no".into() },
            format!("{:.3}", x.similarity),
            format!("{} / {}", share(x.coverage_earlier), share(x.coverage_later)),
            share(x.verbatim_share),
        ]);
    }
    let _ = writeln!(out, "{table}");
    wrapped(
        out,
        "covered: the share of each side's measures aligned (earlier / later); verbatim: the share of \
         the later's text in passages copied word for word from the earlier.",
    );
}

/// A passage on one line: spacing and line breaks left out, cut after `n` characters.
fn excerpt(text: &str, n: usize) -> String {
    let chars: Vec<char> = text.chars().filter(|c| !c.is_whitespace()).collect();
    if chars.len() <= n {
        chars.into_iter().collect()
    } else {
        chars[..n].iter().collect::<String>() + "…"
    }
}

/// The adoption matrix, reference measures × documents, in blocks of eight documents; then each
/// document's counts and its additions.
fn adoption_text(
    t: &TextRenderer,
    r: &DiffusionReport,
    reference: &Document,
    out: &mut String,
    number_of: &dyn Fn(&str) -> String,
) {
    let others = r.others();
    let cells = r.adoptions();
    t.heading(
        out,
        2,
        &format!(
            "Adoption of the reference's {} (C copied, R reworded, - dropped; the verbatim share)",
            count(reference.measures.len(), "measure")
        ),
    );
    for block in others.chunks(8) {
        let mut header = vec!["measure".to_owned()];
        header.extend(block.iter().map(|id| number_of(id)));
        let header: Vec<&str> = header.iter().map(String::as_str).collect();
        let mut table = t.table(&header);
        for m in &reference.measures {
            let mut row = vec![t.cell(&format!("{} {}", m.id, m.title))];
            row.extend(
                block
                    .iter()
                    .map(|id| status_cell(cells.get(&(*id, m.id.as_str())).copied())),
            );
            table.add_row(row);
        }
        let _ = writeln!(out, "{table}");
    }
    let counts = StatusCounts::new(r);
    for id in &others {
        let _ = writeln!(out, "  {} {id}: {}", number_of(id), counts.of(id));
    }
    let additions = &r.diffusion.additions;
    t.heading(out, 2, &format!("Additions ({})", additions.len()));
    for a in additions {
        let h = heading(r.document(&a.document), Some(&a.measure));
        let _ = writeln!(out, "  {} {} {}", number_of(&a.document), a.measure, t.cell(h));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::json_stream::written_as_its_value;

    #[test]
    fn rows_are_written_as_their_values() {
        let passage = PassageRow {
            chars: 9,
            earlier: "a",
            earlier_measure: "1",
            earlier_span: [3, 30],
            later: "b",
            later_measure: "2",
            later_span: [5, 32],
            text: "严格执行侵权判断标准",
        };
        assert!(written_as_its_value(&passage));
        let span = || SpanRow {
            chars: 9,
            document: [5, 32],
            reference: [3, 30],
            text: "严格执行侵权判断标准",
        };
        for (measure, status) in [(Some("2"), Status::Copied), (None, Status::Dropped)] {
            let adoption = AdoptionRow {
                document: "b",
                heading: measure.map(|_| "规范执法"),
                measure,
                reference_heading: "严格执法",
                reference_measure: "1",
                reference_share: 0.5,
                score: f64::NAN,
                spans: vec![span(), span()],
                status,
                verbatim_share: 1.0,
            };
            assert!(written_as_its_value(&adoption));
        }
    }
}
