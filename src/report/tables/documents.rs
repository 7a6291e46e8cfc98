//! The tables of a comparison and of a corpus: documents, measures, agency mentions, pairs,
//! clusters and agency load.

use super::{Cell, Column, ColumnType, Digits, Table};
use crate::agency::{AgencyStatus, DocumentAgencies, Resolution};
use crate::align::Pair;
use crate::document::{Document, Measure, Mention};
use crate::error::{Error, Result};
use crate::report::view::{ComparisonReport, CorpusReport};

const DOCUMENTS: &[Column] = &[
    Column::text("id"),
    Column::text("stem"),
    Column::text("path"),
    Column::text("title"),
    Column::text("jurisdiction").or_null(),
    Column::date("date").or_null(),
    Column::text("doc_number").or_null(),
    Column::int("measures"),
];

const MEASURES: &[Column] = &[
    Column::text("document"),
    Column::text("measure"),
    Column::text("label"),
    Column::text("title"),
    Column::text("path"),
    Column::text("text"),
    Column::text("clause").or_null(),
    Column::int("mentions"),
    Column::int("start"),
    Column::int("end"),
];

const MENTIONS: &[Column] = &[
    Column::text("document"),
    Column::text("measure").or_null(),
    Column::text("source"),
    Column::int("subtask").or_null(),
    Column::int("annex_task").or_null(),
    Column::text("mention"),
    Column::text("name"),
    Column::text("role"),
    Column::text("agency").or_null(),
    Column::text("functions"),
    Column::text("status").or_null(),
    Column::text("rule").or_null(),
    Column::int("start"),
    Column::int("end"),
];

/// One side of a pair: null on the other side of an unmatched measure.
const fn side(name: &'static str) -> Column {
    Column::text(name).or_null()
}

/// A pair's score or component: null on an unmatched row.
const fn score(name: &'static str) -> Column {
    Column::float(name).or_null()
}

/// The columns of `pairs`, [`COMPARISON_CSV_COLUMNS`](crate::report::COMPARISON_CSV_COLUMNS).
const PAIRS: &[Column] = &[
    Column::text("kind"),
    Column::text("link").or_null(),
    side("left_document"),
    side("left_jurisdiction"),
    side("left_id"),
    side("left_label"),
    side("left_title"),
    side("right_document"),
    side("right_jurisdiction"),
    side("right_id"),
    side("right_label"),
    side("right_title"),
    score("score"),
    score("p_value").typed(ColumnType::Float(Digits::Exponent(3))),
    score("margin"),
    score("words"),
    score("bigrams"),
    score("heading"),
    score("position"),
    score("context"),
    score("agencies"),
    Column::text("shared_terms").or_null(),
];

/// The columns of `clusters`, [`CORPUS_CSV_COLUMNS`](crate::report::CORPUS_CSV_COLUMNS).
const CLUSTERS: &[Column] = &[
    Column::text("cluster"),
    Column::text("cluster_heading"),
    Column::int("cluster_size"),
    Column::text("document"),
    Column::text("jurisdiction").or_null(),
    Column::text("measure_id"),
    Column::text("label"),
    Column::text("title"),
];

const AGENCY_LOAD: &[Column] = &[
    Column::text("agency"),
    Column::text("name"),
    Column::text("document"),
    Column::int("lead"),
    Column::int("supporting"),
    Column::int("responsible"),
];

/// The tables of a comparison: `pairs` (the comparison CSV: one row per pair and per unmatched
/// measure), then `documents`, `measures` and `mentions` of both documents, left first.
pub fn comparison_tables(r: &ComparisonReport) -> Result<Vec<Table>> {
    let docs = [r.left, r.right];
    let agencies = [r.left_agencies, r.right_agencies];
    let ids = crate::document::document_ids(&docs);
    Ok(vec![
        pairs_table(r)?,
        documents_table(&docs, &ids),
        measures_table(&docs, &ids),
        mentions_table(&docs, &agencies, &ids),
    ])
}

/// The tables of a corpus: `documents`, `measures`, `mentions`, `clusters` (the corpus CSV:
/// one row per measure of each cluster) and `agency_load` (how many measures of each document
/// name each agency lead, supporting or responsible; only agencies a document names).
pub fn corpus_tables(r: &CorpusReport) -> Result<Vec<Table>> {
    // One part of every row is the whole table.
    corpus_table_parts(r, usize::MAX).collect()
}

