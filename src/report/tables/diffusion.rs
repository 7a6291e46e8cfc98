//! The tables of a diffusion study: documents, adoptions and their passages, additions, dyads,
//! the passages of each dyad, the edges of the diffusion graph.

use super::{Cell, Column, Table};
use crate::report::diffusion::heading;
use crate::report::view::DiffusionReport;
use crate::reuse::Passage;

const DOCUMENTS: &[Column] = &[
    Column::text("id"),
    Column::text("path"),
    Column::text("title"),
    Column::text("jurisdiction").or_null(),
    Column::text("level").or_null(),
    Column::text("province").or_null(),
    Column::text("code").or_null(),
    Column::date("date").or_null(),
    Column::text("doc_number").or_null(),
    Column::text("cites"),
];

const ADOPTIONS: &[Column] = &[
    Column::text("document"),
    Column::text("reference_measure"),
    Column::text("reference_heading"),
    Column::text("measure").or_null(),
    Column::text("heading").or_null(),
    Column::text("status"),
    Column::float("score"),
    Column::float("verbatim_share"),
    Column::float("reference_share"),
    Column::int("passages"),
];

const ADOPTION_SPANS: &[Column] = &[
    Column::text("document"),
    Column::text("reference_measure"),
    Column::text("measure").or_null(),
    Column::int("reference_start"),
    Column::int("reference_end"),
    Column::int("document_start"),
    Column::int("document_end"),
    Column::int("chars"),
    Column::text("text"),
];

const ADDITIONS: &[Column] = &[
    Column::text("document"),
    Column::text("measure"),
    Column::text("heading"),
];

const DYADS: &[Column] = &[
    Column::text("earlier"),
    Column::text("later"),
    Column::int("days_apart").or_null(),
    Column::text("relation"),
    Column::bool("cites"),
    Column::float("similarity"),
    Column::float("coverage_earlier"),
    Column::float("coverage_later"),
    Column::float("verbatim_share"),
];

const PASSAGES: &[Column] = &[
    Column::text("earlier"),
    Column::text("later"),
    Column::text("earlier_measure"),
    Column::text("later_measure"),
    Column::int("earlier_start"),
    Column::int("earlier_end"),
    Column::int("later_start"),
    Column::int("later_end"),
    Column::int("chars"),
    Column::text("text"),
];

const EDGES: &[Column] = &[
    Column::text("source"),
    Column::text("target"),
    Column::text("kind"),
    Column::float("weight"),
];

/// The tables of a diffusion study: `documents`; with a reference, `adoptions` (each other
/// document × each reference measure), `adoption_spans` (the passages of each adoption) and
/// `additions`; `dyads`, `passages` (copied from the earlier to the later of each dyad) and
/// `edges` (the diffusion graph; `documents` is its node list). Ids are never numeric, spans
/// are byte offsets of the decoded sources.
pub fn diffusion_tables(r: &DiffusionReport) -> Vec<Table> {
    diffusion_tables_lazily(r).collect()
}

/// Makes one table of a study.
type MakeTable = fn(&DiffusionReport) -> Table;

/// [`diffusion_tables`], each table made when the iterator reaches it: a caller that writes
/// each before asking for the next holds one table in memory, not the set (the passages of a
/// study of thousands of documents are hundreds of megabytes).
pub fn diffusion_tables_lazily<'r>(r: &'r DiffusionReport<'r>) -> impl Iterator<Item = Table> + 'r {
    // One part of every row is the whole table.
    diffusion_table_parts(r, usize::MAX)
}

/// [`diffusion_tables_lazily`] with the `passages` table, the largest (a row for each passage of
/// every dyad), in parts of at most `rows` rows, each made when the iterator reaches it:
/// consecutive tables of one name are the parts of one table, in order, to be written one
/// after the other (the first with [`Table::write_csv`], the next with [`Table::append_csv`];
/// or through one `ParquetParts`). An empty table is one empty part. A caller that writes each
/// part before asking for the next holds one part in memory, not the table.
pub fn diffusion_table_parts<'r>(r: &'r DiffusionReport<'r>, rows: usize) -> impl Iterator<Item = Table> + 'r {
    let (rows, n) = (rows.max(1), r.diffusion.passages.len());
    let adopted = r.diffusion.reference.is_some();
    let before: [(bool, MakeTable); 5] = [
        (true, documents_table),
        (adopted, adoptions_table),
        (adopted, adoption_spans_table),
        (adopted, additions_table),
        (true, dyads_table),
    ];
    let passages = (0..n.max(1))
        .step_by(rows)
        .map(move |start| passages_part(r, start..start.saturating_add(rows).min(n)));
    before
        .into_iter()
        .filter(|m| m.0)
        .map(move |(_, make)| make(r))
        .chain(passages)
        .chain(std::iter::once_with(move || edges_table(r)))
}

