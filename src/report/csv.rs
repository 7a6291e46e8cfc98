//! CSV for pandas, R and spreadsheets, written from the [tables](super::tables).

use super::tables::{self, Table};
use super::view::{ComparisonReport, CorpusReport, DiffusionReport, Renderer};
use crate::error::Result;

/// CSV for pandas, R and spreadsheets: one row per pair and per unmatched measure (comparison),
/// one row per measure of each cluster (corpus: a tidy table, `pd.crosstab(df.cluster,
/// df.document)` gives the coverage matrix). Every row names each measure's document (file
/// stem), jurisdiction, id, label as written and heading; ids are never numeric. Each is the
/// CSV of a [`Table`] (`pairs`, `clusters`); [`CsvRenderer::tables`] writes any table set.
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
        self.tables(&tables::diffusion_tables(r))
    }

    /// Tables as CSV, one per file: `(NAME.csv, CSV)`.
    pub fn tables(&self, tables: &[Table]) -> Result<Vec<(String, String)>> {
        tables
            .iter()
            .map(|t| Ok((format!("{}.csv", t.name), t.to_csv(self.bom)?)))
            .collect()
    }
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

impl Renderer for CsvRenderer {
    fn format(&self) -> &'static str {
        "csv"
    }

    /// The `pairs` table.
    fn comparison(&self, r: &ComparisonReport) -> Result<String> {
        tables::pairs_table(r)?.to_csv(self.bom)
    }

    /// The `clusters` table.
    fn corpus(&self, r: &CorpusReport) -> Result<String> {
        tables::clusters_table(r)?.to_csv(self.bom)
    }
}
