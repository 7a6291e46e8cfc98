//! Compare two policy documents: the main job.
//!
//! ```text
//! cargo run --release --example compare -- [--format text|json] [--strategy one-to-one|mutual-best|many-to-many]
//!     [--threshold T] [--outlines] [LEFT RIGHT]
//! ```
//!
//! With no files, the bundled pair (Xiangshan district plan, Huizhou city measures). Text: the
//! aligned pairs with scores and shared terms, the measures without a counterpart, then the
//! agency cross-walk (which bodies both name, which only one); `--outlines` adds both parsed
//! outlines side by side. JSON: the output contract (both documents, pairs, unmatched, agencies).

use policy_align::{AgencyRegistry, Aligner, Comparison, Document, Segmenter, Strategy, corpus, report};
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

fn run() -> Result<(), String> {
    let mut width = 60;
    let mut outlines = false;
    let mut strategy = Strategy::OneToOne;
    let mut threshold = None;
    let mut format = report::Format::Text;
    let mut files = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--width" | "-w" => {
                let value = args.next().ok_or("--width needs a number of columns")?;
                width = value
                    .parse()
                    .map_err(|_| format!("--width: {value:?} is not a number of columns"))?;
            }
            "--outlines" => outlines = true,
            "--strategy" | "-s" => {
                let value = args
                    .next()
                    .ok_or("--strategy needs a value (one-to-one, mutual-best, many-to-many)")?;
                strategy = value.parse().map_err(|e: policy_align::Error| e.to_string())?;
            }
            "--threshold" | "-t" => {
                let value = args.next().ok_or("--threshold needs a number in 0..=1")?;
                threshold = Some(
                    value
                        .parse::<f64>()
                        .map_err(|_| format!("--threshold: {value:?} is not a number"))?,
                );
            }
            "--format" | "-f" => {
                let value = args.next().ok_or("--format needs a value (text or json)")?;
                format = value.parse().map_err(|e: policy_align::Error| e.to_string())?;
            }
            "--help" | "-h" => {
                println!(
                    "usage: compare [--format text|json] [--width COLUMNS] [LEFT RIGHT]\n\nWith no files, the bundled pair."
                );
                return Ok(());
            }
            flag if flag.starts_with('-') && flag.len() > 1 => {
                return Err(format!("unknown option {flag} (try --help)"));
            }
            file => files.push(file.to_owned()),
        }
    }
    let (left, right) = match files.as_slice() {
        [] => (corpus::XIANGSHAN.parse(), corpus::HUIZHOU.parse()),
        [l, r] => (Document::from_path(l), Document::from_path(r)),
        _ => return Err(format!("expected two files (LEFT RIGHT) or none, got {}", files.len())),
    };
    let (left, right) = (left.map_err(|e| e.to_string())?, right.map_err(|e| e.to_string())?);
    for doc in [&left, &right] {
        if doc.measures.is_empty() {
            return Err(format!("{}: no measures found", doc.name));
        }
    }
    let registry = AgencyRegistry::new();
    let segmenter = Segmenter::builder()
        .agencies(&registry)
        .document_agencies([&left, &right])
        .build();
    let mut aligner = Aligner::builder().strategy(strategy);
    if let Some(t) = threshold {
        aligner = aligner.threshold(t);
    }
    let aligner = aligner.build().map_err(|e| e.to_string())?;
    let comparison = Comparison::new(&left, &right, &registry, &segmenter, &aligner);
    match format {
        report::Format::Json => {
            let value = report::compare_json(&left, &right, &comparison);
            println!("{}", serde_json::to_string_pretty(&value).map_err(|e| e.to_string())?);
        }
        _ => {
            if outlines {
                print!("{}", report::side_by_side(&left, &right, width));
                println!();
            }
            print!("{}", report::alignment_text(&left, &right, &comparison));
            println!();
            print!("{}", report::crosswalk_text(&comparison.crosswalk, &left, &right));
        }
    }
    Ok(())
}