fn documents_table(r: &DiffusionReport) -> Table {
    let mut t = Table::new("documents", DOCUMENTS);
    for x in &r.diffusion.documents {
        t.rows.push(vec![
            Cell::text(&x.id),
            Cell::text(&x.path),
            Cell::text(&x.title),
            Cell::opt(x.jurisdiction.as_deref()),
            Cell::opt(x.level.map(|l| l.as_str())),
            Cell::opt(x.province.as_deref()),
            Cell::opt(x.code.as_deref()),
            Cell::date(x.date.as_deref()),
            Cell::opt(x.doc_number.as_deref()),
            Cell::text(x.cites.join(";")),
        ]);
    }
    t
}

fn adoptions_table(r: &DiffusionReport) -> Table {
    let mut t = Table::new("adoptions", ADOPTIONS);
    let reference = r.reference();
    for a in &r.diffusion.adoptions {
        let doc = r.document(&a.document);
        t.rows.push(vec![
            Cell::text(&a.document),
            Cell::text(&a.reference_measure),
            Cell::text(heading(reference, Some(&a.reference_measure))),
            Cell::opt(a.measure.as_deref()),
            Cell::opt(a.measure.as_deref().map(|m| heading(doc, Some(m)))),
            Cell::text(a.status.as_str()),
            Cell::Float(a.score),
            Cell::Float(a.verbatim_share),
            Cell::Float(a.reference_share),
            Cell::count(a.spans.len()),
        ]);
    }
    t
}

/// The spans and text of a passage: start and end in the first source, in the second, the
/// characters counted, the text.
fn passage_cells(p: &Passage) -> [Cell; 6] {
    [
        Cell::count(p.left.start),
        Cell::count(p.left.end),
        Cell::count(p.right.start),
        Cell::count(p.right.end),
        Cell::count(p.chars),
        Cell::text(&p.text),
    ]
}

fn adoption_spans_table(r: &DiffusionReport) -> Table {
    let mut t = Table::new("adoption_spans", ADOPTION_SPANS);
    for a in &r.diffusion.adoptions {
        for p in &a.spans {
            let mut row = vec![
                Cell::text(&a.document),
                Cell::text(&a.reference_measure),
                Cell::opt(a.measure.as_deref()),
            ];
            row.extend(passage_cells(p));
            t.rows.push(row);
        }
    }
    t
}

fn additions_table(r: &DiffusionReport) -> Table {
    let mut t = Table::new("additions", ADDITIONS);
    for a in &r.diffusion.additions {
        let h = heading(r.document(&a.document), Some(&a.measure));
        t.rows
            .push(vec![Cell::text(&a.document), Cell::text(&a.measure), Cell::text(h)]);
    }
    t
}

fn dyads_table(r: &DiffusionReport) -> Table {
    let mut t = Table::new("dyads", DYADS);
    for x in &r.diffusion.dyads {
        t.rows.push(vec![
            Cell::text(&x.earlier),
            Cell::text(&x.later),
            x.days_apart.map_or(Cell::Null, Cell::Int),
            Cell::text(x.relation.as_str()),
            Cell::Bool(x.cites),
            Cell::Float(x.similarity),
            Cell::Float(x.coverage_earlier),
            Cell::Float(x.coverage_later),
            Cell::Float(x.verbatim_share),
        ]);
    }
    t
}

/// The rows `rows` of the `passages` table.
fn passages_part(r: &DiffusionReport, rows: std::ops::Range<usize>) -> Table {
    let mut t = Table::new("passages", PASSAGES);
    for p in &r.diffusion.passages[rows] {
        let mut row = vec![
            Cell::text(&p.earlier),
            Cell::text(&p.later),
            Cell::text(&p.earlier_measure),
            Cell::text(&p.later_measure),
        ];
        row.extend(passage_cells(&p.passage));
        t.rows.push(row);
    }
    t
}

fn edges_table(r: &DiffusionReport) -> Table {
    let mut t = Table::new("edges", EDGES);
    let g = r.graph.graph();
    for e in g.edge_indices() {
        let Some((s, target)) = g.edge_endpoints(e) else {
            continue;
        };
        let w = &g[e];
        t.rows.push(vec![
            Cell::text(&g[s].id),
            Cell::text(&g[target].id),
            Cell::text(w.kind()),
            Cell::Float(w.weight()),
        ]);
    }
    t
}
