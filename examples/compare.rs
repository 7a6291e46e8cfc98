//! Compare two policy documents: the main job.
//!
//! ```text
//! cargo run --release --example compare -- [--width COLUMNS] [LEFT RIGHT]
//! ```
//!
//! With no files, the bundled pair (Xiangshan district plan, Huizhou city measures). The two
//! parsed outlines are printed side by side: measures with their ids and responsible agencies.

use policy_align::{Document, corpus, report};
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
            "--help" | "-h" => {
                println!("usage: compare [--width COLUMNS] [LEFT RIGHT]\n\nWith no files, the bundled pair.");
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
    print!("{}", report::side_by_side(&left, &right, width));
    Ok(())
}
