//! The cost of each stage of a corpus run, on a directory of documents: wall time and the
//! process's peak memory after each stage (read and parse, resolve agencies, build the
//! segmenter, segment and weigh, cluster, graph, render and write each format). The figures of
//! the scaling note (docs/scale.md) come from it.
//!
//! ```text
//! cargo run --release --example synth -- 10000 42 /tmp/synth
//! cargo run --release --example stages -- /tmp/synth
//! ```
//!
//! Peak memory is read from `/proc/self/status` (Linux); elsewhere it prints `-`.

use policy_align::report::Format;
use policy_align::{Document, DocumentAgencies, FeatureSet, Pipeline, PolicyGraph, Segmenter, report::Renderer};
use rayon::prelude::*;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

/// Prints a line to standard output; a reader that stopped reading (`| head`) is not an error.
macro_rules! say {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stdout(), $($arg)*);
    }};
}

fn main() -> ExitCode {
    let Some(arg) = std::env::args().nth(1) else {
        eprintln!("usage: stages DIR | stages --pair [RUNS] | stages --diffuse DIR");
        return ExitCode::FAILURE;
    };
    if arg == "--pair" {
        // An optional number of runs (500 by default; fewer under a profiler).
        let runs = std::env::args().nth(2).and_then(|n| n.parse().ok()).unwrap_or(500);
        pair(runs);
        return ExitCode::SUCCESS;
    }
    if arg == "--diffuse" {
        let dir = std::env::args().nth(2).unwrap_or_default();
        return match diffuse(std::path::Path::new(&dir)) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("stages: {e}");
                ExitCode::FAILURE
            }
        };
    }
    match run(std::path::Path::new(&arg)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("stages: {e}");
            ExitCode::FAILURE
        }
    }
}

/// A sink that counts the bytes written to it.
struct Counting(usize);

impl std::io::Write for Counting {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0 += buf.len();
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Prints one stage: its name, seconds since `start`, and the peak memory so far.
fn stage(name: &str, start: Instant) {
    let peak = peak_mib().map_or_else(|| "-".to_owned(), |m| format!("{m:.0} MiB"));
    say!("{name:<22} {:>8.3} s   peak {peak:>9}", start.elapsed().as_secs_f64());
}

/// The process's peak resident memory (VmHWM), in MiB.
fn peak_mib() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / 1024.0)
}

/// The bundled pair, both documents parsed at once, as the examples and the tool read a pair.
fn bundled_pair() -> (Document, Document) {
    use policy_align::corpus;
    rayon::join(
        || corpus::XIANGSHAN.parse().unwrap(),
        || corpus::HUIZHOU.parse().unwrap(),
    )
}

/// The warm comparison of the bundled pair, stage by stage: the mean of `runs` runs after a
/// tenth as many unmeasured ones, in microseconds.
fn pair(runs: u32) {
    use policy_align::Crosswalk;
    let pipeline = Pipeline::new();
    let mut totals = [0f64; 6];
    let base = Segmenter::builder().agencies(pipeline.registry()).build();
    for run in 0..runs + runs / 10 {
        let mut t = Instant::now();
        let mut lap = |k: usize, t: &mut Instant| {
            if run >= runs / 10 {
                totals[k] += t.elapsed().as_secs_f64();
            }
            *t = Instant::now();
        };
        let (left, right) = bundled_pair();
        lap(0, &mut t);
        let agencies = [pipeline.resolve(&left), pipeline.resolve(&right)];
        lap(1, &mut t);
        let learned = base.learning([&left, &right]);
        lap(2, &mut t);
        let segmenter = learned.as_ref().unwrap_or(&base);
        let features = FeatureSet::build(segmenter, &[&left, &right], &agencies).unwrap();
        lap(3, &mut t);
        let alignment = pipeline.aligner().align(&features, 0, 1).unwrap();
        lap(4, &mut t);
        let [la, ra] = &agencies;
        let walk = Crosswalk::new(pipeline.registry(), (&left, la), (&right, ra)).unwrap();
        let graph = PolicyGraph::from_pair(pipeline.registry(), (&left, la), (&right, ra), &alignment).unwrap();
        lap(5, &mut t);
        std::hint::black_box((walk, graph));
    }
    let names = [
        "parse both",
        "resolve agencies",
        "learn agency names",
        "segment + weigh",
        "score + align",
        "cross-walk + graph",
    ];
    for (name, total) in names.iter().zip(totals) {
        say!("{name:<22} {:>8.0} µs", total / f64::from(runs) * 1e6);
    }
    say!(
        "{:<22} {:>8.0} µs",
        "total",
        totals.iter().sum::<f64>() / f64::from(runs) * 1e6
    );
    let t = Instant::now();
    for _ in 0..runs {
        let (left, right) = bundled_pair();
        std::hint::black_box(pipeline.compare(left, right).unwrap());
    }
    say!(
        "{:<22} {:>8.0} µs",
        "Pipeline::compare",
        t.elapsed().as_secs_f64() / f64::from(runs) * 1e6
    );
}

