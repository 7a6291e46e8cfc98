//! The crate's one error type.

use std::path::PathBuf;

/// Where in an input something went wrong.
///
/// `source` names the input: a file path as the user gave it, or the name of a bundled document.
/// `line` is 1-based; `byte` is the 0-based byte offset in the input as it was read (before decoding).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    /// The file path or bundled document name.
    pub source: String,
    /// 1-based line number, when known.
    pub line: Option<usize>,
    /// 0-based byte offset in the raw input, when known.
    pub byte: Option<usize>,
}

impl Location {
    /// A location that names only the input.
    pub fn file(source: impl Into<String>) -> Self {
        Location {
            source: source.into(),
            line: None,
            byte: None,
        }
    }

    /// A location at a byte offset of the raw input; the line is counted from `raw`.
    pub fn at_byte(source: impl Into<String>, raw: &[u8], byte: usize) -> Self {
        let byte = byte.min(raw.len());
        let line = raw[..byte].iter().filter(|&&b| b == b'\n').count() + 1;
        Location {
            source: source.into(),
            line: Some(line),
            byte: Some(byte),
        }
    }
}

impl std::fmt::Display for Location {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.source)?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
        }
        if let Some(byte) = self.byte {
            write!(f, " (byte {byte})")?;
        }
        Ok(())
    }
}

/// Everything that can go wrong in policy-align.
///
/// Every variant that concerns an input says which one and, where it can, the line and byte.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A file could not be read.
    #[error("{}: cannot read: {source}", path.display())]
    Io {
        /// The path as given.
        path: PathBuf,
        /// The underlying I/O error.
        #[source]
        source: std::io::Error,
    },
    /// The input holds no text at all (zero bytes, or only white space).
    #[error("{location}: the document is empty")]
    Empty {
        /// Which input.
        location: Location,
    },
    /// The input looks like binary data (NUL or other control bytes), not a text document.
    #[error("{location}: binary data, not a text document ({detail})")]
    Binary {
        /// Which input, and the first offending byte.
        location: Location,
        /// What gave it away.
        detail: String,
    },
    /// The input is a file of another kind (PDF, Word, ZIP, an image), not text.
    #[error("{location}: {what}: {advice}")]
    NotText {
        /// Which input.
        location: Location,
        /// What it is (`a PDF document`).
        what: &'static str,
        /// What to do with it.
        advice: &'static str,
    },
    /// A PDF, Word document or web page that could not be read: damaged, without a text layer,
    /// without document text.
    #[error("{location}: {what}: {message}")]
    Unreadable {
        /// Which input.
        location: Location,
        /// What it is (`a PDF document`).
        what: &'static str,
        /// What went wrong (`no text layer (3 pages of images, a scan?): OCR it first`).
        message: String,
    },
    /// The bytes are not valid in the encoding the input declares or was detected as.
    #[error("{location}: invalid {encoding} byte sequence")]
    Undecodable {
        /// Which input, and the first malformed byte.
        location: Location,
        /// The encoding that was tried.
        encoding: &'static str,
    },
    /// A document was parsed but yielded nothing a comparison can use.
    #[error("{location}: {message}")]
    NoMeasures {
        /// Which input.
        location: Location,
        /// Why.
        message: String,
    },
    /// A gold alignment could not be read or does not fit the documents.
    #[error("{location}: gold alignment: {message}")]
    Gold {
        /// The gold file, or the document a heading is missing from.
        location: Location,
        /// What is wrong.
        message: String,
    },
    /// A configuration value is out of range or malformed.
    #[error("invalid {option}: {message}")]
    InvalidOption {
        /// The option's name as the library calls it (`threshold`, `strategy`, `format`).
        option: &'static str,
        /// What is wrong with the value.
        message: String,
    },
    /// A file could not be written.
    #[error("{}: cannot write: {source}", path.display())]
    Write {
        /// The path as given.
        path: PathBuf,
        /// The underlying I/O error.
        #[source]
        source: std::io::Error,
    },
    /// A report could not be written to its output (a file, standard output).
    #[error("cannot write the report: {source}")]
    Output {
        /// The underlying I/O error.
        #[source]
        source: std::io::Error,
    },
    /// A table of agency functions (JSON) is malformed, or would merge two functions.
    #[error("{location}: agency table: {message}")]
    Table {
        /// The table (a file path, or `built-in` / `extension N` for tables given as text), and
        /// the line where it went wrong.
        location: Location,
        /// What is wrong.
        message: String,
    },
    /// A CSV report could not be written.
    #[error("CSV: {message}")]
    Csv {
        /// What the CSV writer said.
        message: String,
    },
    /// A cell of a table does not fit its column: a date that is not a calendar date, text in
    /// an integer column, null in a column that has none, a row of the wrong length.
    #[error("table {table}, column {column}, row {row}: {message}")]
    Cell {
        /// The table's name (`documents`).
        table: String,
        /// The column's name.
        column: String,
        /// The row, 1-based, not counting the header.
        row: usize,
        /// What is wrong (`"2021-02-30" is not a calendar date`).
        message: String,
    },
    /// A table could not be written as Parquet.
    #[error("{table}.parquet: {message}")]
    Parquet {
        /// The table's name.
        table: String,
        /// What the Parquet writer said.
        message: String,
    },
    /// GraphML could not be read.
    #[error("GraphML at byte {position}: {message}")]
    Graphml {
        /// Byte offset in the GraphML text.
        position: u64,
        /// What the XML reader said.
        message: String,
    },
    /// Inputs that must belong together do not: resolutions made for another document, an
    /// index out of range, a score matrix whose rows differ in length.
    #[error("inconsistent input: {message}")]
    Inconsistent {
        /// What does not fit.
        message: String,
    },
    /// A comparison needs more documents than it was given.
    #[error("{needed} documents or more are needed, {given} given")]
    TooFewDocuments {
        /// How many were given.
        given: usize,
        /// How many are needed.
        needed: usize,
    },
    /// A format that does not render this kind of report (a graph as CSV, a corpus as DOT).
    #[error("the {format} format does not render {report}")]
    Unsupported {
        /// The format.
        format: &'static str,
        /// The kind of report (`a document`, `a comparison`, `a corpus`, `a graph`).
        report: &'static str,
    },
}

impl Error {
    /// An [`Error::Inconsistent`] with this message.
    pub(crate) fn inconsistent(message: impl Into<String>) -> Error {
        Error::Inconsistent {
            message: message.into(),
        }
    }
}

/// `Result` with the crate's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;
