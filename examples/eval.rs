//! Score an alignment against a gold file: precision, recall and F1.
//!
//! ```text
//! cargo run --release --example eval -- [--gold GOLD.json] [--strategy S] [--threshold T] [LEFT RIGHT]
//! ```
//!
//! With no arguments, the bundled pair against its hand-labelled gold
//! (`corpus/gold_xiangshan_huizhou.json`). A gold file is a JSON list of
//! `{"left": heading, "right": heading}`, headings as the parser gives them (no numbering).

mod common;

use policy_align::{Strategy, evaluate, read_gold};
use std::process::ExitCode;

const BUNDLED_GOLD: &str = include_str!("../corpus/gold_xiangshan_huizhou.json");

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("eval: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<(), String> {
    let mut gold_path = None;
    let mut strategy = Strategy::OneToOne;
    let mut threshold = None;
    let mut files = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--gold" | "-g" => gold_path = Some(args.next().ok_or("--gold needs a file")?),
            "--strategy" | "-s" => {
                strategy = args
                    .next()
                    .ok_or("--strategy needs a value")?
                    .parse()
                    .map_err(|e: policy_align::Error| e.to_string())?
            }
            "--threshold" | "-t" => {
                let v = args.next().ok_or("--threshold needs a number")?;
                threshold = Some(common::threshold(&v)?);
            }
            "--help" | "-h" => {
                println!("usage: eval [--gold GOLD.json] [--strategy S] [--threshold T] [LEFT RIGHT]");
                return Ok(());
            }
            flag if flag.starts_with('-') && flag.len() > 1 => {
                return Err(format!("unknown option {flag} (try --help)"));
            }
            file => files.push(file.to_owned()),
        }
    }
    let (left, right) = common::load_pair(&files)?;
    let gold = match &gold_path {
        Some(p) => {
            let text = std::fs::read_to_string(p).map_err(|e| format!("{p}: cannot read: {e}"))?;
            read_gold(&text, p)
        }
        None if files.is_empty() => read_gold(BUNDLED_GOLD, "corpus/gold_xiangshan_huizhou.json"),
        None => return Err("--gold is needed for documents other than the bundled pair".into()),
    }
    .map_err(|e| e.to_string())?;

    let pipeline = common::pipeline(strategy, threshold)?;
    let c = pipeline.compare(left, right).map_err(|e| e.to_string())?;
    let predicted = c.heading_pairs();
    let ev = evaluate(&predicted, &gold, c.left(), c.right()).map_err(|e| e.to_string())?;
    let aligner = pipeline.aligner();
    println!(
        "pairs {} ({}, threshold {})  {ev}",
        predicted.len(),
        aligner.strategy(),
        aligner.threshold()
    );
    Ok(())
}
