//! Stage 3: clean text to a [`Document`] of measures.
//!
//! The parser recognizes the numbering styles of Chinese policy documents (`一、`, `（一）`,
//! `1.`, `1、`, `（1）`, `①`, `第一条`, `第一章`, `第一节`, `第一部分`), infers their nesting from
//! the order in which they first appear (the 第X styles nest in their fixed order), and decides
//! which numbered items are measures:
//!
//! - in the 第X条 style every article is a measure, and numbered items inside it are part of it;
//! - otherwise an item with no numbered children is a measure, unless it is a top-level section
//!   whose heading stands alone (一、总体要求 followed by prose) in a document with deeper levels;
//! - an item whose heading is followed by its own text and whose children are an enumeration
//!   (no child but the last carries a responsibility clause) is a measure that includes them;
//! - the other items are group headings, kept in each measure's `path`.
//!
//! A document with no numbering at all falls back to its paragraphs as measures, with a warning.

mod annex;
mod clause;
mod meta;
mod model;
mod parser;
mod subtask;
mod text;

pub use crate::lexicon::numbering::NumberingStyle;
pub use crate::lexicon::roles::Role;
pub use model::{
    AnnexEntry, AnnexNote, AnnexTask, Citation, Clause, Document, JurisdictionSource, Measure, Mention, Metadata,
    RosterEntry, Section, Subtask, Warning, WarningKind,
};

use crate::decode::decode;
use crate::error::{Error, Location, Result};
use crate::normalize::normalize;
use crate::span::Span;
use std::collections::HashSet;
use std::path::Path;

impl Document {
    /// Parses a document from its bytes (any supported encoding). `name` is used in errors
    /// and reports.
    ///
    /// ```
    /// let doc = policy_align::Document::from_bytes(
    ///     "关于加强保护的措施\n一、主要措施\n（一）严格执法。加大力度。〔责任单位：市法院、市公安局按职责分工负责〕\n（二）强化宣传。开展活动。".as_bytes(),
    ///     "example.txt",
    /// ).unwrap();
    /// assert_eq!(doc.measures.len(), 2);
    /// assert_eq!(doc.measures[0].title, "严格执法");
    /// assert_eq!(doc.measures[0].mentions().nth(1).unwrap().name, "市公安局");
    /// ```
    pub fn from_bytes(bytes: &[u8], name: &str) -> Result<Document> {
        if let Some((text, label)) = crate::extract::extract(bytes, name)? {
            return Document::parse_text(text, name, label);
        }
        let decoded = decode(bytes, name)?;
        let mut doc = Document::parse_text(decoded.text, name, decoded.encoding)?;
        if decoded.replaced.is_empty() {
            return Ok(doc);
        }
        let lines = model::Lines::of(&doc.source);
        let invalid = decoded.replaced.iter().map(|r| {
            let hex: Vec<String> = r.bytes.iter().map(|b| format!("0x{b:02X}")).collect();
            Warning::at(
                WarningKind::InvalidBytes,
                format!(
                    "invalid UTF-8 byte sequence {} at line {} (byte {}), read as U+FFFD",
                    hex.join(" "),
                    r.line,
                    r.byte
                ),
                &lines,
                Span::new(r.at, r.at + '\u{FFFD}'.len_utf8()),
            )
        });
        let invalid: Vec<Warning> = invalid.collect();
        doc.warnings.splice(0..0, invalid);
        Ok(doc)
    }

    /// Reads and parses a file.
    pub fn from_path(path: impl AsRef<Path>) -> Result<Document> {
        let path = path.as_ref();
        let bytes = std::fs::read(path).map_err(|source| Error::Io {
            path: path.to_owned(),
            source,
        })?;
        Document::from_bytes(&bytes, &path.display().to_string())
    }

    /// Parses already decoded text.
    pub fn from_text(text: &str, name: &str) -> Result<Document> {
        Document::parse_text(text.to_owned(), name, "UTF-8")
    }

