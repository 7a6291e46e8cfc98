//! Renderers of comparison and corpus reports: text, markdown, CSV, JSON and HTML.

use super::{compare_json, document_json};
use crate::agency::{AgencyRegistry, CrosswalkRow, DocumentAgencies};
use crate::align::{Comparison, CorpusAlignment};
use crate::document::Document;
use crate::error::{Error, Result};
use crate::graph::PolicyGraph;
use comfy_table::{ContentArrangement, Table, presets};
use std::fmt::Write as _;
use std::path::Path;

/// A comparison of two documents, ready to render.
#[derive(Debug, Clone, Copy)]
pub struct ComparisonReport<'a> {
    /// The left document.
    pub left: &'a Document,
    /// The right document.
    pub right: &'a Document,
    /// The comparison of the two.
    pub comparison: &'a Comparison,
    /// The registry the agencies were resolved with.
    pub registry: &'a AgencyRegistry,
}

/// The alignment of a corpus, ready to render.
#[derive(Debug, Clone)]
pub struct CorpusReport<'a> {
    /// The documents, in the order they were aligned.
    pub documents: Vec<&'a Document>,
    /// Their agencies.
    pub agencies: &'a [DocumentAgencies],
    /// Clusters and coverage.
    pub corpus: &'a CorpusAlignment,
    /// The agency graph of the corpus (for agency load).
    pub graph: &'a PolicyGraph,
}

/// Renders reports in one format.
pub trait Renderer {
    /// A comparison of two documents.
    fn comparison(&self, report: &ComparisonReport) -> Result<String>;
    /// A corpus of documents.
    fn corpus(&self, report: &CorpusReport) -> Result<String>;
}

/// The short name of a document in reports: its jurisdiction, else its title.
pub(crate) fn side_name(d: &Document) -> String {
    d.meta.jurisdiction.clone().unwrap_or_else(|| d.meta.title.clone())
}

/// Summary figures of a comparison.
pub(crate) struct Summary {
    pub left_matched: usize,
    pub right_matched: usize,
    pub mean: f64,
}

