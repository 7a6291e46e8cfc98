//! The subcommands: their options (with the help they print) and what they run.

use crate::inputs::{self, Ui};
use crate::options::{AlignArgs, Output, OutputArgs, ThresholdArg, write_tables};
use clap::Args;
use policy_align::report::{DocumentReport, TABLE_PART_ROWS, comparison_tables, corpus_table_parts};
use policy_align::{AgencyIdentity, Document, Pipeline, evaluate, read_gold};
use rayon::prelude::*;
use std::path::PathBuf;
use std::process::ExitCode;

const BUNDLED_GOLD: &str = include_str!("../../../corpus/gold_xiangshan_huizhou.json");

/// The long help of `inspect`.
pub const INSPECT_ABOUT: &str =
    "Parse documents and print each one's outline: metadata (title, document number, date, \
jurisdiction, issuers), group headings and measures with their ids and responsible agencies, the \
annex and the parser's warnings. With --format json, the document as the JSON contract, every \
agency mention resolved to its canonical id.

A measure's id is m and the ordinals of its numbering and its enclosing numbered items: m2.1.3 is \
the third item under the first under the second top-level heading (二、 > （一） > 3.); p4 is the \
fourth paragraph of a document with no numbering. Ids are stable across runs, and never numeric, \
so that spreadsheets and CSV readers keep them as text.";

/// The examples of `inspect`.
pub const INSPECT_EXAMPLES: &str = "Examples:
  policy-align inspect                        both bundled documents
  policy-align inspect --format json plan.txt
  policy-align inspect notice.pdf measures.docx page.html
  policy-align inspect --source notice.pdf    the text extracted, which spans point into
  iconv -f gbk -t utf-8 plan.txt | policy-align inspect -";

/// The long help of `compare`.
pub const COMPARE_ABOUT: &str = "Align the measures of two documents: which measure of LEFT corresponds to which of \
RIGHT, with a score and the shared terms that explain it; the measures with no counterpart on \
each side; and the agency cross-walk, which bodies both documents name (under one canonical id: \
区法院 = 市法院 = 县人民法院) and which only one does.";

/// The examples of `compare`.
pub const COMPARE_EXAMPLES: &str = "Examples:
  policy-align compare                                     the bundled pair
  policy-align compare district.txt city.txt --outlines
  policy-align compare a.txt b.txt --format csv --out pairs.csv
  policy-align compare a.txt b.txt --format parquet --out tables/
  policy-align compare a.txt b.txt --strategy many-to-many --threshold 0.3
  policy-align compare plan2016.txt plan2022.txt --agencies body";

/// The long help of `corpus`.
pub const CORPUS_ABOUT: &str = "Cluster equivalent measures across many documents (at most one measure of each \
document in a cluster) and print the coverage matrix, clusters × jurisdictions, and each \
agency's load across jurisdictions.

A directory stands for its documents (.txt, .pdf, .docx, .html, .htm; any case), in name order; other entries are listed as \
ignored. A file that cannot be read, or holds no measure, is skipped and named; the report is \
made of the others, and the exit status is 3 unless --keep-going is given.";

/// The examples of `corpus`.
pub const CORPUS_EXAMPLES: &str = "Examples:
  policy-align corpus downloads/
  policy-align corpus --format csv --out clusters.csv downloads/ extra.txt
  policy-align corpus --format parquet --out tables/ downloads/
  policy-align corpus --format html --out corpus.html --keep-going downloads/";

/// The long help of `graph`.
pub const GRAPH_ABOUT: &str = "The graph linking each measure to the agencies responsible for it, across documents: \
node kinds document, measure and agency (one node per canonical agency function, so that the \
courts of every jurisdiction are one node); edges contains, responsible (with the role: lead, \
supporting, responsible) and aligned (with the score). Two documents are aligned pair by pair; \
three or more are clustered.";

/// The examples of `graph`.
pub const GRAPH_EXAMPLES: &str = "Examples:
  policy-align graph                                  query results for the bundled pair
  policy-align graph --format graphml --out graph.graphml a.txt b.txt c.txt
  policy-align graph --format dot | sfdp -Tsvg > graph.svg";

/// The long help of `eval`.
pub const EVAL_ABOUT: &str = "Score the alignment of two documents against a gold file: precision, recall and F1, \
then the pairs not in the gold and the gold pairs missed. A gold file is a JSON list of \
{\"left\": heading, \"right\": heading}, headings as the parser gives them (without numbering; \
see `policy-align inspect`).";

/// The examples of `eval`.
pub const EVAL_EXAMPLES: &str = "Examples:
  policy-align eval                                   the bundled pair against its gold
  policy-align eval --gold gold.json a.txt b.txt --strategy mutual-best";

