//! Compare two policy documents: the main job.
//!
//! ```text
//! cargo run --release --example compare -- [--format text|markdown|csv|json|html] [--out FILE] [--csv-bom]
//!     [--strategy one-to-one|mutual-best|many-to-many] [--threshold T] [--outlines] [LEFT RIGHT]
//! ```
//!
//! With no files, the bundled pair (Xiangshan district plan, Huizhou city measures). The report
//! lists the aligned pairs with scores and shared terms, the measures without a counterpart, the
//! agency cross-walk and a summary; `--outlines` (text) adds both parsed outlines side by side.

mod common;

use policy_align::report::{ComparisonReport, Format};
use policy_align::{AgencyRegistry, Comparison, Segmenter, Strategy, report};
use std::process::ExitCode;

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("compare: {e}");
            ExitCode::FAILURE
        }
    }
}

const USAGE: &str = "usage: compare [--format text|markdown|csv|json|html] [--out FILE] [--csv-bom]
               [--strategy one-to-one|mutual-best|many-to-many] [--threshold T] [--outlines] [LEFT RIGHT]

With no files, the bundled pair.";

fn run() -> Result<(), String> {
    let mut output = common::Output::default();
    let mut outlines = false;
    let (mut strategy, mut threshold) = (Strategy::OneToOne, None);
    let mut files = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        if output.take(&arg, &mut args)? {
            continue;
        }
        let mut value = |name: &str| args.next().ok_or(format!("{name} needs a value (try --help)"));
        match arg.as_str() {
            "--outlines" => outlines = true,
            "--strategy" | "-s" => {
                strategy = value("--strategy")?
                    .parse()
                    .map_err(|e: policy_align::Error| e.to_string())?
            }
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
            file => files.push(file.to_owned()),
        }
    }
    let (left, right) = common::load_pair(&files)?;
    let registry = AgencyRegistry::new();
    let segmenter = Segmenter::builder()
        .agencies(&registry)
        .document_agencies([&left, &right])
        .build();
    let aligner = common::aligner(strategy, threshold)?;
    let comparison = Comparison::new(&left, &right, &registry, &segmenter, &aligner);
    let report = ComparisonReport {
        left: &left,
        right: &right,
        comparison: &comparison,
        registry: &registry,
    };
    let mut text = output.renderer().comparison(&report).map_err(|e| e.to_string())?;
    if outlines && output.format == Format::Text {
        text = format!("{}\n{text}", report::side_by_side(&left, &right, 60));
    }
    output.write(&text)
}
