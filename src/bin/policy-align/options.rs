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
/// made (consecutive tables of one name are the parts of one table, written one after the
/// other into its file); once every one is written they are renamed into place, so that a
/// table that cannot be written leaves none.
pub fn write_tables(
    ui: &Ui,
    dir: &Path,
    tables: impl IntoIterator<Item = policy_align::Result<Table>>,
    format: TableFormat,
) -> Result<(), String> {
    std::fs::create_dir_all(dir).map_err(|e| format!("{}: cannot create: {e}", dir.display()))?;
    let mut written: Vec<(PathBuf, PathBuf, String)> = Vec::new();
    let write_all = || -> Result<(), String> {
        let mut open: Option<(OpenTable, &'static str, PathBuf)> = None;
        for table in tables {
            let table = table.map_err(|e| e.to_string())?;
            if let Some((file, _, path)) = open.as_mut().filter(|o| o.1 == table.name) {
                file.append(&table).map_err(|e| cannot_write(path, e))?;
                continue;
            }
            if let Some((file, _, path)) = open.take() {
                file.finish().map_err(|e| cannot_write(&path, e))?;
            }
            let name = format!("{}.{}", table.name, format.extension());
            let (path, tmp) = (dir.join(&name), dir.join(format!(".{name}.{}.tmp", std::process::id())));
            // Listed before it is written, so that a failure removes it too.
            written.push((tmp.clone(), path.clone(), name));
            let file = std::fs::File::create(&tmp).map_err(|e| format!("{}: cannot write: {e}", path.display()))?;
            let out = std::io::BufWriter::with_capacity(1 << 20, file);
            let file = OpenTable::start(&table, format, out).map_err(|e| cannot_write(&path, e))?;
            open = Some((file, table.name, path));
        }
        if let Some((file, _, path)) = open.take() {
            file.finish().map_err(|e| cannot_write(&path, e))?;
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

/// The message for a table that could not be written to `path`.
fn cannot_write(path: &Path, e: policy_align::Error) -> String {
    match e {
        policy_align::Error::Output { source } => format!("{}: cannot write: {source}", path.display()),
        e => e.to_string(),
    }
}

type TableFile = std::io::BufWriter<std::fs::File>;

/// A table's file being written, a part at a time.
enum OpenTable {
    Csv(TableFile),
    #[cfg(feature = "parquet")]
    Parquet(Box<policy_align::report::ParquetParts<TableFile>>),
}

impl OpenTable {
    /// The file of the table whose first part is `first`, that part written.
    fn start(first: &Table, format: TableFormat, mut out: TableFile) -> policy_align::Result<OpenTable> {
        match format {
            TableFormat::Csv { bom } => {
                first.write_csv(&mut out, bom)?;
                Ok(OpenTable::Csv(out))
            }
            #[cfg(feature = "parquet")]
            TableFormat::Parquet => {
                let mut parts = policy_align::report::ParquetParts::new(first, out)?;
                parts.write(first)?;
                Ok(OpenTable::Parquet(Box::new(parts)))
            }
            #[cfg(not(feature = "parquet"))]
            TableFormat::Parquet => {
                drop(out);
                Err(policy_align::Error::InvalidOption {
                    option: "format",
                    message: WITHOUT_PARQUET.into(),
                })
            }
        }
    }

    /// Writes the next part of the table.
    fn append(&mut self, part: &Table) -> policy_align::Result<()> {
        match self {
            OpenTable::Csv(out) => part.append_csv(out),
            #[cfg(feature = "parquet")]
            OpenTable::Parquet(parts) => parts.write(part),
        }
    }

    /// Writes what is left and flushes the file.
    fn finish(self) -> policy_align::Result<()> {
        let mut out = match self {
            OpenTable::Csv(out) => out,
            #[cfg(feature = "parquet")]
            OpenTable::Parquet(parts) => parts.finish()?,
        };
        out.flush().map_err(|source| policy_align::Error::Output { source })
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

#[cfg(test)]
mod tests {
    use super::*;
    use policy_align::report::{Cell, Column};

    const COLUMNS: &[Column] = &[Column::text("id"), Column::int("n")];

    fn part(name: &'static str, rows: std::ops::Range<i64>) -> Table {
        let mut t = Table::new(name, COLUMNS);
        t.rows = rows.map(|n| vec![Cell::text(format!("行{n}")), Cell::Int(n)]).collect();
        t
    }

    #[test]
    fn the_parts_of_a_table_make_one_file() {
        let dir = std::env::temp_dir().join(format!("policy-align-parts-{}", std::process::id()));
        let parts = vec![part("t", 0..3), part("t", 3..5), part("t", 5..5), part("u", 0..2)];
        write_tables(
            &Ui { quiet: true },
            &dir,
            parts.into_iter().map(Ok),
            TableFormat::Csv { bom: true },
        )
        .unwrap();
        let read = |name: &str| std::fs::read_to_string(dir.join(name)).unwrap();
        // One header, one byte-order mark, every row in order.
        assert_eq!(read("t.csv"), part("t", 0..5).to_csv(true).unwrap());
        assert_eq!(read("u.csv"), part("u", 0..2).to_csv(true).unwrap());
        #[cfg(feature = "parquet")]
        {
            let parts = vec![part("t", 0..3), part("t", 3..5)];
            write_tables(
                &Ui { quiet: true },
                &dir,
                parts.into_iter().map(Ok),
                TableFormat::Parquet,
            )
            .unwrap();
            let bytes = std::fs::read(dir.join("t.parquet")).unwrap();
            assert!(bytes.starts_with(b"PAR1") && bytes.ends_with(b"PAR1"));
        }
        let leftovers: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .filter_map(|e| e.ok())
            .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
            .collect();
        assert!(leftovers.is_empty(), "{leftovers:?}");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
