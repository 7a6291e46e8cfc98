//! Print the parsed outline of a policy document, or the document as JSON.
//!
//! ```text
//! cargo run --example inspect -- [--format text|json] [--out FILE] [FILE...]
//! ```
//!
//! With no file, both bundled documents are printed.

use policy_align::{AgencyRegistry, Document, corpus, report};
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
    let mut format = report::Format::Text;
    let mut out: Option<std::path::PathBuf> = None;
    let mut files = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--format" | "-f" => {
                let value = args.next().ok_or("--format needs a value (text or json)")?;
                format = value.parse().map_err(|e: policy_align::Error| e.to_string())?;
                if !matches!(format, report::Format::Text | report::Format::Json) {
                    return Err(format!("inspect prints text or json, not {value}"));
                }
            }
            "--out" | "-o" => out = Some(args.next().ok_or("--out needs a file")?.into()),
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
    let registry = AgencyRegistry::new();
    let text = match format {
        report::Format::Json => {
            let json = |d: &Document| report::document_json(d, Some(&registry.resolve_document(d)));
            let value = if docs.len() == 1 {
                json(&docs[0])
            } else {
                serde_json::Value::Array(docs.iter().map(json).collect())
            };
            serde_json::to_string_pretty(&value).map_err(|e| e.to_string())? + "\n"
        }
        _ => docs
            .iter()
            .map(report::outline)
            .collect::<Vec<_>>()
            .join(&format!("\n{}\n\n", "=".repeat(72))),
    };
    report::write_output(out.as_deref(), &text).map_err(|e| e.to_string())
}
