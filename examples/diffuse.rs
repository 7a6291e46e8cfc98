//! A diffusion study: what documents answering one another took, reworded, dropped and added.
//!
//! ```text
//! cargo run --release --example diffuse -- [--format text|markdown|csv|json|html|dot|graphml]
//!     [--out FILE|DIR] [--csv-bom] [--reference FILE] [FILE...]
//! ```
//!
//! With no files: Huizhou's city measures as the reference, Xiangshan's district plan (its own
//! wording of the same policy) and two county answers to Huizhou made for the crate's tests
//! (`corpus/diffusion/`: measures copied with small edits, some reworded, dropped or added).
//! The report lists the documents in time and place, what each did with each measure of the
//! reference, the dyads of every pair and the longest passages copied word for word. With
//! `--format csv`, `--out` names a directory and each table is a file of its own. The
//! `policy-align diffuse` command does the same with more checks and help.

mod common;

use policy_align::report::CsvRenderer;
use policy_align::{Document, Pipeline, corpus};
use std::path::Path;
use std::process::ExitCode;

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("diffuse: {e}");
            ExitCode::FAILURE
        }
    }
}

const USAGE: &str = "usage: diffuse [--format text|markdown|csv|json|html|dot|graphml] [--out FILE|DIR] [--csv-bom]
               [--reference FILE] [FILE...]

With no files, Huizhou's measures as the reference, Xiangshan's plan and two made county answers.";

/// The made county answers to Huizhou, beside the bundled pair.
const MADE: [&str; 2] = ["boluo_2022_ip_measures.txt", "huidong_2022_ip_measures.txt"];

fn run() -> Result<(), String> {
    let mut output = common::Output::default();
    let mut reference = None;
    let mut files = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        if output.take(&arg, &mut args)? {
            continue;
        }
        match arg.as_str() {
            "--reference" | "-r" => reference = Some(args.next().ok_or("--reference needs a file")?),
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
    let read = |p: &str| Document::from_path(p).map_err(|e| e.to_string());
    let mut docs: Vec<Document> = Vec::new();
    if let Some(r) = &reference {
        docs.push(read(r)?);
    }
    // The bundled study (Huizhou first, as the reference), or the reference first when given.
    let bundled = files.is_empty() && reference.is_none();
    if bundled {
        docs.push(
            corpus::HUIZHOU
                .parse()
                .map_err(|e: policy_align::Error| e.to_string())?,
        );
        docs.push(
            corpus::XIANGSHAN
                .parse()
                .map_err(|e: policy_align::Error| e.to_string())?,
        );
        let made = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/diffusion");
        for name in MADE {
            docs.push(Document::from_path(made.join(name)).map_err(|e| e.to_string())?);
        }
    } else {
        for f in &files {
            docs.push(read(f)?);
        }
    }
    // Every pair aligned, then the tables and the graph; the reference is the first document.
    let study = Pipeline::new()
        .diffuse(docs, (bundled || reference.is_some()).then_some(0))
        .map_err(|e| e.to_string())?;
    if output.format == policy_align::report::Format::Csv {
        let dir = output
            .out
            .as_ref()
            .ok_or("--format csv writes one file per table: --out DIR")?;
        std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        let tables = CsvRenderer { bom: output.bom }
            .diffusion_tables(&study.report())
            .map_err(|e| e.to_string())?;
        for (name, text) in tables {
            let path = dir.join(&name);
            std::fs::write(&path, text).map_err(|e| format!("{}: cannot write: {e}", path.display()))?;
        }
        return Ok(());
    }
    let text = study.render(&*output.renderer()).map_err(|e| e.to_string())?;
    output.write(&text)
}