/// The files of a directory, in name order.
fn files(dir: &std::path::Path) -> Result<Vec<PathBuf>, String> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    Ok(files)
}

/// The documents of a directory, read and parsed in parallel, those with measures.
fn read_dir(dir: &std::path::Path) -> Result<Vec<Document>, String> {
    Ok(files(dir)?
        .par_iter()
        .filter_map(|f| Document::from_path(f).ok())
        .filter(|d| !d.measures.is_empty())
        .collect())
}

/// A diffusion study of a directory, its first document the reference: blocking, then the whole
/// study (segmentation, alignments of the candidate and reference pairs, dyads and passages).
fn diffuse(dir: &std::path::Path) -> Result<(), String> {
    use policy_align::diffusion::{BlockingOptions, candidate_pairs, cited_documents};
    let t = Instant::now();
    let docs = read_dir(dir)?;
    stage("read + parse", t);
    let refs: Vec<&Document> = docs.iter().collect();
    let t = Instant::now();
    let cites = cited_documents(&refs);
    stage("citations", t);
    let t = Instant::now();
    let blocking = candidate_pairs(&refs, &cites, &BlockingOptions::default());
    stage("blocking", t);
    say!(
        "  {} documents: {} of {} pairs candidates",
        docs.len(),
        blocking.candidates,
        blocking.all_pairs
    );
    let t = Instant::now();
    let study = Pipeline::new().diffuse(docs, Some(0)).map_err(|e| e.to_string())?;
    stage("whole study", t);
    let d = study.diffusion();
    say!(
        "  {} alignments, {} dyads, {} adoptions, {} passages",
        study.alignments().len(),
        d.dyads.len(),
        d.adoptions.len(),
        d.passages.len()
    );
    let t = Instant::now();
    let mut out = Counting(0);
    study
        .write(&*Format::Json.renderer(), &mut out)
        .map_err(|e| e.to_string())?;
    stage(&format!("write json ({} MB)", out.0 / 1_000_000), t);
    Ok(())
}

fn run(dir: &std::path::Path) -> Result<(), String> {
    let files = files(dir)?;
    say!("{} files, {} threads", files.len(), rayon::current_num_threads());

    let t = Instant::now();
    let docs: Vec<Document> = files
        .par_iter()
        .filter_map(|f| Document::from_path(f).ok())
        .filter(|d| !d.measures.is_empty())
        .collect();
    stage("read + parse", t);
    let measures: usize = docs.iter().map(|d| d.measures.len()).sum();
    say!("  {} documents, {measures} measures", docs.len());

    let pipeline = Pipeline::new();
    let t = Instant::now();
    let agencies: Vec<DocumentAgencies> = docs.par_iter().map(|d| pipeline.resolve(d)).collect();
    stage("resolve agencies", t);

    let refs: Vec<&Document> = docs.iter().collect();
    let t = Instant::now();
    let segmenter = Segmenter::builder()
        .agencies(pipeline.registry())
        .document_agencies(refs.iter().copied())
        .build();
    stage("learn agency names", t);

    let t = Instant::now();
    let features = FeatureSet::build(&segmenter, &refs, &agencies).map_err(|e| e.to_string())?;
    stage("segment + weigh", t);

    let t = Instant::now();
    let alignment = pipeline.aligner().align_corpus(&features);
    stage("cluster", t);
    say!("  {} clusters", alignment.clusters.len());

    let t = Instant::now();
    let graph =
        PolicyGraph::from_corpus(pipeline.registry(), &refs, &agencies, &alignment).map_err(|e| e.to_string())?;
    stage("agency graph", t);
    drop((graph, features, alignment, agencies, segmenter));

    let t = Instant::now();
    let corpus = pipeline.corpus(docs).map_err(|e| e.to_string())?;
    stage("whole corpus again", t);
    for format in [Format::Csv, Format::Json, Format::Text, Format::Html] {
        let t = Instant::now();
        let renderer: Box<dyn Renderer> = format.renderer();
        let mut out = Counting(0);
        corpus.write(&*renderer, &mut out).map_err(|e| e.to_string())?;
        stage(&format!("write {format} ({} MB)", out.0 / 1_000_000), t);
    }
    Ok(())
}
