//! The graph that links each measure to its agencies across documents.
//!
//! ```text
//! cargo run --example agency_graph -- [--format text|dot|graphml|json] [--out FILE] [FILES...]
//! ```
//!
//! With no files, the bundled pair (aligned, with `Aligned` edges between paired measures);
//! with two files, those two; with three or more, a corpus (clusters of equivalent measures).
//! `text` prints the query results as tables; `dot`, `graphml` and `json` (node-link) print the
//! graph: `... --format dot | dot -Tsvg > graph.svg`.

mod common;

use policy_align::report::Format;
use policy_align::{Document, Pipeline, corpus};
use std::process::ExitCode;

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("agency_graph: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<(), String> {
    let mut output = common::Output::default();
    let mut files = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        if output.take(&arg, &mut args)? {
            if !matches!(
                output.format,
                Format::Text | Format::Dot | Format::Graphml | Format::Json
            ) {
                return Err(format!(
                    "unknown format {} (expected text, dot, graphml or json)",
                    output.format
                ));
            }
            continue;
        }
        match arg.as_str() {
            "--help" | "-h" => {
                println!(
                    "usage: agency_graph [--format text|dot|graphml|json] [--out FILE] [FILES...]\n\nWith no files, the bundled pair."
                );
                return Ok(());
            }
            flag if flag.starts_with('-') && flag.len() > 1 => {
                return Err(format!("unknown option {flag} (try --help)"));
            }
            file => files.push(file.to_owned()),
        }
    }
    let mut docs: Vec<Document> = if files.is_empty() {
        corpus::BUNDLED.iter().map(|b| b.parse()).collect::<Result<_, _>>()
    } else {
        files.iter().map(Document::from_path).collect::<Result<_, _>>()
    }
    .map_err(|e| e.to_string())?;
    // Two documents: their comparison's graph; more: the corpus graph.
    let pipeline = Pipeline::new();
    let text = if docs.len() == 2 {
        let right = docs.pop().ok_or("no document")?;
        let left = docs.pop().ok_or("no document")?;
        let c = pipeline.compare(left, right).map_err(|e| e.to_string())?;
        output.renderer().graph(c.graph())
    } else {
        let c = pipeline.corpus(docs).map_err(|e| e.to_string())?;
        output.renderer().graph(c.graph())
    }
    .map_err(|e| e.to_string())?;
    output.write(&text)
}