/// [`corpus_tables`] a part at a time: `measures` and `mentions` in parts of the measures of
/// whole documents, about `rows` measures a part (at least one document), each made when the
/// iterator reaches it. Consecutive tables of one name are the parts of one table, in order,
/// to be written one after the other (the first with [`Table::write_csv`], the next with
/// [`Table::append_csv`]; or through one `ParquetParts`). A caller that writes each part
/// before asking for the next holds one part in memory, not the corpus's text twice over.
pub fn corpus_table_parts<'r>(r: &'r CorpusReport<'r>, rows: usize) -> impl Iterator<Item = Result<Table>> + 'r {
    let ids = std::rc::Rc::new(crate::document::document_ids(&r.documents));
    let ranges = document_ranges(&r.documents, rows.max(1));
    let (for_documents, for_measures, for_mentions, for_load) = (ids.clone(), ids.clone(), ids.clone(), ids);
    let documents = std::iter::once_with(move || Ok(documents_table(&r.documents, &for_documents)));
    let measures = ranges
        .clone()
        .into_iter()
        .map(move |k| Ok(measures_table(&r.documents[k.clone()], &for_measures[k])));
    let mentions = ranges.into_iter().map(move |k| {
        let agencies: Vec<&DocumentAgencies> = r.agencies.get(k.clone()).unwrap_or_default().iter().collect();
        Ok(mentions_table(&r.documents[k.clone()], &agencies, &for_mentions[k]))
    });
    documents
        .chain(measures)
        .chain(mentions)
        .chain(std::iter::once_with(move || clusters_table(r)))
        .chain(std::iter::once_with(move || agency_load_table(r, &for_load)))
}

/// The documents in consecutive ranges of about `rows` measures each (at least one document a
/// range; one empty range for no documents).
fn document_ranges(docs: &[&Document], rows: usize) -> Vec<std::ops::Range<usize>> {
    let mut ranges = Vec::new();
    let (mut start, mut measures) = (0, 0usize);
    for (k, d) in docs.iter().enumerate() {
        measures += d.measures.len();
        if measures >= rows {
            ranges.push(start..k + 1);
            (start, measures) = (k + 1, 0);
        }
    }
    if start < docs.len() || ranges.is_empty() {
        ranges.push(start..docs.len());
    }
    ranges
}

/// One row per document: its id ([`document_ids`](crate::document_ids)), file stem (how
/// `pairs` and `clusters` name it), path, title, jurisdiction, date, document number and number
/// of measures.
fn documents_table(docs: &[&Document], ids: &[String]) -> Table {
    let mut t = Table::new("documents", DOCUMENTS);
    for (d, id) in docs.iter().zip(ids) {
        let m = &d.meta;
        t.rows.push(vec![
            Cell::text(id),
            Cell::text(d.file_stem()),
            Cell::text(&d.name),
            Cell::text(&m.title),
            Cell::opt(m.jurisdiction.as_deref()),
            Cell::date(m.date.as_deref()),
            Cell::opt(m.doc_number.as_deref()),
            Cell::count(d.measures.len()),
        ]);
    }
    t
}

/// One row per measure: its document and id, label as written, heading, the headings of its
/// groups (outermost first, joined by ` > `), body, responsibility clauses, number of agency
/// mentions, and byte span in the source.
fn measures_table(docs: &[&Document], ids: &[String]) -> Table {
    let mut t = Table::new("measures", MEASURES);
    for (d, id) in docs.iter().zip(ids) {
        for m in &d.measures {
            t.rows.push(vec![
                Cell::text(id),
                Cell::text(&m.id),
                Cell::text(&m.label),
                Cell::text(&m.title),
                Cell::text(m.path.join(" > ")),
                Cell::text(&m.text),
                Cell::opt(m.clause_text().as_deref()),
                Cell::count(m.mentions().count()),
                Cell::count(m.span.start),
                Cell::count(m.span.end),
            ]);
        }
    }
    t
}

/// The cells of a mention from `agency` on: its resolution (the canonical id of a resolved
/// body, null for a collective or unresolved one; functions; status; rule) and its span.
fn resolution_cells(m: &Mention, r: Option<&Resolution>) -> [Cell; 6] {
    let rule = r
        .and_then(|r| serde_json::to_value(r.rule).ok())
        .and_then(|v| v.as_str().map(str::to_owned));
    [
        Cell::opt(
            r.filter(|r| r.status == AgencyStatus::Resolved)
                .map(|r| r.agency.as_text())
                .as_deref(),
        ),
        Cell::text(r.map_or(String::new(), |r| r.functions.join(";"))),
        Cell::opt(r.map(|r| r.status.as_str())),
        Cell::opt(rule.as_deref()),
        Cell::count(m.span.start),
        Cell::count(m.span.end),
    ]
}

/// The mentions of a measure's clauses, as the JSON gives them: `source` is `measure`, or
/// `subtask` (with the subtask's 0-based index) for a measure of several clauses.
fn measure_mentions(t: &mut Table, doc: &str, m: &Measure, resolved: Option<&Vec<Resolution>>) {
    let several = m.subtasks.len() > 1;
    for (i, (k, x)) in m.mentions_by_subtask().enumerate() {
        let mut row = vec![
            Cell::text(doc),
            Cell::text(&m.id),
            Cell::text(if several { "subtask" } else { "measure" }),
            if several { Cell::count(k) } else { Cell::Null },
            Cell::Null,
            Cell::text(&x.text),
            Cell::text(&x.name),
            Cell::text(x.role.as_str()),
        ];
        row.extend(resolution_cells(x, resolved.and_then(|r| r.get(i))));
        t.rows.push(row);
    }
}