/// `inspect`
#[derive(Debug, Args)]
pub struct InspectArgs {
    /// text (an outline) or json (the JSON contract).
    #[arg(short, long, default_value = "text", value_parser = ["text", "json"])]
    format: String,

    /// Print each document's source text instead of its outline: the text every span points
    /// into, as extracted from a PDF, a Word document or a web page (text only).
    #[arg(long)]
    source: bool,

    #[command(flatten)]
    output: OutputArgs,

    /// Documents to read: text in any encoding, web pages, Word documents (DOCX), PDF
    /// (`-` reads standard input). None: the bundled pair.
    #[arg(value_name = "FILE")]
    files: Vec<PathBuf>,
}

/// `compare`
#[derive(Debug, Args)]
pub struct CompareArgs {
    /// text (tables that fit 100 columns), markdown, csv (one row per pair and unmatched
    /// measure; with --out DIR, every table), json (the JSON contract), html (one
    /// self-contained page) or parquet (one file per table in the directory --out names: pairs,
    /// documents, measures, mentions).
    #[arg(short, long, default_value = "text", value_parser = ["text", "markdown", "csv", "json", "html", "parquet"])]
    format: String,

    /// Print both documents' outlines side by side first (text only).
    #[arg(long)]
    outlines: bool,

    #[command(flatten)]
    align: AlignArgs,

    /// What makes agencies of the two documents the same in the cross-walk: function (市工商局
    /// and 市质监局 of 2016 count as 市场监管局, the reform noted) or body (each kind of body its
    /// own row; 区法院 and 市法院 are still one).
    #[arg(long, default_value = "function", value_parser = ["function", "body"])]
    agencies: String,

    #[command(flatten)]
    output: OutputArgs,

    /// The two documents (`-` reads one from standard input). None: the bundled pair.
    #[arg(value_name = "LEFT RIGHT")]
    files: Vec<PathBuf>,
}

/// `corpus`
#[derive(Debug, Args)]
pub struct CorpusArgs {
    /// text, markdown, csv (one row per measure of each cluster; with --out DIR, every table),
    /// json, html (with a coverage heatmap) or parquet (one file per table in the directory
    /// --out names: documents, measures, mentions, clusters, agency_load).
    #[arg(short, long, default_value = "text", value_parser = ["text", "markdown", "csv", "json", "html", "parquet"])]
    format: String,

    /// Exit with status 0 even when files were skipped (status 3 otherwise).
    #[arg(long)]
    keep_going: bool,

    #[command(flatten)]
    threshold: ThresholdArg,

    #[command(flatten)]
    output: OutputArgs,

    /// Directories (their .txt, .pdf, .docx and .html files) and files; `-` reads one document from
    /// standard input.
    #[arg(value_name = "DIR|FILE", required = true)]
    inputs: Vec<PathBuf>,
}

/// `graph`
#[derive(Debug, Args)]
pub struct GraphArgs {
    /// text (load, shared and unique agencies, changes, centrality), dot (Graphviz), graphml
    /// (Gephi, networkx) or json (node-link, for networkx and D3).
    #[arg(short, long, default_value = "text", value_parser = ["text", "dot", "graphml", "json"])]
    format: String,

    #[command(flatten)]
    output: OutputArgs,

    /// Two documents or more (`-` reads one from standard input). None: the bundled pair.
    #[arg(value_name = "FILE")]
    files: Vec<PathBuf>,
}

/// `eval`
#[derive(Debug, Args)]
pub struct EvalArgs {
    /// The gold file. Default: the bundled pair's gold (only for the bundled pair).
    #[arg(short, long, value_name = "GOLD.json")]
    gold: Option<PathBuf>,

    #[command(flatten)]
    align: AlignArgs,

    /// The two documents. None: the bundled pair.
    #[arg(value_name = "LEFT RIGHT")]
    files: Vec<PathBuf>,
}

pub fn inspect(ui: &Ui, args: InspectArgs) -> Result<ExitCode, String> {
    let renderer = args.output.renderer(&args.format, false)?;
    let docs = inputs::documents(ui, &args.files)?;
    if args.source {
        if args.format != "text" {
            return Err(format!("--source applies to --format text only, not {}", args.format));
        }
        let texts: Vec<String> = docs
            .iter()
            .map(|d| format!("==> {} ({}) <==\n{}", d.name, d.encoding, d.source))
            .collect();
        args.output.write(&texts.join("\n"))?;
        return Ok(ExitCode::SUCCESS);
    }
    let pipeline = Pipeline::new();
    let agencies: Vec<_> = docs.iter().map(|d| pipeline.resolve(d)).collect();
    let reports = docs
        .iter()
        .zip(&agencies)
        .map(|(d, a)| DocumentReport::new(d, Some(a)))
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| e.to_string())?;
    let text = renderer.documents(&reports).map_err(|e| e.to_string())?;
    args.output.write(&text)?;
    Ok(ExitCode::SUCCESS)
}

