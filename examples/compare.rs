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
//! The `policy-align compare` command does the same with more checks and help.

mod common;

use policy_align::Strategy;
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
    let (mut strategy, mut threshold) = (Strategy::OneToOne, None);
    let mut files = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        if output.take(&arg, &mut args)? {
            continue;
        }
        let mut value = |name: &str| args.next().ok_or(format!("{name} needs a value (try --help)"));
        match arg.as_str() {
            "--outlines" => output.outlines = true,
            "--strategy" | "-s" => {
                strategy = value("--strategy")?
                    .parse()
                    .map_err(|e: policy_align::Error| e.to_string())?
            }
            "--threshold" | "-t" => threshold = Some(common::threshold(&value("--threshold")?)?),
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
    // Parse both documents, then run the pipeline: agencies, features, alignment, cross-walk.
    let (left, right) = common::load_pair(&files)?;
    let pipeline = common::pipeline(strategy, threshold)?;
    let comparison = pipeline.compare(left, right).map_err(|e| e.to_string())?;
    let text = comparison.render(&*output.renderer()).map_err(|e| e.to_string())?;
    output.write(&text)
}
