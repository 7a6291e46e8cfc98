//! Align a corpus: N documents → clusters of equivalent measures, the coverage matrix of
//! clusters × jurisdictions, and agency load across jurisdictions.
//!
//! ```text
//! cargo run --release --example corpus -- [--format text|markdown|csv|json|html] [--out FILE] [--csv-bom] [--threshold T] DIR|FILES...
//! ```
//!
//! A directory stands for every `.txt` file in it, in name order. The `policy-align corpus`
//! command does the same, and also skips unreadable files, reports ignored ones and shows progress.

mod common;

use policy_align::{Document, Strategy};
use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("corpus: {e}");
            ExitCode::FAILURE
        }
    }
}

const USAGE: &str =
    "usage: corpus [--format text|markdown|csv|json|html] [--out FILE] [--csv-bom] [--threshold T] DIR|FILES...";

fn run() -> Result<(), String> {
    let mut output = common::Output::default();
    let mut threshold = None;
    let mut inputs = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        if output.take(&arg, &mut args)? {
            continue;
        }
        match arg.as_str() {
            "--threshold" | "-t" => {
                let v = args.next().ok_or("--threshold needs a value (try --help)")?;
                threshold = Some(common::threshold(&v)?);
            }
            "--help" | "-h" => {
                println!("{USAGE}");
                return Ok(());
            }
            flag if flag.starts_with('-') && flag.len() > 1 => {
                return Err(format!("unknown option {flag} (try --help)"));
            }
            input => inputs.push(PathBuf::from(input)),
        }
    }
    let mut files = Vec::new();
    for input in inputs {
        if input.is_dir() {
            let mut found: Vec<PathBuf> = std::fs::read_dir(&input)
                .map_err(|e| format!("{}: cannot read: {e}", input.display()))?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x.eq_ignore_ascii_case("txt")))
                .collect();
            found.sort();
            files.extend(found);
        } else {
            files.push(input);
        }
    }
    let docs: Vec<Document> = files
        .iter()
        .map(|f| Document::from_path(f).map_err(|e| e.to_string()))
        .collect::<Result<_, _>>()?;
    let pipeline = common::pipeline(Strategy::OneToOne, threshold)?;
    let corpus = pipeline.corpus(docs).map_err(|e| format!("{e}\n{USAGE}"))?;
    let text = corpus.render(&*output.renderer()).map_err(|e| e.to_string())?;
    output.write(&text)
}