    fn parse_text(source: String, name: &str, encoding: &'static str) -> Result<Document> {
        let norm = normalize(&source);
        if norm.paragraphs.is_empty() {
            return Err(Error::Empty {
                location: Location::file(name),
            });
        }
        let mut doc = Document {
            name: name.to_owned(),
            encoding,
            source: String::new(),
            meta: Metadata::default(),
            preamble: String::new(),
            sections: Vec::new(),
            measures: Vec::new(),
            cited: Vec::new(),
            annex_title: None,
            annex: Vec::new(),
            page: Vec::new(),
            abbreviations: Vec::new(),
            closing: Vec::new(),
            warnings: Vec::new(),
        };
        parser::Parser::new(&norm, &source, name, &mut doc).run();
        doc.source = source;
        if let Some(w) = several_documents(&norm, &doc) {
            doc.warnings.push(w);
        }
        if let Some(w) = past_the_limit(&doc.source) {
            doc.warnings.push(w);
        }
        Ok(doc)
    }
}

/// The ids of documents, unique in a run and never numeric, whatever their paths: each one's
/// file stem ([`Document::file_stem`]), `doc-` before a stem a spreadsheet would read as a
/// number (`doc-2021` for `2021.txt`), `-2`, `-3`… after a stem already taken.
///
/// ```
/// use policy_align::{Document, document_ids};
/// let d = |name: &str| Document::from_text("某市措施\n一、推进工作。\n", name).unwrap();
/// let docs = [d("a/plan.txt"), d("b/plan.txt"), d("2021.txt"), d("plan-2.txt")];
/// let refs: Vec<&Document> = docs.iter().collect();
/// assert_eq!(document_ids(&refs), ["plan", "plan-2", "doc-2021", "plan-2-2"]);
/// ```
pub fn document_ids(docs: &[&Document]) -> Vec<String> {
    let mut seen = std::collections::HashSet::new();
    docs.iter()
        .map(|d| {
            let stem = d.file_stem();
            let stem = if stem.is_empty() || stem.parse::<f64>().is_ok() {
                format!("doc-{stem}")
            } else {
                stem
            };
            let mut id = stem.clone();
            let mut k = 1;
            while !seen.insert(id.clone()) {
                k += 1;
                id = format!("{stem}-{k}");
            }
            id
        })
        .collect()
}

/// The names of documents as reports show them, unique in a run: each document's jurisdiction
/// (else its title); where two share one, the year of their date is added (`相山区 2021`,
/// `相山区 2023`), and where that is shared too, the file name (`相山区 (plan_a)`).
///
/// ```
/// use policy_align::{Document, display_names};
/// let a = Document::from_text("相山区工作措施\n1.推进工作。\n", "a.txt").unwrap();
/// let b = Document::from_text("相山区工作措施\n1.落实责任。\n", "b.txt").unwrap();
/// assert_eq!(display_names(&[&a, &b]), ["相山区 (a)", "相山区 (b)"]);
/// ```
pub fn display_names(docs: &[&Document]) -> Vec<String> {
    let base: Vec<String> = docs
        .iter()
        .map(|d| d.meta.jurisdiction.clone().unwrap_or_else(|| d.meta.title.clone()))
        .collect();
    let shared = shared_names(&base);
    let with_year: Vec<String> = docs
        .iter()
        .zip(&base)
        .map(|(d, b)| match d.meta.date.as_deref().and_then(|x| x.get(..4)) {
            Some(year) if shared.contains(b.as_str()) => format!("{b} {year}"),
            _ => b.clone(),
        })
        .collect();
    let shared = shared_names(&with_year);
    docs.iter()
        .zip(&with_year)
        .zip(&base)
        .map(|((d, y), b)| {
            if shared.contains(y.as_str()) {
                format!("{b} ({})", d.file_stem())
            } else {
                y.clone()
            }
        })
        .collect()
}

