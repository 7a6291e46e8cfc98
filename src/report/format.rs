//! The output formats, and the renderer of each.

use super::csv::CsvRenderer;
use super::dot::DotRenderer;
use super::graphml::GraphmlRenderer;
use super::html::HtmlRenderer;
use super::json::JsonRenderer;
use super::text_style::TextRenderer;
use super::view::Renderer;
use crate::error::{Error, Result};

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
    /// JSON following the output contract; node-link JSON for a graph.
    Json,
    /// One self-contained HTML page.
    Html,
    /// Graphviz DOT (graphs only).
    Dot,
    /// GraphML for Gephi and networkx (graphs only).
    Graphml,
}

impl Format {
    /// The format's name, as [`Format::from_str`](std::str::FromStr) reads it.
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Markdown => "markdown",
            Format::Csv => "csv",
            Format::Json => "json",
            Format::Html => "html",
            Format::Dot => "dot",
            Format::Graphml => "graphml",
        }
    }

    /// The renderer of this format with its defaults (CSV without a byte-order mark, text
    /// 100 columns wide).
    pub fn renderer(self) -> Box<dyn Renderer> {
        match self {
            Format::Text => Box::new(TextRenderer::default()),
            Format::Markdown => Box::new(TextRenderer::markdown()),
            Format::Csv => Box::new(CsvRenderer::default()),
            Format::Json => Box::new(JsonRenderer),
            Format::Html => Box::new(HtmlRenderer),
            Format::Dot => Box::new(DotRenderer),
            Format::Graphml => Box::new(GraphmlRenderer),
        }
    }
}

impl std::fmt::Display for Format {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
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
            "dot" => Ok(Format::Dot),
            "graphml" => Ok(Format::Graphml),
            other => Err(Error::InvalidOption {
                option: "format",
                message: format!("unknown format {other:?} (expected text, markdown, csv, json, html, dot or graphml)"),
            }),
        }
    }
}
