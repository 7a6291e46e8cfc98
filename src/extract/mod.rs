//! Stage 1, for files that are not plain text: web pages (HTML), Word documents (DOCX) and PDF
//! read as the text a reader sees, one paragraph per line, for the parser to read as it reads a
//! text file. The format is told from the content, never from the file's name; formats that
//! cannot be read (legacy Word, OFD, spreadsheets, images) are named with what to do instead.
//!
//! The text extracted is the document's source: every span points into it, and
//! `policy-align inspect --source` prints it.

mod docx;
mod html;
mod pdf;
mod pdf_layer;

use crate::error::{Error, Location, Result};

/// The kind of file a document was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum SourceFormat {
    /// Plain text, in any encoding.
    Text,
    /// A web page.
    Html,
    /// A Word document (Office Open XML).
    Docx,
    /// A PDF document's text layer.
    Pdf,
}

impl SourceFormat {
    /// The format of a file, from its first bytes: `%PDF-` is a PDF, a ZIP archive a Word
    /// document (whether it is one is checked when it is read), markup that opens with a
    /// doctype, `<html>`, `<head>`, `<body>` or `<meta>` (after a BOM, white space, a comment or
    /// an XML declaration) a web page; anything else is read as text.
    ///
    /// ```
    /// use policy_align::SourceFormat;
    /// assert_eq!(SourceFormat::sniff(b"%PDF-1.7\n"), SourceFormat::Pdf);
    /// assert_eq!(SourceFormat::sniff(b"\xEF\xBB\xBF<!DOCTYPE html><html>"), SourceFormat::Html);
    /// assert_eq!(SourceFormat::sniff("某县实施方案\n一、总体要求".as_bytes()), SourceFormat::Text);
    /// ```
    pub fn sniff(bytes: &[u8]) -> SourceFormat {
        let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        let start = body.iter().position(|b| !b.is_ascii_whitespace()).unwrap_or(body.len());
        let head = &body[start..];
        if head.starts_with(b"%PDF-")
            || bytes.len() > 5 && bytes[..bytes.len().min(1024)].windows(5).any(|w| w == b"%PDF-")
        {
            return SourceFormat::Pdf;
        }
        if bytes.starts_with(b"PK\x03\x04") {
            return SourceFormat::Docx;
        }
        let lower: Vec<u8> = head[..head.len().min(512)].to_ascii_lowercase();
        let opens = |tag: &[u8]| lower.starts_with(tag);
        if opens(b"<!doctype html") || opens(b"<html") || opens(b"<head") || opens(b"<body") || opens(b"<meta") || {
            // A comment or an XML declaration first, then the page.
            (opens(b"<!--") || opens(b"<?xml")) && lower.windows(5).any(|w| w == b"<html")
        } {
            return SourceFormat::Html;
        }
        SourceFormat::Text
    }

    /// `text`, `html`, `docx` or `pdf`.
    pub fn as_str(self) -> &'static str {
        match self {
            SourceFormat::Text => "text",
            SourceFormat::Html => "html",
            SourceFormat::Docx => "docx",
            SourceFormat::Pdf => "pdf",
        }
    }
}

/// Why a file could not be read: a message, or a format refused with what to do.
#[derive(Debug)]
pub(crate) struct Failure {
    pub(crate) message: String,
    refused: Option<(&'static str, &'static str)>,
    /// What the file is, when it is not what its first bytes said.
    what: Option<&'static str>,
}

impl Failure {
    fn new(message: impl Into<String>) -> Failure {
        Failure {
            message: message.into(),
            refused: None,
            what: None,
        }
    }

    /// The same failure, of a file that is `what`.
    fn of(self, what: &'static str) -> Failure {
        Failure {
            what: Some(what),
            ..self
        }
    }

    fn refused(what: &'static str, advice: &'static str) -> Failure {
        Failure {
            message: String::new(),
            refused: Some((what, advice)),
            what: None,
        }
    }

    fn into_error(self, source: &str, what: &'static str) -> Error {
        match self.refused {
            Some((what, advice)) => Error::NotText {
                location: Location::file(source),
                what,
                advice,
            },
            None => Error::Unreadable {
                location: Location::file(source),
                what: self.what.unwrap_or(what),
                message: self.message,
            },
        }
    }
}

/// The text of a file that is not plain text, with a label of what it was read as (`PDF`,
/// `DOCX`, `HTML (GB18030)`); `None` for plain text, which [`decode`](crate::decode) reads.
pub(crate) fn extract(bytes: &[u8], source: &str) -> Result<Option<(String, &'static str)>> {
    match SourceFormat::sniff(bytes) {
        SourceFormat::Text => Ok(None),
        SourceFormat::Html => {
            let (text, encoding) = html::text(bytes).map_err(|f| f.into_error(source, "a web page"))?;
            let label = match encoding {
                "UTF-8" => "HTML (UTF-8)",
                "gb18030" => "HTML (GB18030)",
                "Big5" => "HTML (Big5)",
                "UTF-16LE" | "UTF-16BE" => "HTML (UTF-16)",
                _ => "HTML",
            };
            Ok(Some((text, label)))
        }
        SourceFormat::Docx => {
            let text = docx::text(bytes).map_err(|f| f.into_error(source, "a Word document (DOCX)"))?;
            Ok(Some((text, "DOCX")))
        }
        SourceFormat::Pdf => {
            let text = pdf::text(bytes).map_err(|f| f.into_error(source, "a PDF document"))?;
            Ok(Some((text, "PDF")))
        }
    }
}
