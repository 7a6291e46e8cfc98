//! Options several commands share: output format and destination, alignment strategy and
//! threshold; and writing a report.

use crate::inputs::Ui;
use clap::Args;
use policy_align::report::{CsvRenderer, Format, Renderer, Table, TextRenderer};
use policy_align::{Aligner, Pipeline, PipelineBuilder, Strategy};
use std::io::Write;
use std::path::{Path, PathBuf};

/// `--out` and `--csv-bom`; each command declares its own `--format` with the values it takes.
#[derive(Debug, Args)]
pub struct OutputArgs {
    /// Write the report to FILE (whole, or not at all) instead of standard output. With
    /// --format parquet, or csv and a directory (one that exists, or a path ending in /), the
    /// directory to write one file per table in (created if missing).
    #[arg(short, long, value_name = "FILE|DIR")]
    pub out: Option<PathBuf>,

    /// Start CSV with a UTF-8 byte-order mark, so that Excel reads the Chinese text
    /// (only with --format csv).
    #[arg(long)]
    pub csv_bom: bool,
}

/// How measures are paired.
#[derive(Debug, Args)]
pub struct AlignArgs {
    /// How to pair measures: one-to-one (the assignment of greatest total score, each measure
    /// in one pair at most), mutual-best (pairs that are each other's best match) or
    /// many-to-many (every pair above the threshold; splits and merges show).
    #[arg(short, long, default_value = "one-to-one", value_parser = ["one-to-one", "mutual-best", "many-to-many"])]
    pub strategy: String,

    #[command(flatten)]
    pub threshold: ThresholdArg,
}

/// The score a pair needs.
#[derive(Debug, Args)]
pub struct ThresholdArg {
    /// The score, from 0 to 1, a pair of measures needs to be reported (default 0.23). A pair's
    /// score is the weighted mean of its similarity components: words and character bigrams
    /// (TF-IDF cosine), heading, section, position and responsible agencies. Lower finds more
    /// pairs and more wrong ones.
    #[arg(short, long, value_name = "T", value_parser = unit_interval)]
    pub threshold: Option<f64>,
}

fn unit_interval(s: &str) -> Result<f64, String> {
    let t: f64 = s.parse().map_err(|_| format!("{s:?} is not a number"))?;
    if (0.0..=1.0).contains(&t) {
        Ok(t)
    } else {
        Err(format!("{t} is not between 0 and 1"))
    }
}

impl ThresholdArg {
    /// The pipeline with this threshold and a strategy.
    pub fn pipeline(&self, strategy: Strategy) -> Result<Pipeline, String> {
        Ok(self.pipeline_builder(strategy)?.build())
    }

    /// The pipeline's builder with this threshold and a strategy.
    pub fn pipeline_builder(&self, strategy: Strategy) -> Result<PipelineBuilder, String> {
        let mut builder = Aligner::builder().strategy(strategy);
        if let Some(t) = self.threshold {
            builder = builder.threshold(t);
        }
        let aligner = builder.build().map_err(|e| e.to_string())?;
        Ok(Pipeline::builder().aligner(aligner))
    }
}

impl AlignArgs {
    /// The pipeline these options ask for.
    pub fn pipeline(&self) -> Result<Pipeline, String> {
        Ok(self.pipeline_builder()?.build())
    }

    /// The pipeline's builder these options ask for.
    pub fn pipeline_builder(&self) -> Result<PipelineBuilder, String> {
        let strategy: Strategy = self.strategy.parse().map_err(|e: policy_align::Error| e.to_string())?;
        self.threshold.pipeline_builder(strategy)
    }
}

impl OutputArgs {
    /// The renderer of `format` with the options given; options that do not apply to the
    /// format are an error, not silently ignored.
    pub fn renderer(&self, format: &str, outlines: bool) -> Result<Box<dyn Renderer>, String> {
        let format: Format = format.parse().map_err(|e: policy_align::Error| e.to_string())?;
        if self.csv_bom && format != Format::Csv {
            return Err(format!("--csv-bom applies to --format csv only, not {format}"));
        }
        if outlines && format != Format::Text {
            return Err(format!("--outlines applies to --format text only, not {format}"));
        }
        Ok(match format {
            Format::Csv => Box::new(CsvRenderer { bom: self.csv_bom }),
            Format::Text => Box::new(TextRenderer {
                outlines,
                ..TextRenderer::default()
            }),
            f => f.renderer(),
        })
    }

