//! `policy-align`: the command-line tool. A thin layer over the library: it reads the files,
//! runs the [`Pipeline`](policy_align::Pipeline), renders and writes; see `policy-align --help`.

mod commands;
mod diffuse;
mod inputs;
mod options;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

/// Compare Chinese policy documents: parse their measures, resolve the agencies that carry them,
/// align the measures of two documents or cluster those of many.
#[derive(Debug, Parser)]
#[command(
    name = "policy-align",
    version,
    propagate_version = true,
    after_help = "Run `policy-align help COMMAND` for a command's options, defaults and examples.

With no files, inspect, compare, graph, diffuse and eval run on the two bundled documents (Xiangshan
district's plan and Huizhou city's measures on intellectual-property protection, 2021).

Exit status: 0 on success; 1 on an error (one line on standard error, naming the file);
2 on a usage error; 3 when `corpus` wrote its report but skipped files (see --keep-going)."
)]
struct Cli {
    /// Print no warnings, notes or progress on standard error (errors still are).
    #[arg(short, long, global = true)]
    quiet: bool,

    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Parse documents and print their outline, or their JSON.
    #[command(long_about = commands::INSPECT_ABOUT, after_help = commands::INSPECT_EXAMPLES)]
    Inspect(commands::InspectArgs),
    /// Align the measures of two documents: pairs, measures without a counterpart, agencies.
    #[command(long_about = commands::COMPARE_ABOUT, after_help = commands::COMPARE_EXAMPLES)]
    Compare(commands::CompareArgs),
    /// Cluster equivalent measures across many documents: coverage and agency load.
    #[command(long_about = commands::CORPUS_ABOUT, after_help = commands::CORPUS_EXAMPLES)]
    Corpus(commands::CorpusArgs),
    /// The graph linking each measure to its agencies, as tables or DOT, GraphML, JSON.
    #[command(long_about = commands::GRAPH_ABOUT, after_help = commands::GRAPH_EXAMPLES)]
    Graph(commands::GraphArgs),
    /// What documents took from each other: adoptions, additions, dyads, the diffusion graph.
    #[command(long_about = diffuse::DIFFUSE_ABOUT, after_help = diffuse::DIFFUSE_EXAMPLES)]
    Diffuse(diffuse::DiffuseArgs),
    /// Score an alignment against a gold file: precision, recall, F1.
    #[command(long_about = commands::EVAL_ABOUT, after_help = commands::EVAL_EXAMPLES)]
    Eval(commands::EvalArgs),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let ui = inputs::Ui { quiet: cli.quiet };
    let result = match cli.command {
        Command::Inspect(args) => commands::inspect(&ui, args),
        Command::Compare(args) => commands::compare(&ui, args),
        Command::Corpus(args) => commands::corpus(&ui, args),
        Command::Graph(args) => commands::graph(&ui, args),
        Command::Diffuse(args) => diffuse::diffuse(&ui, args),
        Command::Eval(args) => commands::eval(&ui, args),
    };
    match result {
        Ok(status) => status,
        Err(message) => {
            eprintln!("policy-align: {message}");
            ExitCode::FAILURE
        }
    }
}