/// One row per agency mention: of each measure's clauses, then of each annex task row
/// (`source` `annex_task`, the row's number as printed, no measure).
fn mentions_table(docs: &[&Document], agencies: &[&DocumentAgencies], ids: &[String]) -> Table {
    let mut t = Table::new("mentions", MENTIONS);
    for ((d, a), id) in docs.iter().zip(agencies).zip(ids) {
        for (k, m) in d.measures.iter().enumerate() {
            measure_mentions(&mut t, id, m, a.measures.get(k));
        }
        for (k, task) in d.annex_tasks().enumerate() {
            for (i, u) in task.units.iter().enumerate() {
                let mut row = vec![
                    Cell::text(id),
                    Cell::Null,
                    Cell::text("annex_task"),
                    Cell::Null,
                    Cell::Int(i64::from(task.number)),
                    Cell::text(&u.text),
                    Cell::text(&u.name),
                    Cell::text(u.role.as_str()),
                ];
                row.extend(resolution_cells(u, a.annex.get(k).and_then(|r| r.get(i))));
                t.rows.push(row);
            }
        }
    }
    t
}

/// The document, jurisdiction, id, label and heading of a measure: five cells.
fn measure_cells(d: &Document, m: &Measure) -> [Cell; 5] {
    [
        Cell::text(d.file_stem()),
        Cell::opt(d.meta.jurisdiction.as_deref()),
        Cell::text(&m.id),
        Cell::text(&m.label),
        Cell::text(&m.title),
    ]
}

/// The comparison CSV as a table: one row per pair (`kind` `pair`), then per unmatched measure
/// of each side (`unmatched_left`, `unmatched_right`; the other side, the link and the scores
/// null).
pub(in crate::report) fn pairs_table(r: &ComparisonReport) -> Result<Table> {
    let mut t = Table::new("pairs", PAIRS);
    let a = r.alignment;
    let comp = |p: &Pair, k: &str| p.components.get(k).map_or(Cell::Null, |v| Cell::Float(*v));
    for p in &a.pairs {
        let (l, m) = r.pair(p)?;
        let mut row = vec![Cell::text("pair"), Cell::text(p.kind.as_str())];
        row.extend(measure_cells(r.left, l));
        row.extend(measure_cells(r.right, m));
        row.extend([Cell::Float(p.score), Cell::Float(p.p_value), Cell::Float(p.margin)]);
        row.extend(
            ["words", "bigrams", "heading", "position", "context", "agencies"]
                .into_iter()
                .map(|k| comp(p, k)),
        );
        row.push(Cell::text(p.shared_terms.join(" ")));
        t.rows.push(row);
    }
    for (kind, doc, ids, left) in [
        ("unmatched_left", r.left, &a.unmatched_left, true),
        ("unmatched_right", r.right, &a.unmatched_right, false),
    ] {
        for id in ids {
            let Some(m) = doc.measure(id) else { continue };
            let (mine, none) = (measure_cells(doc, m), [const { Cell::Null }; 5]);
            let (l, rr) = if left { (mine, none) } else { (none, mine) };
            let mut row = vec![Cell::text(kind), Cell::Null];
            row.extend(l);
            row.extend(rr);
            row.extend(std::iter::repeat_n(Cell::Null, 10));
            t.rows.push(row);
        }
    }
    Ok(t)
}

/// The corpus CSV as a table: one row per measure of each cluster.
pub(in crate::report) fn clusters_table(r: &CorpusReport) -> Result<Table> {
    let mut t = Table::new("clusters", CLUSTERS);
    for c in &r.corpus.clusters {
        for (d, id) in &c.members {
            let doc = r.documents.get(*d).ok_or_else(|| {
                Error::inconsistent(format!("cluster {} names document {d}, not in the corpus", c.id))
            })?;
            let m = doc.measure(id).ok_or_else(|| {
                Error::inconsistent(format!("cluster {} names measure {id}, not in {}", c.id, doc.name))
            })?;
            let mut row = vec![Cell::text(&c.id), Cell::text(&c.title), Cell::count(c.members.len())];
            row.extend(measure_cells(doc, m));
            t.rows.push(row);
        }
    }
    Ok(t)
}

/// Each agency (the graph's: a function, or a collective or unresolved body) and each document
/// that names it: how many of its measures name it lead, supporting and responsible.
fn agency_load_table(r: &CorpusReport, ids: &[String]) -> Result<Table> {
    let mut t = Table::new("agency_load", AGENCY_LOAD);
    for (agency, per_doc) in r.graph.load() {
        let name = r.graph.agency_name(&agency);
        for (k, l) in per_doc.iter().enumerate().filter(|(_, l)| l.total() > 0) {
            let document = ids
                .get(k)
                .ok_or_else(|| Error::inconsistent(format!("the graph has document {k}, the corpus {}", ids.len())))?;
            t.rows.push(vec![
                Cell::text(agency.as_text()),
                Cell::text(&name),
                Cell::text(document),
                Cell::count(l.lead),
                Cell::count(l.supporting),
                Cell::count(l.responsible),
            ]);
        }
    }
    Ok(t)
}