    /// What `--format` and `--out` ask for: one file per table in the directory `--out` names
    /// for `parquet`, and for `csv` when `csv_tables` or when `--out` is a directory (one that
    /// exists, or a path ending in `/`); a report otherwise.
    pub fn output(&self, format: &str, outlines: bool, csv_tables: bool) -> Result<Output, String> {
        if format == "parquet" && !cfg!(feature = "parquet") {
            return Err(WITHOUT_PARQUET.into());
        }
        let kind = match format {
            "parquet" => TableFormat::Parquet,
            "csv" if csv_tables || self.out.as_deref().is_some_and(names_a_directory) => {
                TableFormat::Csv { bom: self.csv_bom }
            }
            _ => return Ok(Output::Report(self.renderer(format, outlines)?)),
        };
        if self.csv_bom && format != "csv" {
            return Err(format!("--csv-bom applies to --format csv only, not {format}"));
        }
        if outlines {
            return Err(format!("--outlines applies to --format text only, not {format}"));
        }
        match &self.out {
            Some(dir) => Ok(Output::Tables(dir.clone(), kind)),
            None => Err(format!(
                "--format {format} writes one file per table: name a directory with --out"
            )),
        }
    }

    /// Writes the report to `--out` or standard output.
    pub fn write(&self, text: &str) -> Result<(), String> {
        match &self.out {
            Some(path) => write_file(path, text),
            None => {
                let mut stdout = std::io::stdout().lock();
                match stdout.write_all(text.as_bytes()).and_then(|()| stdout.flush()) {
                    // A reader that stopped reading (`| head`) is not an error.
                    Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
                        Err(format!("standard output: cannot write: {e}"))
                    }
                    _ => Ok(()),
                }
            }
        }
    }
}

/// What a command writes.
pub enum Output {
    /// A report, to `--out` or standard output.
    Report(Box<dyn Renderer>),
    /// One file per table, in this directory.
    Tables(PathBuf, TableFormat),
}

/// How tables are written.
#[derive(Debug, Clone, Copy)]
pub enum TableFormat {
    /// `NAME.csv`, with a byte-order mark or not.
    Csv {
        /// Start each file with a UTF-8 byte-order mark.
        bom: bool,
    },
    /// `NAME.parquet`.
    Parquet,
}

impl TableFormat {
    /// The files' extension: `csv` or `parquet`.
    fn extension(self) -> &'static str {
        match self {
            TableFormat::Csv { .. } => "csv",
            TableFormat::Parquet => "parquet",
        }
    }
}

/// What `--format parquet` says in a build without Parquet.
const WITHOUT_PARQUET: &str = "--format parquet: this policy-align was built without the cargo feature `parquet`";

/// A path that stands for a directory: one that exists, or one written with a final `/`.
fn names_a_directory(path: &Path) -> bool {
    path.is_dir() || path.as_os_str().to_string_lossy().ends_with(std::path::is_separator)
}

