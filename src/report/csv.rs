//! CSV for pandas, R and spreadsheets.

use super::view::{ComparisonReport, CorpusReport, DiffusionReport, Renderer};
use crate::align::Pair;
use crate::document::{Document, Measure};
use crate::error::{Error, Result};

/// CSV for pandas, R and spreadsheets: one row per pair and per unmatched measure (comparison),
/// one row per measure of each cluster (corpus: a tidy table, `pd.crosstab(df.cluster,
/// df.document)` gives the coverage matrix). Every row names each measure's document (file
/// stem), jurisdiction, id, label as written and heading; ids are never numeric.
#[derive(Debug, Clone, Copy, Default)]
pub struct CsvRenderer {
    /// Start with a UTF-8 byte-order mark, so that Excel reads the Chinese text. Default: no.
    pub bom: bool,
}

impl CsvRenderer {
    /// A diffusion study as CSV, one table per file: `(file name, CSV)` for `documents.csv`,
    /// `adoptions.csv`, `adoption_spans.csv` and `additions.csv` (with a reference),
    /// `dyads.csv`, `passages.csv` (copied from the earlier to the later of each dyad) and
    /// `edges.csv` (the diffusion graph; `documents.csv` is its node list). Ids are never
    /// numeric, shares have four decimals, spans are byte offsets of the decoded sources.
    pub fn diffusion_tables(&self, r: &DiffusionReport) -> Result<Vec<(String, String)>> {
        super::diffusion::write_tables(super::diffusion::diffusion_tables(r), self.bom)
    }

    fn finish(&self, w: csv::Writer<Vec<u8>>) -> Result<String> {
        let bytes = w.into_inner().map_err(|e| Error::Csv { message: e.to_string() })?;
        let text = String::from_utf8(bytes).map_err(|e| Error::Csv { message: e.to_string() })?;
        Ok(if self.bom { format!("\u{feff}{text}") } else { text })
    }
}

fn csv_err(e: csv::Error) -> Error {
    Error::Csv { message: e.to_string() }
}

/// The columns of a comparison CSV.
pub const COMPARISON_CSV_COLUMNS: [&str; 22] = [
    "kind",
    "link",
    "left_document",
    "left_jurisdiction",
    "left_id",
    "left_label",
    "left_title",
    "right_document",
    "right_jurisdiction",
    "right_id",
    "right_label",
    "right_title",
    "score",
    "p_value",
    "margin",
    "words",
    "bigrams",
    "heading",
    "position",
    "context",
    "agencies",
    "shared_terms",
];

/// The columns of a corpus CSV: one row per measure of a cluster.
pub const CORPUS_CSV_COLUMNS: [&str; 8] = [
    "cluster",
    "cluster_heading",
    "cluster_size",
    "document",
    "jurisdiction",
    "measure_id",
    "label",
    "title",
];

/// The document, jurisdiction, id, label and heading of a measure: five cells.
fn measure_cells(d: &Document, m: &Measure) -> [String; 5] {
    [
        d.file_stem(),
        d.meta.jurisdiction.clone().unwrap_or_default(),
        m.id.clone(),
        m.label.clone(),
        m.title.clone(),
    ]
}

impl Renderer for CsvRenderer {
    fn format(&self) -> &'static str {
        "csv"
    }

    fn comparison(&self, r: &ComparisonReport) -> Result<String> {
        let mut w = csv::Writer::from_writer(Vec::new());
        w.write_record(COMPARISON_CSV_COLUMNS).map_err(csv_err)?;
        let a = r.alignment;
        let comp = |p: &Pair, k: &str| p.components.get(k).map_or(String::new(), |v| format!("{v:.4}"));
        for p in &a.pairs {
            let (l, m) = r.pair(p)?;
            let mut rec: Vec<String> = vec!["pair".into(), p.kind.as_str().into()];
            rec.extend(measure_cells(r.left, l));
            rec.extend(measure_cells(r.right, m));
            rec.extend([
                format!("{:.4}", p.score),
                format!("{:.3e}", p.p_value),
                format!("{:.4}", p.margin),
                comp(p, "words"),
                comp(p, "bigrams"),
                comp(p, "heading"),
                comp(p, "position"),
                comp(p, "context"),
                comp(p, "agencies"),
                p.shared_terms.join(" "),
            ]);
            w.write_record(&rec).map_err(csv_err)?;
        }
        for (kind, doc, ids, left) in [
            ("unmatched_left", r.left, &a.unmatched_left, true),
            ("unmatched_right", r.right, &a.unmatched_right, false),
        ] {
            for id in ids {
                let Some(m) = doc.measure(id) else { continue };
                let (mine, empty) = (measure_cells(doc, m), <[String; 5]>::default());
                let (l, rr) = if left { (mine, empty) } else { (empty, mine) };
                let mut rec: Vec<String> = vec![kind.into(), String::new()];
                rec.extend(l);
                rec.extend(rr);
                rec.extend(std::iter::repeat_n(String::new(), 10));
                w.write_record(&rec).map_err(csv_err)?;
            }
        }
        self.finish(w)
    }

    fn corpus(&self, r: &CorpusReport) -> Result<String> {
        let mut w = csv::Writer::from_writer(Vec::new());
        w.write_record(CORPUS_CSV_COLUMNS).map_err(csv_err)?;
        for c in &r.corpus.clusters {
            for (d, id) in &c.members {
                let doc = r.documents.get(*d).ok_or_else(|| {
                    Error::inconsistent(format!("cluster {} names document {d}, not in the corpus", c.id))
                })?;
                let m = doc.measure(id).ok_or_else(|| {
                    Error::inconsistent(format!("cluster {} names measure {id}, not in {}", c.id, doc.name))
                })?;
                let mut rec = vec![c.id.clone(), c.title.clone(), c.members.len().to_string()];
                rec.extend(measure_cells(doc, m));
                w.write_record(&rec).map_err(csv_err)?;
            }
        }
        self.finish(w)
    }
}
