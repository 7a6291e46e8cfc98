//! CSV for pandas, R and spreadsheets.

use super::view::{ComparisonReport, CorpusReport, Renderer, side_name};
use crate::align::Pair;
use crate::error::{Error, Result};

/// CSV for pandas, R and spreadsheets: one row per pair and per unmatched measure (comparison),
/// one row per cluster with a column per document (corpus).
#[derive(Debug, Clone, Copy, Default)]
pub struct CsvRenderer {
    /// Start with a UTF-8 byte-order mark, so that Excel reads the Chinese text. Default: no.
    pub bom: bool,
}

impl CsvRenderer {
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
pub const COMPARISON_CSV_COLUMNS: [&str; 18] = [
    "kind",
    "link",
    "left_id",
    "left_label",
    "left_title",
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
            w.write_record([
                "pair",
                p.kind.as_str(),
                &l.id,
                &l.label,
                &l.title,
                &m.id,
                &m.label,
                &m.title,
                &format!("{:.4}", p.score),
                &format!("{:.3e}", p.p_value),
                &format!("{:.4}", p.margin),
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
                let mut rec = vec![kind, ""];
                rec.extend(l);
                rec.extend(rr);
                rec.extend(["", "", "", "", "", "", "", "", "", ""]);
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