/// Writes each table as `NAME.csv` or `NAME.parquet` in `dir` (created if missing), one table
/// in memory at a time: each is made, written next to its place and dropped before the next is
/// made; once every one is written they are renamed into place, so that a table that cannot
/// be written leaves none.
pub fn write_tables(
    ui: &Ui,
    dir: &Path,
    tables: impl IntoIterator<Item = Table>,
    format: TableFormat,
) -> Result<(), String> {
    std::fs::create_dir_all(dir).map_err(|e| format!("{}: cannot create: {e}", dir.display()))?;
    let mut written: Vec<(PathBuf, PathBuf, String)> = Vec::new();
    let write_all = || -> Result<(), String> {
        for table in tables {
            let name = format!("{}.{}", table.name, format.extension());
            let (path, tmp) = (dir.join(&name), dir.join(format!(".{name}.{}.tmp", std::process::id())));
            // Listed before it is written, so that a failure removes it too.
            written.push((tmp.clone(), path.clone(), name));
            let file = std::fs::File::create(&tmp).map_err(|e| format!("{}: cannot write: {e}", path.display()))?;
            let mut out = std::io::BufWriter::with_capacity(1 << 20, file);
            write_table(&table, format, &mut out)
                .and_then(|()| out.flush().map_err(|source| policy_align::Error::Output { source }))
                .map_err(|e| match e {
                    policy_align::Error::Output { source } => format!("{}: cannot write: {source}", path.display()),
                    e => e.to_string(),
                })?;
        }
        Ok(())
    };
    let result = write_all().and_then(|()| {
        written.iter().try_for_each(|(tmp, path, _)| {
            std::fs::rename(tmp, path).map_err(|e| format!("{}: cannot write: {e}", path.display()))
        })
    });
    if result.is_err() {
        for (tmp, _, _) in &written {
            let _ = std::fs::remove_file(tmp);
        }
    }
    result?;
    let names: Vec<&str> = written.iter().map(|(_, _, n)| n.as_str()).collect();
    ui.note(&format!("wrote {} in {}", names.join(", "), dir.display()));
    Ok(())
}

/// One table in a table format, written to `out`.
fn write_table(table: &Table, format: TableFormat, out: &mut dyn Write) -> policy_align::Result<()> {
    match format {
        TableFormat::Csv { bom } => table.write_csv(out, bom),
        #[cfg(feature = "parquet")]
        TableFormat::Parquet => {
            let bytes = table.to_parquet()?;
            out.write_all(&bytes)
                .map_err(|source| policy_align::Error::Output { source })
        }
        #[cfg(not(feature = "parquet"))]
        TableFormat::Parquet => Err(policy_align::Error::InvalidOption {
            option: "format",
            message: WITHOUT_PARQUET.into(),
        }),
    }
}

impl OutputArgs {
    /// Writes a report to `--out` or standard output as `write` makes it (a large corpus's JSON
    /// is never held whole in memory); a file is written whole or not at all.
    pub fn stream(&self, write: impl FnOnce(&mut dyn Write) -> policy_align::Result<()>) -> Result<(), String> {
        match &self.out {
            Some(path) => write_file_with(path, |file| {
                let mut w = std::io::BufWriter::with_capacity(1 << 20, file);
                write(&mut w).map_err(|e| match e {
                    policy_align::Error::Output { source } => source,
                    e => std::io::Error::other(e.to_string()),
                })?;
                w.flush()
            }),
            None => {
                let mut stdout = std::io::BufWriter::with_capacity(1 << 20, std::io::stdout().lock());
                let result = write(&mut stdout)
                    .and_then(|()| stdout.flush().map_err(|source| policy_align::Error::Output { source }));
                match result {
                    // A reader that stopped reading (`| head`) is not an error.
                    Err(policy_align::Error::Output { source }) if source.kind() == std::io::ErrorKind::BrokenPipe => {
                        Ok(())
                    }
                    Err(policy_align::Error::Output { source }) => {
                        Err(format!("standard output: cannot write: {source}"))
                    }
                    Err(e) => Err(e.to_string()),
                    Ok(()) => Ok(()),
                }
            }
        }
    }
}

/// Writes `content` next to `path` and renames it into place, so that an error never leaves
/// half a file.
pub fn write_file(path: &Path, content: impl AsRef<[u8]>) -> Result<(), String> {
    write_file_with(path, |mut file| file.write_all(content.as_ref()))
}

/// Writes a file next to `path` with `write` and renames it into place, so that an error never
/// leaves half a file.
fn write_file_with(path: &Path, write: impl FnOnce(std::fs::File) -> std::io::Result<()>) -> Result<(), String> {
    let fail = |e: std::io::Error| format!("{}: cannot write: {e}", path.display());
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .ok_or_else(|| fail(std::io::Error::other("not a file name")))?;
    let tmp = dir.join(format!(".{}.{}.tmp", name.to_string_lossy(), std::process::id()));
    let result = std::fs::File::create(&tmp)
        .and_then(write)
        .and_then(|()| std::fs::rename(&tmp, path));
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result.map_err(fail)
}
