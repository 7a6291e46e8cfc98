//! The graph that links each measure to its agencies across documents.
//!
//! ```text
//! cargo run --example agency_graph -- [--format text|dot|graphml|json] [--out FILE] [FILES...]
//! ```
//!
//! With no files, the bundled pair (aligned, with `Aligned` edges between paired measures);
//! with two files, those two; with three or more, a corpus (clusters of equivalent measures).
//! `text` prints the query results as tables; `dot`, `graphml` and `json` (node-link) print the
//! graph: `... --format dot | dot -Tsvg > graph.svg`.

use policy_align::{AgencyRegistry, Aligner, Comparison, Document, FeatureSet, PolicyGraph, Segmenter, corpus, report};
use std::process::ExitCode;

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("agency_graph: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<(), String> {
    let mut format = "text".to_owned();
    let mut out: Option<std::path::PathBuf> = None;
    let mut files = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--format" | "-f" => format = args.next().ok_or("--format needs a value (text, dot, graphml, json)")?,
            "--out" | "-o" => out = Some(args.next().ok_or("--out needs a file")?.into()),
            "--help" | "-h" => {
                println!(
                    "usage: agency_graph [--format text|dot|graphml|json] [--out FILE] [FILES...]\n\nWith no files, the bundled pair."
                );
                return Ok(());
            }
            flag if flag.starts_with('-') && flag.len() > 1 => {
                return Err(format!("unknown option {flag} (try --help)"));
            }
            file => files.push(file.to_owned()),
        }
    }
    if !["text", "dot", "graphml", "json"].contains(&format.as_str()) {
        return Err(format!(
            "unknown format {format:?} (expected text, dot, graphml or json)"
        ));
    }
    let docs: Vec<Document> = if files.is_empty() {
        corpus::BUNDLED.iter().map(|b| b.parse()).collect::<Result<_, _>>()
    } else {
        files.iter().map(Document::from_path).collect::<Result<_, _>>()
    }
    .map_err(|e| e.to_string())?;
    if let Some(d) = docs.iter().find(|d| d.measures.is_empty()) {
        return Err(format!("{}: no measures found", d.name));
    }
    if docs.len() < 2 {
        return Err("expected two files or more (or none, for the bundled pair)".into());
    }
    let registry = AgencyRegistry::new();
    let segmenter = Segmenter::builder()
        .agencies(&registry)
        .document_agencies(&docs)
        .build();
    let aligner = Aligner::default();
    let refs: Vec<&Document> = docs.iter().collect();
    let graph = if docs.len() == 2 {
        let c = Comparison::new(&docs[0], &docs[1], &registry, &segmenter, &aligner);
        PolicyGraph::from_comparison(&registry, (&docs[0], &docs[1]), &c)
    } else {
        let agencies: Vec<_> = docs.iter().map(|d| registry.resolve_document(d)).collect();
        let features = FeatureSet::build(&segmenter, &refs, &agencies);
        let corpus = aligner.align_corpus(&features);
        PolicyGraph::from_corpus(&registry, &refs, &agencies, &corpus)
    };
    let text = match format.as_str() {
        "dot" => graph.to_dot(),
        "graphml" => graph.to_graphml(),
        "json" => serde_json::to_string_pretty(&graph.to_node_link()).map_err(|e| e.to_string())? + "\n",
        _ => report::graph_text(&graph, &refs),
    };
    report::write_output(out.as_deref(), &text).map_err(|e| e.to_string())
}
