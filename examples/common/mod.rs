//! What the examples share: reading the pair of documents to compare, building the pipeline,
//! and the output options.
#![allow(dead_code)]

use policy_align::report::{CsvRenderer, Format, Renderer, TextRenderer};
use policy_align::{Aligner, Document, Pipeline, Strategy, corpus};

/// The two documents to compare: the bundled pair when `files` is empty, else `LEFT RIGHT`.
pub fn load_pair(files: &[String]) -> Result<(Document, Document), String> {
    // Both documents parsed at once, on the thread pool.
    let (left, right) = match files {
        [] => rayon::join(|| corpus::XIANGSHAN.parse(), || corpus::HUIZHOU.parse()),
        [l, r] => rayon::join(|| Document::from_path(l), || Document::from_path(r)),
        _ => return Err(format!("expected two files (LEFT RIGHT) or none, got {}", files.len())),
    };
    Ok((left.map_err(|e| e.to_string())?, right.map_err(|e| e.to_string())?))
}

/// `--threshold`'s value.
pub fn threshold(value: &str) -> Result<f64, String> {
    value
        .parse::<f64>()
        .map_err(|_| format!("--threshold: {value:?} is not a number"))
}

/// The pipeline for `--strategy` and `--threshold` (the library's default threshold when none).
pub fn pipeline(strategy: Strategy, threshold: Option<f64>) -> Result<Pipeline, String> {
    let mut builder = Aligner::builder().strategy(strategy);
    if let Some(t) = threshold {
        builder = builder.threshold(t);
    }
    let aligner = builder.build().map_err(|e| e.to_string())?;
    Ok(Pipeline::builder().aligner(aligner).build())
}

/// `--format`, `--out` and `--csv-bom`: how a report is rendered and where it goes.
#[derive(Debug, Default)]
pub struct Output {
    /// The report format.
    pub format: Format,
    /// The file to write, standard output when none.
    pub out: Option<std::path::PathBuf>,
    /// Start CSV with a UTF-8 byte-order mark.
    pub bom: bool,
    /// Text: both outlines side by side first.
    pub outlines: bool,
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

    /// The renderer of the format, with the options that apply to it.
    pub fn renderer(&self) -> Box<dyn Renderer> {
        match self.format {
            Format::Csv => Box::new(CsvRenderer { bom: self.bom }),
            Format::Text => Box::new(TextRenderer {
                outlines: self.outlines,
                ..TextRenderer::default()
            }),
            f => f.renderer(),
        }
    }

    /// Prints the report, or writes it to `--out`.
    pub fn write(&self, text: &str) -> Result<(), String> {
        match &self.out {
            Some(path) => std::fs::write(path, text).map_err(|e| format!("{}: cannot write: {e}", path.display())),
            None => {
                print!("{text}");
                Ok(())
            }
        }
    }
}