/// The names given to more than one of `names`.
fn shared_names(names: &[String]) -> HashSet<&str> {
    let mut seen = HashSet::new();
    names
        .iter()
        .filter(|n| !seen.insert(n.as_str()))
        .map(String::as_str)
        .collect()
}

/// No silent cap: a line numbered past the limit of item numbers is text, and said so once.
fn past_the_limit(source: &str) -> Option<Warning> {
    let mut start = 0;
    for (k, line) in source.split_inclusive('\n').enumerate() {
        let text = line.trim_start();
        if crate::lexicon::numbering::past_the_limit(text) {
            let at = start + (line.len() - text.len());
            let digits = text.bytes().take_while(u8::is_ascii_digit).count();
            return Some(Warning {
                kind: WarningKind::NumberingGap,
                message: format!(
                    "line {} opens with item number {}: item numbers have at most {} digits, so it and the lines after it are read as text of the item before",
                    k + 1,
                    &text[..digits],
                    crate::lexicon::numbering::MAX_DIGITS
                ),
                line: Some(k + 1),
                span: Some(Span::new(at, at + digits)),
            });
        }
        start += line.len();
    }
    None
}

/// A warning when the text looks like several documents in one file: its title stands as a
/// paragraph of its own three times or more (a notice and the measures it issues print it
/// twice at most), or its document number twice.
fn several_documents(norm: &crate::normalize::Normalized, doc: &Document) -> Option<Warning> {
    let at = |wanted: &str| -> Vec<usize> {
        norm.paragraphs
            .iter()
            .enumerate()
            .filter(|(_, p)| norm.text[p.range.clone()].trim() == wanted)
            .map(|(i, _)| i)
            .collect()
    };
    let title = doc.meta.title.trim();
    let by_title = if title.chars().count() >= 6 {
        at(title)
    } else {
        Vec::new()
    };
    let by_number = doc.meta.doc_number.as_deref().map(at).unwrap_or_default();
    let (what, found, extra) = if by_title.len() >= 3 {
        (format!("its title ({title})"), &by_title, by_title.len() - 1)
    } else if by_number.len() >= 2 {
        (
            format!("its document number ({})", doc.meta.doc_number.as_deref()?),
            &by_number,
            by_number.len() - 1,
        )
    } else {
        return None;
    };
    let second = &norm.paragraphs[found[1]];
    let span = norm.map_span(second.range.clone(), &doc.source);
    Some(Warning {
        kind: WarningKind::SeveralDocuments,
        message: format!(
            "{what} appears {extra} more time{} from line {}: this file looks like several documents; split it to compare them",
            if extra == 1 { "" } else { "s" },
            second.line
        ),
        line: Some(second.line),
        span: Some(span),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Document {
        Document::from_text(text, "test.txt").unwrap()
    }

    #[test]
    fn display_names_add_the_year_then_the_file_only_where_needed() {
        let named = |text: &str, file: &str| Document::from_text(text, file).unwrap();
        let docs = [
            named("相山区工作措施\n1.推进工作。\n相山区人民政府\n2021年3月1日\n", "a.txt"),
            named("相山区工作措施\n1.推进工作。\n相山区人民政府\n2023年5月2日\n", "b.txt"),
            named("相山区工作措施\n1.推进工作。\n相山区人民政府\n2023年6月9日\n", "c.txt"),
            named("烈山区工作措施\n1.推进工作。\n", "d.txt"),
        ];
        let refs: Vec<&Document> = docs.iter().collect();
        assert_eq!(
            display_names(&refs),
            ["相山区 2021", "相山区 (b)", "相山区 (c)", "烈山区"]
        );
    }

    fn summary(doc: &Document) -> Vec<(String, String, String, Vec<String>)> {
        doc.measures
            .iter()
            .map(|m| {
                (
                    m.id.clone(),
                    m.label.clone(),
                    m.title.clone(),
                    m.mentions().map(|x| x.text.clone()).collect(),
                )
            })
            .collect()
    }

    #[test]
    fn chapters_sections_articles() {
        let doc = parse(
            "某某市知识产权保护办法\n第一章 总则\n第一条 为了加强保护，制定本办法。\n第二章 保护\n第一节 行政保护\n第二条 市场监管部门负责查处侵权行为。\n责任单位：市市场监管局\n第二节 司法保护\n第三条 法院依法审理案件。",
        );
        let got = summary(&doc);
        assert_eq!(got.len(), 3);
        assert_eq!(
            (got[1].0.as_str(), got[1].2.as_str()),
            ("m2.1.2", "市场监管部门负责查处侵权行为")
        );
        assert_eq!(got[1].3, ["市市场监管局"]);
        assert_eq!(doc.measures[2].path, ["保护", "司法保护"]);
    }

    #[test]
    fn circled_and_paren_items_fold_into_their_measure() {
        let doc = parse(
            "一、主要措施\n1．加强执法。重点做好：\n①开展专项行动；\n②加强案件查办。\n（市公安局牵头，市法院配合）\n2．强化宣传。开展宣传周活动。（市委宣传部负责）",
        );
        let got = summary(&doc);
        assert_eq!(got.len(), 2, "{got:?}");
        assert_eq!((got[0].1.as_str(), got[0].2.as_str()), ("1．", "加强执法"));
        assert!(
            doc.measures[0].text.contains("①开展专项行动；\n②加强案件查办。"),
            "{}",
            doc.measures[0].text
        );
        assert_eq!(doc.measures[0].mentions().next().unwrap().role, Role::Lead);
        assert_eq!(doc.measures[0].mentions().nth(1).unwrap().role, Role::Supporting);
        assert_eq!(got[1].3, ["市委宣传部"]);
    }

    #[test]
    fn numbering_restarts_and_jumps() {
        let doc = parse("一、甲\n1.第一项。内容。\n2.第二项。内容。\n二、乙\n1.第三项。内容。\n3.第四项。内容。");
        let ids: Vec<&str> = doc.measures.iter().map(|m| m.id.as_str()).collect();
        assert_eq!(ids, ["m1.1", "m1.2", "m2.1", "m2.3"]);
        assert_eq!(doc.warnings.len(), 1, "{:?}", doc.warnings);
        assert!(
            doc.warnings[0].message.contains("numbering jumps to 3."),
            "{:?}",
            doc.warnings
        );
        assert_eq!(
            (doc.warnings[0].kind, doc.warnings[0].line),
            (WarningKind::NumberingGap, Some(6))
        );
    }

    #[test]
    fn repeated_numbers_get_distinct_ids() {
        let doc = parse("一、甲\n1.第一项。内容。\n1.又一项。内容。");
        let ids: Vec<&str> = doc.measures.iter().map(|m| m.id.as_str()).collect();
        assert_eq!(ids, ["m1.1", "m1.1-2"]);
        assert!(
            doc.warnings
                .iter()
                .any(|w| w.kind == WarningKind::NumberingRepeat && w.message.contains("repeats"))
        );
    }

    #[test]
    fn section_prose_is_kept_not_a_measure() {
        let doc = parse("一、总体要求\n坚持问题导向。\n二、重点任务\n（一）严格执法。加大力度。");
        assert_eq!(doc.measures.len(), 1);
        assert_eq!(doc.sections[0].title, "总体要求");
        assert_eq!(doc.sections[0].text, "坚持问题导向。");
    }

    #[test]
    fn empty_documents_are_errors() {
        assert!(matches!(
            Document::from_text(" \n\u{3000}\n", "blank.txt"),
            Err(Error::Empty { .. })
        ));
        assert!(matches!(
            Document::from_bytes(b"", "none.txt"),
            Err(Error::Empty { .. })
        ));
    }
}
