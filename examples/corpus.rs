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
use policy_align::report::{CorpusReport, CsvRenderer, Format, Renderer, write_output};
use policy_align::{AgencyRegistry, Aligner, Document, FeatureSet, PolicyGraph, Segmenter};
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
    let (mut format, mut out, mut bom, mut threshold) = (Format::Text, None::<PathBuf>, false, None);
    let mut inputs = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = |name: &str| args.next().ok_or(format!("{name} needs a value (try --help)"));
        match arg.as_str() {
            "--format" | "-f" => {
                format = value("--format")?
                    .parse()
                    .map_err(|e: policy_align::Error| e.to_string())?
            }
            "--out" | "-o" => out = Some(PathBuf::from(value("--out")?)),
            "--csv-bom" => bom = true,
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
    let mut aligner = Aligner::builder();
    if let Some(t) = threshold {
        aligner = aligner.threshold(t);
    }
    let aligner = aligner.build().map_err(|e| e.to_string())?;
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
    let text = match format {
        Format::Csv => CsvRenderer { bom }.corpus(&report),
        f => f.renderer().corpus(&report),
    }
    .map_err(|e| e.to_string())?;
    write_output(out.as_deref(), &text).map_err(|e| e.to_string())
}