pub fn compare(ui: &Ui, args: CompareArgs) -> Result<ExitCode, String> {
    let output = args.output.output(&args.format, args.outlines, false)?;
    let identity = match args.agencies.as_str() {
        "body" => AgencyIdentity::Body,
        _ => AgencyIdentity::Function,
    };
    // One run over two documents: a dictionary of the words they can hold is enough.
    let pipeline = args
        .align
        .pipeline_builder()?
        .agency_identity(identity)
        .dictionary_per_run(true)
        .build();
    let (left, right) = inputs::pair(ui, &args.files)?;
    let comparison = pipeline.compare(left, right).map_err(|e| e.to_string())?;
    match output {
        Output::Report(renderer) => {
            let text = comparison.render(&*renderer).map_err(|e| e.to_string())?;
            args.output.write(&text)?;
        }
        Output::Tables(dir, format) => {
            let tables = comparison_tables(&comparison.report()).map_err(|e| e.to_string())?;
            write_tables(ui, &dir, tables.into_iter().map(Ok), format)?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

pub fn corpus(ui: &Ui, args: CorpusArgs) -> Result<ExitCode, String> {
    let output = args.output.output(&args.format, false, false)?;
    let pipeline = args.threshold.pipeline(policy_align::Strategy::OneToOne)?;
    let (files, ignored) = inputs::expand(&args.inputs)?;
    for (path, why) in &ignored {
        ui.note(&format!("ignored {}: {why}", path.display()));
    }
    let mut progress = ui.progress(files.len() * 2);
    let parsed: Vec<Result<Document, String>> = files.par_iter().map(|f| inputs::read(f)).collect();
    let mut docs = Vec::new();
    let mut skipped = 0;
    for (k, result) in parsed.into_iter().enumerate() {
        progress.set("parse", k + 1);
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
    let read = docs.len();
    let n = files.len();
    let result = pipeline.corpus_with_progress(docs, &mut |done, _| progress.set("align", n + done));
    progress.finish();
    let corpus = result.map_err(|e| format!("{e} ({read} of {n} files read)"))?;
    match output {
        Output::Report(renderer) => {
            args.output.stream(|out| corpus.write(&*renderer, out))?;
        }
        Output::Tables(dir, format) => {
            let report = corpus.report();
            write_tables(ui, &dir, corpus_table_parts(&report, TABLE_PART_ROWS), format)?;
        }
    }
    // Everything is written: the process ends, and freeing a large corpus piece by piece
    // would only delay the exit.
    std::mem::forget(corpus);
    if skipped == 0 {
        return Ok(ExitCode::SUCCESS);
    }
    ui.note(&format!("{read} of {n} files aligned, {skipped} skipped (named above)"));
    Ok(if args.keep_going {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(3)
    })
}

pub fn graph(ui: &Ui, args: GraphArgs) -> Result<ExitCode, String> {
    let renderer = args.output.renderer(&args.format, false)?;
    if args.files.len() == 1 {
        return Err("expected two files or more, or none for the bundled pair".into());
    }
    let mut docs = inputs::documents(ui, &args.files)?;
    let pipeline = Pipeline::new();
    let text = if docs.len() == 2 {
        let (Some(right), Some(left)) = (docs.pop(), docs.pop()) else {
            return Err("expected two documents".into());
        };
        let c = pipeline.compare(left, right).map_err(|e| e.to_string())?;
        renderer.graph(c.graph())
    } else {
        let c = pipeline.corpus(docs).map_err(|e| e.to_string())?;
        renderer.graph(c.graph())
    }
    .map_err(|e| e.to_string())?;
    args.output.write(&text)?;
    Ok(ExitCode::SUCCESS)
}

pub fn eval(ui: &Ui, args: EvalArgs) -> Result<ExitCode, String> {
    let pipeline = args.align.pipeline()?;
    let gold = match &args.gold {
        Some(p) => {
            let text = std::fs::read_to_string(p).map_err(|e| format!("{}: cannot read: {e}", p.display()))?;
            read_gold(&text, &p.display().to_string())
        }
        None if args.files.is_empty() => read_gold(BUNDLED_GOLD, "corpus/gold_xiangshan_huizhou.json"),
        None => return Err("--gold is needed for documents other than the bundled pair".into()),
    }
    .map_err(|e| e.to_string())?;
    let (left, right) = inputs::pair(ui, &args.files)?;
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
    Ok(ExitCode::SUCCESS)
}
