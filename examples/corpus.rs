//! Align a corpus: N documents → clusters of equivalent measures, the coverage matrix of
//! clusters × jurisdictions, and agency load across jurisdictions.
//!
//! ```text
//! cargo run --release --example corpus -- [--format text|markdown|csv|json|html] [--out FILE] [--csv-bom] DIR|FILES...
//! ```
//!
//! A directory stands for every `.txt` file in it, in name order. A progress bar shows on
//! standard error when it is a terminal and there are 20 documents or more.

mod common;

use indicatif::{ProgressBar, ProgressStyle};
use policy_align::report::CorpusReport;
use policy_align::{AgencyRegistry, Document, FeatureSet, PolicyGraph, Segmenter, Strategy};
use rayon::prelude::*;
use std::io::IsTerminal;
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
        let mut value = |name: &str| args.next().ok_or(format!("{name} needs a value (try --help)"));
        match arg.as_str() {
            "--threshold" | "-t" => {
                let v = value("--threshold")?;
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
                .filter(|p| p.extension().is_some_and(|x| x == "txt"))
                .collect();
            found.sort();
            files.extend(found);
        } else {
            files.push(input);
        }
    }
    if files.len() < 2 {
        return Err(format!(
            "expected a directory or files holding two documents or more, got {}\n{USAGE}",
            files.len()
        ));
    }
    let bar = (std::io::stderr().is_terminal() && files.len() >= 20).then(|| {
        let bar = ProgressBar::new(files.len() as u64 * 2);
        bar.set_style(ProgressStyle::with_template("{msg:>8} [{bar:40}] {pos}/{len}").expect("valid template"));
        bar
    });
    // Parse in parallel (rayon); the order of the files is kept.
    let docs: Vec<Document> = files
        .par_iter()
        .map(|f| {
            let doc = Document::from_path(f).map_err(|e| e.to_string())?;
            if let Some(b) = &bar {
                b.set_message("parse");
                b.inc(1);
            }
            if doc.measures.is_empty() {
                return Err(format!("{}: no measures found", doc.name));
            }
            Ok(doc)
        })
        .collect::<Result<_, String>>()?;
    let registry = AgencyRegistry::new();
    let segmenter = Segmenter::builder()
        .agencies(&registry)
        .document_agencies(&docs)
        .build();
    let aligner = common::aligner(Strategy::OneToOne, threshold)?;
    let refs: Vec<&Document> = docs.iter().collect();
    let agencies: Vec<_> = docs.par_iter().map(|d| registry.resolve_document(d)).collect();
    let features = FeatureSet::build(&segmenter, &refs, &agencies);
    let corpus = aligner.align_corpus_with_progress(&features, &mut |done, _| {
        if let Some(b) = &bar {
            b.set_message("align");
            b.set_position((files.len() + done) as u64);
        }
    });
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    let graph = PolicyGraph::from_corpus(&registry, &refs, &agencies, &corpus);
    let report = CorpusReport {
        documents: refs.clone(),
        agencies: &agencies,
        corpus: &corpus,
        graph: &graph,
    };
    let text = output.renderer().corpus(&report).map_err(|e| e.to_string())?;
    output.write(&text)
}
