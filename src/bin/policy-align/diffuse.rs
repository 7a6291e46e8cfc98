//! `diffuse`: what documents answering one another took from each other, when and where.

use crate::inputs::{self, Ui};
use crate::options::{AlignArgs, Output, OutputArgs, write_tables};
use clap::Args;
use policy_align::Document;
use policy_align::diffusion::{AdoptionOptions, BlockingOptions};
use policy_align::report::{TABLE_PART_ROWS, diffusion_table_parts};
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// The long help of `diffuse`.
pub const DIFFUSE_ABOUT: &str = "What a set of documents did with each other's measures, when and where: each \
document's date, jurisdiction, administrative level and province (from the table of China's \
divisions), and which documents of the set it cites; with --reference, what every other \
document did with each measure of the reference (copied word for word, reworded, dropped) and \
what it added; for every pair of documents (the candidates of a set of more than 200: see \
--all-pairs), the dyad researchers regress on (earlier and later, \
days apart, vertical or horizontal, citation, similarity, coverage, verbatim share) and the \
passages the later took word for word; the diffusion graph of citations and reuse.

A measure counts as copied when at least --copied-share of its text (heading and body, the \
responsibility clause left out, punctuation not counted) lies in passages of --min-chars \
characters or more shared word for word with the reference measure it answers.

A directory stands for its documents (.txt, .pdf, .docx, .html), in name order. A file that cannot be read, or holds no \
measure, is skipped and named (exit status 3 unless --keep-going); the reference never is.";

/// The examples of `diffuse`.
pub const DIFFUSE_EXAMPLES: &str = "Examples:
  policy-align diffuse                                    the bundled pair
  policy-align diffuse --reference province.txt answers/
  policy-align diffuse --reference province.txt answers/ --format csv --out tables/
  policy-align diffuse --reference province.txt answers/ --format parquet --out tables/
  policy-align diffuse --reference province.txt answers/ --format html --out diffusion.html
  policy-align diffuse answers/ --format graphml --out diffusion.graphml";

/// `diffuse`
#[derive(Debug, Args)]
pub struct DiffuseArgs {
    /// text, markdown, csv or parquet (one file per table: --out names a directory), json,
    /// html (status grid and timeline), dot or graphml (the diffusion graph).
    #[arg(short, long, default_value = "text", value_parser = ["text", "markdown", "csv", "json", "html", "dot", "graphml", "parquet"])]
    format: String,

    /// The document the others answer (one of the inputs, or another file): adoptions and
    /// additions are measured against it.
    #[arg(short, long, value_name = "FILE")]
    reference: Option<PathBuf>,

    /// The verbatim share from which an aligned measure counts as copied rather than reworded.
    #[arg(long, value_name = "S", default_value_t = AdoptionOptions::default().copied_share)]
    copied_share: f64,

    /// The shortest passage shared word for word that counts, in characters (punctuation not
    /// counted).
    #[arg(long, value_name = "N", default_value_t = AdoptionOptions::default().min_chars)]
    min_chars: usize,

    /// Align every pair of documents, however many. By default, a set of more than 200
    /// documents aligns the pairs that share a passage few documents hold (blocking), the pairs
    /// where one cites the other and the reference's pairs; the report says how many were
    /// skipped and the bound on them.
    #[arg(long)]
    all_pairs: bool,

    /// With blocking: a passage held by at most N documents makes its pairs candidates.
    #[arg(long, value_name = "N", default_value_t = BlockingOptions::default().max_df)]
    max_df: usize,

    /// Exit with status 0 even when files were skipped (status 3 otherwise).
    #[arg(long)]
    keep_going: bool,

    #[command(flatten)]
    align: AlignArgs,

    #[command(flatten)]
    output: OutputArgs,

    /// Directories (their .txt, .pdf, .docx and .html files) and files. None: the bundled pair.
    #[arg(value_name = "DIR|FILE")]
    inputs: Vec<PathBuf>,
}