pub(crate) fn summary(r: &ComparisonReport) -> Summary {
    let a = &r.comparison.alignment;
    let left_matched = r.left.measures.len() - a.unmatched_left.len();
    let right_matched = r.right.measures.len() - a.unmatched_right.len();
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

fn percent(part: usize, whole: usize) -> String {
    if whole == 0 {
        "0%".into()
    } else {
        format!("{:.0}%", 100.0 * part as f64 / whole as f64)
    }
}

/// The rows of the agency cross-walk, with the side each belongs to.
pub(crate) fn crosswalk_rows(c: &Comparison) -> Vec<(&'static str, &CrosswalkRow)> {
    let w = &c.crosswalk;
    let mut rows: Vec<(&'static str, &CrosswalkRow)> = w.shared.iter().map(|r| ("shared", r)).collect();
    rows.extend(w.left_only.iter().map(|r| ("left only", r)));
    rows.extend(w.right_only.iter().map(|r| ("right only", r)));
    rows.extend(w.collective.iter().map(|r| ("collective", r)));
    rows
}

/// Plain text for a terminal or a paper's appendix: tables that fit a width (CJK characters
/// count two columns).
#[derive(Debug, Clone, Copy)]
pub struct TextRenderer {
    /// The width tables must fit. Default: 100.
    pub width: u16,
    /// Markdown tables instead of boxes.
    pub markdown: bool,
}

impl Default for TextRenderer {
    fn default() -> Self {
        TextRenderer {
            width: 100,
            markdown: false,
        }
    }
}

impl TextRenderer {
    fn table(&self, header: &[&str]) -> Table {
        let mut t = Table::new();
        if self.markdown {
            t.load_style(presets::ASCII_MARKDOWN)
                .set_content_arrangement(ContentArrangement::Disabled);
        } else {
            t.load_style(presets::UTF8_FULL_CONDENSED)
                .set_content_arrangement(ContentArrangement::Dynamic)
                .set_width(self.width);
        }
        t.set_header(header.iter().copied());
        t
    }

    fn heading(&self, out: &mut String, level: usize, text: &str) {
        if self.markdown {
            let _ = writeln!(out, "\n{} {text}\n", "#".repeat(level));
        } else {
            let _ = writeln!(out, "\n{text}");
        }
    }

    /// Markdown cells may not hold `|` or line breaks.
    fn cell(&self, s: &str) -> String {
        if self.markdown {
            s.replace('|', "\\|").replace('\n', " ")
        } else {
            s.to_owned()
        }
    }
}

impl Renderer for TextRenderer {
    fn comparison(&self, r: &ComparisonReport) -> Result<String> {
        let (ln, rn) = (side_name(r.left), side_name(r.right));
        let a = &r.comparison.alignment;
        let s = summary(r);
        let mut out = String::new();
        if self.markdown {
            let _ = writeln!(out, "# {ln} ~ {rn}\n");
        } else {
            let _ = writeln!(out, "{ln} ~ {rn}");
        }
        let _ = writeln!(out, "{}: {}", ln, r.left.meta.title);
        let _ = writeln!(out, "{}: {}", rn, r.right.meta.title);
        let _ = writeln!(
            out,
            "{} pairs ({}, threshold {}); {ln}: {} of {} measures matched ({}); {rn}: {} of {} ({}); mean score {:.3}",
            a.pairs.len(),
            a.strategy,
            a.threshold,
            s.left_matched,
            r.left.measures.len(),
            percent(s.left_matched, r.left.measures.len()),
            s.right_matched,
            r.right.measures.len(),
            percent(s.right_matched, r.right.measures.len()),
            s.mean
        );

        self.heading(&mut out, 2, "Aligned measures");
        let mut t = self.table(&[&ln, &rn, "score", "shared terms"]);
        for p in &a.pairs {
            let (l, m) = (&r.left.measures[p.left_index], &r.right.measures[p.right_index]);
            t.add_row(vec![
                self.cell(&format!("{} {}", l.label, l.title)),
                self.cell(&format!("{} {}", m.label, m.title)),
                format!("{:.3}", p.score),
                self.cell(&p.shared_terms.iter().take(4).cloned().collect::<Vec<_>>().join(" ")),
            ]);
        }
        let _ = writeln!(out, "{t}");

        for (name, doc, ids) in [(&ln, r.left, &a.unmatched_left), (&rn, r.right, &a.unmatched_right)] {
            self.heading(&mut out, 2, &format!("Only in {name} ({})", ids.len()));
            for id in ids {
                if let Some(m) = doc.measure(id) {
                    let _ = writeln!(
                        out,
                        "{}{} {}",
                        if self.markdown { "- " } else { "  " },
                        m.label,
                        m.title
                    );
                }
            }
        }

        let w = &r.comparison.crosswalk;
        self.heading(
            &mut out,
            2,
            &format!(
                "Agencies: {} shared, {} only in {ln}, {} only in {rn}, {} collective mentions",
                w.shared.len(),
                w.left_only.len(),
                w.right_only.len(),
                w.collective.len()
            ),
        );
        let mut t = self.table(&["", "agency", &ln, &rn]);
        for (side, row) in crosswalk_rows(r.comparison) {
            let name = if row.gloss.is_empty() {
                row.name.clone()
            } else {
                format!("{} {}", row.name, row.id)
            };
            t.add_row(vec![
                side.to_owned(),
                self.cell(&name),
                self.cell(&row.left.join("、")),
                self.cell(&row.right.join("、")),
            ]);
        }
        let _ = writeln!(out, "{t}");
        Ok(out)
    }

    fn corpus(&self, r: &CorpusReport) -> Result<String> {
        let mut out = String::new();
        let names: Vec<String> = r.documents.iter().map(|d| side_name(d)).collect();
        let n = r.documents.len();
        let multi = r.corpus.clusters.iter().filter(|c| c.members.len() > 1).count();
        if self.markdown {
            let _ = writeln!(out, "# Corpus of {n} documents\n");
        }
        let _ = writeln!(
            out,
            "{n} documents, {} measures, {} clusters ({multi} with measures of two documents or more, {} shared by all)",
            r.documents.iter().map(|d| d.measures.len()).sum::<usize>(),
            r.corpus.clusters.len(),
            r.corpus.shared_by_all().count()
        );
        self.heading(&mut out, 2, "Coverage: clusters of equivalent measures × jurisdictions");
        let mut header: Vec<&str> = vec!["cluster", "heading", "n"];
        header.extend(names.iter().map(String::as_str));
        let mut t = self.table(&header);
        for (c, row) in r.corpus.clusters.iter().zip(&r.corpus.coverage) {
            let mut cells = vec![c.id.clone(), self.cell(&c.title), c.members.len().to_string()];
            cells.extend(row.iter().map(|m| m.clone().unwrap_or_else(|| "·".into())));
            t.add_row(cells);
        }
        let _ = writeln!(out, "{t}");
        self.heading(
            &mut out,
            2,
            "Agency load across jurisdictions (measures naming each agency)",
        );
        let mut header: Vec<&str> = vec!["agency"];
        header.extend(names.iter().map(String::as_str));
        let mut t = self.table(&header);
        let load = r.graph.load();
        let mut rows: Vec<_> = load.iter().collect();
        rows.sort_by_key(|(id, l)| {
            (
                std::cmp::Reverse(l.iter().map(crate::graph::Load::total).sum::<usize>()),
                (*id).clone(),
            )
        });
        for (id, l) in rows {
            let mut cells = vec![self.cell(id)];
            cells.extend(l.iter().map(|x| {
                if x.total() == 0 {
                    "·".into()
                } else {
                    x.total().to_string()
                }
            }));
            t.add_row(cells);
        }
        let _ = writeln!(out, "{t}");
        Ok(out)
    }
}

/// CSV for pandas, R and spreadsheets: one row per pair and per unmatched measure (comparison),
/// one row per cluster with a column per document (corpus).
#[derive(Debug, Clone, Copy, Default)]
pub struct CsvRenderer {
    /// Start with a UTF-8 byte-order mark, so that Excel reads the Chinese text. Default: no.
    pub bom: bool,
}

impl CsvRenderer {
    fn finish(&self, w: csv::Writer<Vec<u8>>) -> Result<String> {
        let bytes = w.into_inner().map_err(|e| Error::InvalidOption {
            option: "csv",
            message: e.to_string(),
        })?;
        let text = String::from_utf8(bytes).expect("csv of UTF-8 strings is UTF-8");
        Ok(if self.bom { format!("\u{feff}{text}") } else { text })
    }
}

fn csv_err(e: csv::Error) -> Error {
    Error::InvalidOption {
        option: "csv",
        message: e.to_string(),
    }
}

/// The columns of a comparison CSV.
pub const COMPARISON_CSV_COLUMNS: [&str; 15] = [
    "kind",
    "left_id",
    "left_label",
    "left_title",
    "right_id",
    "right_label",
    "right_title",
    "score",
    "words",
    "bigrams",
    "heading",
    "position",
    "context",
    "agencies",
    "shared_terms",
];

impl Renderer for CsvRenderer {
    fn comparison(&self, r: &ComparisonReport) -> Result<String> {
        let mut w = csv::Writer::from_writer(Vec::new());
        w.write_record(COMPARISON_CSV_COLUMNS).map_err(csv_err)?;
        let a = &r.comparison.alignment;
        let comp = |p: &crate::align::Pair, k: &str| p.components.get(k).map_or(String::new(), |v| format!("{v:.4}"));
        for p in &a.pairs {
            let (l, m) = (&r.left.measures[p.left_index], &r.right.measures[p.right_index]);
            w.write_record([
                "pair",
                &l.id,
                &l.label,
                &l.title,
                &m.id,
                &m.label,
                &m.title,
                &format!("{:.4}", p.score),
                &comp(p, "words"),
                &comp(p, "bigrams"),
                &comp(p, "heading"),
                &comp(p, "position"),
                &comp(p, "context"),
                &comp(p, "agencies"),
                &p.shared_terms.join(" "),
            ])
            .map_err(csv_err)?;
        }
        for (kind, doc, ids, left) in [
            ("unmatched_left", r.left, &a.unmatched_left, true),
            ("unmatched_right", r.right, &a.unmatched_right, false),
        ] {
            for id in ids {
                let Some(m) = doc.measure(id) else { continue };
                let (mine, empty) = ([m.id.as_str(), &m.label, &m.title], ["", "", ""]);
                let (l, rr) = if left { (mine, empty) } else { (empty, mine) };
                let mut rec = vec![kind];
                rec.extend(l);
                rec.extend(rr);
                rec.extend(["", "", "", "", "", "", "", ""]);
                w.write_record(rec).map_err(csv_err)?;
            }
        }
        self.finish(w)
    }

    fn corpus(&self, r: &CorpusReport) -> Result<String> {
        let mut w = csv::Writer::from_writer(Vec::new());
        let mut header = vec!["cluster".to_owned(), "heading".to_owned(), "documents".to_owned()];
        header.extend(r.documents.iter().map(|d| side_name(d)));
        w.write_record(&header).map_err(csv_err)?;
        for (c, row) in r.corpus.clusters.iter().zip(&r.corpus.coverage) {
            let mut rec = vec![c.id.clone(), c.title.clone(), c.members.len().to_string()];
            rec.extend(row.iter().map(|m| m.clone().unwrap_or_default()));
            w.write_record(&rec).map_err(csv_err)?;
        }
        self.finish(w)
    }
}

/// JSON: the output contract for a comparison; documents, clusters, coverage and agency load
/// for a corpus.
#[derive(Debug, Clone, Copy, Default)]
pub struct JsonRenderer;

impl Renderer for JsonRenderer {
    fn comparison(&self, r: &ComparisonReport) -> Result<String> {
        Ok(
            serde_json::to_string_pretty(&compare_json(r.left, r.right, r.comparison)).expect("JSON values serialize")
                + "\n",
        )
    }

    fn corpus(&self, r: &CorpusReport) -> Result<String> {
        let documents: Vec<serde_json::Value> = r
            .documents
            .iter()
            .zip(r.agencies)
            .map(|(d, a)| document_json(d, Some(a)))
            .collect();
        let load: serde_json::Map<String, serde_json::Value> = r
            .graph
            .load()
            .into_iter()
            .map(|(id, l)| (id, serde_json::to_value(l).expect("loads serialize")))
            .collect();
        let v = serde_json::json!({
            "documents": documents,
            "jurisdictions": r.documents.iter().map(|d| side_name(d)).collect::<Vec<_>>(),
            "clusters": r.corpus.clusters,
            "coverage": r.corpus.coverage,
            "agency_load": load,
        });
        Ok(serde_json::to_string_pretty(&v).expect("JSON values serialize") + "\n")
    }
}

/// Writes a report to `path`, or to standard output when there is none. The file is written
/// next to its destination and renamed into place, so that an error never leaves half a file.
pub fn write_output(path: Option<&Path>, content: &str) -> Result<()> {
    use std::io::Write;
    let Some(path) = path else {
        let mut stdout = std::io::stdout().lock();
        return stdout
            .write_all(content.as_bytes())
            .and_then(|()| stdout.flush())
            .map_err(|source| Error::Io {
                path: "<stdout>".into(),
                source,
            });
    };
    let io = |source| Error::Io {
        path: path.to_owned(),
        source,
    };
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .ok_or_else(|| io(std::io::Error::other("not a file name")))?;
    let tmp = dir.join(format!(".{}.{}.tmp", name.to_string_lossy(), std::process::id()));
    let result = std::fs::write(&tmp, content).and_then(|()| std::fs::rename(&tmp, path));
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result.map_err(io)
}
