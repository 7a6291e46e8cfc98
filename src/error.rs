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
    #[error("invalid option {option}: {message}")]
    InvalidOption {
        /// The option's name.
        option: &'static str,
        /// What is wrong with the value.
        message: String,
    },
}

/// `Result` with the crate's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;