/// The same file, however it was written.
fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(x), Ok(y)) => x == y,
        _ => a == b,
    }
}

/// The documents of the inputs (skipping those that fail, with a note) and the index of the
/// reference among them.
fn read_all(ui: &Ui, args: &DiffuseArgs) -> Result<(Vec<Document>, Option<usize>, usize), String> {
    let (mut files, ignored) = inputs::expand(&args.inputs)?;
    for (path, why) in &ignored {
        ui.note(&format!("ignored {}: {why}", path.display()));
    }
    let mut docs: Vec<Document> = if files.is_empty() && args.inputs.is_empty() {
        inputs::documents(ui, &[])?
    } else {
        Vec::new()
    };
    let mut reference = None;
    if let Some(r) = &args.reference {
        files.retain(|f| !same_file(f, r));
        let doc = inputs::read(r)?;
        if doc.measures.is_empty() {
            return Err(format!("{}: the reference holds no measures", r.display()));
        }
        ui.warnings(&doc);
        docs.insert(0, doc);
        reference = Some(0);
    }
    let parsed: Vec<Result<Document, String>> = files.par_iter().map(|f| inputs::read(f)).collect();
    let mut skipped = 0;
    for result in parsed {
        match result {
            Ok(doc) if doc.measures.is_empty() => {
                ui.note(&format!("skipped {}: no measures found", doc.name));
                skipped += 1;
            }
            Ok(doc) => {
                ui.warnings(&doc);
                docs.push(doc);
            }
            Err(e) => {
                ui.note(&format!("skipped {e}"));
                skipped += 1;
            }
        }
    }
    Ok((docs, reference, skipped))
}

pub fn diffuse(ui: &Ui, args: DiffuseArgs) -> Result<ExitCode, String> {
    if !(0.0..=1.0).contains(&args.copied_share) {
        return Err(format!("--copied-share {} is not between 0 and 1", args.copied_share));
    }
    let output = args.output.output(&args.format, false, true)?;
    let blocking = BlockingOptions {
        max_df: args.max_df,
        ..if args.all_pairs {
            BlockingOptions::all_pairs()
        } else {
            BlockingOptions::default()
        }
    };
    // The reports use the dyads and the reference's adoptions, made as each pair is aligned:
    // no alignment need be kept.
    let pipeline = args
        .align
        .pipeline_builder()?
        .blocking(blocking)
        .keep_alignments(false)
        .build();
    let (docs, reference, skipped) = read_all(ui, &args)?;
    let n = docs.len();
    let options = AdoptionOptions {
        copied_share: args.copied_share,
        min_chars: args.min_chars,
    };
    let study = pipeline
        .diffuse_with(docs, reference, &options)
        .map_err(|e| format!("{e} ({n} documents read)"))?;
    if let Some(b) = study.diffusion().blocking.as_ref().filter(|b| b.blocked) {
        ui.note(&format!(
            "aligned {} of {} pairs: the {} skipped share no passage of {} characters or more that {} documents or fewer hold (--all-pairs aligns every pair)",
            b.candidates, b.all_pairs, b.skipped, b.passage_chars, b.max_df
        ));
    }
    match output {
        Output::Report(renderer) => {
            args.output.stream(|out| study.write(&*renderer, out))?;
        }
        Output::Tables(dir, format) => {
            let report = study.report();
            write_tables(
                ui,
                &dir,
                diffusion_table_parts(&report, TABLE_PART_ROWS).map(Ok),
                format,
            )?
        }
    }
    // Everything is written: the process ends, and freeing a large study piece by piece
    // would only delay the exit (about a second for a study of 10,000 documents).
    std::mem::forget(study);
    if skipped == 0 || args.keep_going {
        return Ok(ExitCode::SUCCESS);
    }
    ui.note(&format!("{n} documents compared, {skipped} skipped (named above)"));
    Ok(ExitCode::from(3))
}
