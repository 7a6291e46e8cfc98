//! Print the parsed outline of a policy document, or the document as JSON.
//!
//! ```text
//! cargo run --example inspect -- [--format text|json] [--out FILE] [FILE...]
//! ```
//!
//! With no file, both bundled documents are printed.

mod common;

use policy_align::report::{DocumentReport, Format};
use policy_align::{Document, Pipeline, corpus};
use std::process::ExitCode;

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("inspect: {e}");
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
            if !matches!(output.format, Format::Text | Format::Json) {
                return Err(format!("inspect prints text or json, not {}", output.format));
            }
            continue;
        }
        match arg.as_str() {
            "--help" | "-h" => {
                println!(
                    "usage: inspect [--format text|json] [--out FILE] [FILE...]\n\nWith no FILE, the two bundled documents."
                );
                return Ok(());
            }
            flag if flag.starts_with('-') && flag.len() > 1 => {
                return Err(format!("unknown option {flag} (try --help)"));
            }
            file => files.push(file.to_owned()),
        }
    }
    let docs: Vec<Document> = if files.is_empty() {
        corpus::BUNDLED.iter().map(|b| b.parse()).collect::<Result<_, _>>()
    } else {
        files.iter().map(Document::from_path).collect::<Result<_, _>>()
    }
    .map_err(|e| e.to_string())?;
    // Resolve each document's agencies, so that the JSON carries their canonical ids.
    let pipeline = Pipeline::new();
    let agencies: Vec<_> = docs.iter().map(|d| pipeline.resolve(d)).collect();
    let reports = docs
        .iter()
        .zip(&agencies)
        .map(|(d, a)| DocumentReport::new(d, Some(a)))
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| e.to_string())?;
    let text = output.renderer().documents(&reports).map_err(|e| e.to_string())?;
    output.write(&text)
}
