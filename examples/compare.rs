//! Compare two policy documents: the main job.
//!
//! ```text
//! cargo run --release --example compare -- [--format text|json] [--width COLUMNS] [LEFT RIGHT]
//! ```
//!
//! With no files, the bundled pair (Xiangshan district plan, Huizhou city measures). Text: the
//! two parsed outlines side by side, then the agency cross-walk (which bodies both name, which
//! only one). JSON: both documents with agency ids from one registry, and the cross-walk.

use policy_align::{AgencyRegistry, Crosswalk, Document, corpus, report};
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
    let (left_res, right_res) = (registry.resolve_document(&left), registry.resolve_document(&right));
    let walk = Crosswalk::new(&registry, (&left, &left_res), (&right, &right_res));
    match format {
        report::Format::Json => {
            let value = report::compare_json((&left, &left_res), (&right, &right_res), &walk);
            println!("{}", serde_json::to_string_pretty(&value).map_err(|e| e.to_string())?);
        }
        _ => {
            print!("{}", report::side_by_side(&left, &right, width));
            println!();
            print!("{}", report::crosswalk_text(&walk, &left, &right));
        }
    }
    Ok(())
}
