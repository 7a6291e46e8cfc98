//! Write a synthetic corpus generated from the bundled pair, for benchmarks and scaling runs.
//!
//! ```text
//! cargo run --release --example synth -- N SEED DIR
//! ```
//!
//! Writes N documents (`corpus::synthetic(N, SEED)`) as UTF-8 files into DIR (created if needed).

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [n, seed, dir] = args.as_slice() else {
        eprintln!("usage: synth N SEED DIR");
        return ExitCode::FAILURE;
    };
    let (Ok(n), Ok(seed)) = (n.parse::<usize>(), seed.parse::<u64>()) else {
        eprintln!("synth: N and SEED must be whole numbers");
        return ExitCode::FAILURE;
    };
    if let Err(e) = std::fs::create_dir_all(dir) {
        eprintln!("synth: {dir}: cannot create: {e}");
        return ExitCode::FAILURE;
    }
    for doc in policy_align::corpus::synthetic(n, seed) {
        let path = std::path::Path::new(dir).join(&doc.name);
        if let Err(e) = std::fs::write(&path, doc.text) {
            eprintln!("synth: {}: cannot write: {e}", path.display());
            return ExitCode::FAILURE;
        }
    }
    ExitCode::SUCCESS
}
