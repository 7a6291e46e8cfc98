//! Stage 10: what a researcher reads, and what other tools load.
//!
//! One [`Renderer`] trait, one implementation per format: [`TextRenderer`] (text and Markdown),
//! [`CsvRenderer`], [`JsonRenderer`] (the JSON contract), [`HtmlRenderer`], and for graphs
//! [`DotRenderer`] and [`GraphmlRenderer`]. A renderer turns a report view into a string:
//! [`DocumentReport`] (one parsed document, `inspect`), [`ComparisonReport`] (two documents
//! compared), [`CorpusReport`] (a corpus aligned), [`DiffusionReport`] (a diffusion study) or a
//! [`PolicyGraph`](crate::PolicyGraph). The views are made by the
//! pipeline ([`Comparison::report`](crate::Comparison::report),
//! [`CorpusComparison::report`](crate::CorpusComparison::report)) or checked on construction
//! ([`DocumentReport::new`]), so that a renderer never sees parts that do not belong together.
//! A format that has no rendering of a kind of report says so ([`Error::Unsupported`](crate::Error::Unsupported)).
//! Writing the string to a file is the caller's job; for the reports that grow with a corpus,
//! [`Renderer::write_corpus`] and [`Renderer::write_diffusion`] write to any `std::io::Write`
//! as the report is made (JSON streams them, a chunk of documents or dyads at a time).
//!
//! For pandas, Polars, DuckDB or R, each report is also a set of [`Table`]s with typed columns
//! ([`comparison_tables`], [`corpus_tables`], [`diffusion_tables`]), written as CSV
//! ([`Table::to_csv`], [`CsvRenderer::tables`]) or, with the `parquet` feature (on by default),
//! as Parquet (`Table::write_parquet`).

mod csv;
mod diffusion;
mod diffusion_html;
mod dot;
mod format;
mod graphml;
mod html;
mod html_page;
mod json;
mod json_document;
mod json_stream;
mod outline;
#[cfg(feature = "parquet")]
mod parquet;
mod tables;
mod text;
mod text_style;
mod view;

pub use self::csv::{COMPARISON_CSV_COLUMNS, CORPUS_CSV_COLUMNS, CsvRenderer};
#[cfg(feature = "parquet")]
pub use self::parquet::{PARQUET_ROW_GROUP_ROWS, ParquetParts};
pub use dot::DotRenderer;
pub use format::Format;
pub use graphml::GraphmlRenderer;
pub use html::HtmlRenderer;
pub use json::{JsonRenderer, compare_json, document_json};
pub use tables::{
    Cell, Column, ColumnType, Digits, TABLE_PART_ROWS, Table, comparison_tables, corpus_table_parts, corpus_tables,
    diffusion_table_parts, diffusion_tables, diffusion_tables_lazily,
};
pub use text_style::TextRenderer;
pub use view::{ComparisonReport, CorpusReport, DiffusionReport, DocumentReport, Renderer};
