//! What the examples share: reading the pair of documents to compare and building the aligner.
#![allow(dead_code)]

use policy_align::{Aligner, Document, Strategy, corpus};

/// The two documents to compare: the bundled pair when `files` is empty, else `LEFT RIGHT`.
/// Fails, naming the file, when one cannot be read or holds no measure.
pub fn load_pair(files: &[String]) -> Result<(Document, Document), String> {
    let (left, right) = match files {
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
    Ok((left, right))
}

/// `--threshold`'s value.
pub fn threshold(value: &str) -> Result<f64, String> {
    value
        .parse::<f64>()
        .map_err(|_| format!("--threshold: {value:?} is not a number"))
}

/// The aligner for `--strategy` and `--threshold` (the library's default threshold when none).
pub fn aligner(strategy: Strategy, threshold: Option<f64>) -> Result<Aligner, String> {
    let mut builder = Aligner::builder().strategy(strategy);
    if let Some(t) = threshold {
        builder = builder.threshold(t);
    }
    builder.build().map_err(|e| e.to_string())
}
