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

/// `--format`, `--out` and `--csv-bom`: how a report is rendered and where it goes.
#[derive(Debug, Default)]
pub struct Output {
    /// The report format.
    pub format: policy_align::report::Format,
    /// The file to write, standard output when none.
    pub out: Option<std::path::PathBuf>,
    /// Start CSV with a UTF-8 byte-order mark.
    pub bom: bool,
}

impl Output {
    /// Takes `arg` (and its value from `args`) when it is an output option; `false` otherwise.
    pub fn take(&mut self, arg: &str, args: &mut impl Iterator<Item = String>) -> Result<bool, String> {
        match arg {
            "--format" | "-f" => {
                let value = args.next().ok_or("--format needs a value (try --help)")?;
                self.format = value.parse().map_err(|e: policy_align::Error| e.to_string())?;
            }
            "--out" | "-o" => self.out = Some(args.next().ok_or("--out needs a file")?.into()),
            "--csv-bom" => self.bom = true,
            _ => return Ok(false),
        }
        Ok(true)
    }

    /// The renderer of the format (CSV with the byte-order mark when asked).
    pub fn renderer(&self) -> Box<dyn policy_align::report::Renderer> {
        match self.format {
            policy_align::report::Format::Csv => Box::new(policy_align::report::CsvRenderer { bom: self.bom }),
            f => f.renderer(),
        }
    }

    /// Writes the report, whole or not at all.
    pub fn write(&self, text: &str) -> Result<(), String> {
        policy_align::report::write_output(self.out.as_deref(), text).map_err(|e| e.to_string())
    }
}
