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
mod parser;

pub use crate::lexicon::numbering::NumberingStyle;
pub use crate::lexicon::roles::Role;
pub use annex::{AnnexEntry, AnnexNote, AnnexTask, RosterEntry};

use crate::Span;
use crate::decode::decode;
use crate::error::{Error, Location, Result};
use crate::normalize::normalize;
use serde::Serialize;
use std::path::Path;

/// An agency named in a responsibility clause, as written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Mention {
    /// The mention as written (normalized), aliases included: `区市场监管局（知识产权局）`.
    pub text: String,
    /// The body's main name: `区市场监管局`.
    pub name: String,
    /// Other names of the same body given in brackets: `知识产权局`.
    pub aliases: Vec<String>,
    /// Lead, supporting or responsible.
    pub role: Role,
    /// Byte span in the source text.
    pub span: Span,
}

/// A responsibility clause: `〔责任单位：A、B按职责分工负责〕`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Clause {
    /// The clause as written (normalized), brackets included.
    pub text: String,
    /// The agencies it names, in order.
    pub mentions: Vec<Mention>,
    /// Byte span in the source text.
    pub span: Span,
}

/// A measure: a numbered item with a heading sentence and a body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Measure {
    /// Unique in the document, stable across runs: the ordinals of the item and its enclosing
    /// numbered items (`2.1.1` for 二、 > （一） > 1.), or `p3` for the third paragraph of an
    /// unnumbered document.
    pub id: String,
    /// The numbering as written in the source: `1.`, `（一）`, `( 六)`, `第三条`.
    pub label: String,
    /// The numbering style.
    pub style: Option<NumberingStyle>,
    /// The heading sentence without its numbering and final punctuation.
    pub title: String,
    /// The body (normalized) without the heading and without the responsibility clause.
    pub text: String,
    /// The titles of the enclosing group headings, outermost first.
    pub path: Vec<String>,
    /// The responsibility clause, if any.
    pub clause: Option<Clause>,
    /// Byte span of the whole measure (numbering to clause) in the source text.
    pub span: Span,
    /// Byte span of the heading sentence in the source text.
    pub title_span: Span,
}

impl Measure {
    /// The mentions of the measure's responsibility clause (none if it has no clause).
    pub fn mentions(&self) -> &[Mention] {
        self.clause.as_ref().map_or(&[], |c| &c.mentions)
    }
}

/// A numbered item that is not a measure: a group heading, or a section of prose.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Section {
    /// Built like measure ids, from the ordinals of the item and its ancestors.
    pub id: String,
    /// The numbering as written.
    pub label: String,
    /// The heading without numbering.
    pub title: String,
    /// Prose that belongs to the section itself (a section like 一、总体要求), normalized.
    pub text: String,
    /// Nesting depth, 0 for the outermost numbering.
    pub level: usize,
    /// The titles of the enclosing group headings, outermost first.
    pub path: Vec<String>,
    /// Byte span in the source text (the heading and its own prose).
    pub span: Span,
}

/// A document cited in 《》, with the number that follows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Citation {
    /// The title inside 《》.
    pub title: String,
    /// The document number in the brackets that follow, canonical form (`皖办发〔2020〕15号`).
    pub doc_number: Option<String>,
    /// Byte span of the first citation in the source text.
    pub span: Span,
}

/// What the document says about itself.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Metadata {
    /// The policy's own title. For a transmittal notice (印发《X》的通知) it is X.
    pub title: String,
    /// The title of the transmittal notice, when the document is one.
    pub notice_title: Option<String>,
    /// 发文字号 in canonical form: `机关代字〔年份〕序号号` (`[2022]` and `［2022］` become `〔2022〕`).
    pub doc_number: Option<String>,
    /// The issuing bodies.
    pub issuers: Vec<String>,
    /// The recipients (主送).
    pub recipients: Vec<String>,
    /// 成文日期, ISO 8601.
    pub date: Option<String>,
    /// The jurisdiction of the first issuer: 相山区, 惠州市.
    pub jurisdiction: Option<String>,
}

/// A parsed policy document.
#[derive(Debug, Clone, Serialize)]
pub struct Document {
    /// The file path or bundled name it was read from.
    pub name: String,
    /// The encoding it was read in.
    pub encoding: &'static str,
    /// The decoded source text; every span indexes into it.
    #[serde(skip)]
    pub source: String,
    /// Title, number, issuers, recipients, date, jurisdiction.
    pub meta: Metadata,
    /// The prose before the first numbered item (after the title), normalized.
    pub preamble: String,
    /// Group headings and prose sections, in document order.
    pub sections: Vec<Section>,
    /// The measures, in document order.
    pub measures: Vec<Measure>,
    /// Documents cited in 《》 (the document's own title excluded), first occurrence each.
    pub cited: Vec<Citation>,
    /// The annex title (附件：…), if there is an annex.
    pub annex_title: Option<String>,
    /// Annex entries: task-table rows, roster members and other annex text.
    pub annex: Vec<AnnexEntry>,
    /// Text after the last measure that belongs to no measure (signature, date, closing
    /// provisions), normalized, one paragraph each.
    pub closing: Vec<String>,
    /// Everything the parser noticed but could not settle: numbering gaps, repeated annex rows,
    /// a fallback to paragraphs.
    pub warnings: Vec<Warning>,
}

/// What the parser noticed but could not settle.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum WarningKind {
    /// Numbering that neither continues its siblings nor restarts at 1 (`1.` then `3.`).
    NumberingGap,
    /// The same number twice under one heading; the second gets an id with a suffix (`1.1-2`).
    NumberingRepeat,
    /// No numbered item at all: the paragraphs were taken as measures.
    ParagraphFallback,
    /// An annex table row printed twice (a page break repeats rows); kept once.
    AnnexRowRepeated,
    /// One annex row number used by two different tasks.
    AnnexNumberReused,
    /// Annex text after a table row that belongs to no column of the table.
    AnnexStrayText,
}

impl WarningKind {
    /// The kind's name in JSON (`numbering_gap`, `annex_row_repeated`…).
    pub fn as_str(self) -> &'static str {
        match self {
            WarningKind::NumberingGap => "numbering_gap",
            WarningKind::NumberingRepeat => "numbering_repeat",
            WarningKind::ParagraphFallback => "paragraph_fallback",
            WarningKind::AnnexRowRepeated => "annex_row_repeated",
            WarningKind::AnnexNumberReused => "annex_number_reused",
            WarningKind::AnnexStrayText => "annex_stray_text",
        }
    }
}

/// A warning of the parser: its kind, what it says, and where in the source.
///
/// In the JSON contract a warning is its message (`"warnings": [str]`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    /// What kind of thing was noticed.
    pub kind: WarningKind,
    /// The warning in words, for people.
    pub message: String,
    /// The 1-based line of the source it concerns, when it concerns one place.
    pub line: Option<usize>,
    /// The source span it concerns, when it concerns one place.
    pub span: Option<Span>,
}

impl Warning {
    /// A warning about `span` of `source`; the line is counted from the source.
    pub(crate) fn at(kind: WarningKind, message: String, source: &str, span: Span) -> Warning {
        let line = source.get(..span.start).map(|s| s.matches('\n').count() + 1);
        Warning {
            kind,
            message,
            line,
            span: Some(span),
        }
    }
}

impl std::fmt::Display for Warning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl Serialize for Warning {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.serialize_str(&self.message)
    }
}

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
    /// assert_eq!(doc.measures[0].mentions()[1].name, "市公安局");
    /// ```
    pub fn from_bytes(bytes: &[u8], name: &str) -> Result<Document> {
        let decoded = decode(bytes, name)?;
        Document::parse_text(decoded.text, name, decoded.encoding)
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
            closing: Vec::new(),
            warnings: Vec::new(),
        };
        parser::Parser::new(&norm, &source, &mut doc).run();
        doc.source = source;
        Ok(doc)
    }

    /// The source text of a span, or `None` for a span that is not one of this document's
    /// (out of bounds, or not on character boundaries).
    pub fn quote(&self, span: Span) -> Option<&str> {
        self.source.get(span.start..span.end)
    }

    /// The measure with this id.
    pub fn measure(&self, id: &str) -> Option<&Measure> {
        self.measures.iter().find(|m| m.id == id)
    }

    /// The annex's task rows.
    pub fn annex_tasks(&self) -> impl Iterator<Item = &AnnexTask> {
        self.annex.iter().filter_map(|e| match e {
            AnnexEntry::Task(t) => Some(t),
            _ => None,
        })
    }

    /// The annex's roster members.
    pub fn roster(&self) -> impl Iterator<Item = &RosterEntry> {
        self.annex.iter().filter_map(|e| match e {
            AnnexEntry::Member(m) => Some(m),
            _ => None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Document {
        Document::from_text(text, "test.txt").unwrap()
    }

    fn summary(doc: &Document) -> Vec<(String, String, String, Vec<String>)> {
        doc.measures
            .iter()
            .map(|m| {
                (
                    m.id.clone(),
                    m.label.clone(),
                    m.title.clone(),
                    m.mentions().iter().map(|x| x.text.clone()).collect(),
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
            ("2.1.2", "市场监管部门负责查处侵权行为")
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
        assert_eq!(doc.measures[0].mentions()[0].role, Role::Lead);
        assert_eq!(doc.measures[0].mentions()[1].role, Role::Supporting);
        assert_eq!(got[1].3, ["市委宣传部"]);
    }

    #[test]
    fn numbering_restarts_and_jumps() {
        let doc = parse("一、甲\n1.第一项。内容。\n2.第二项。内容。\n二、乙\n1.第三项。内容。\n3.第四项。内容。");
        let ids: Vec<&str> = doc.measures.iter().map(|m| m.id.as_str()).collect();
        assert_eq!(ids, ["1.1", "1.2", "2.1", "2.3"]);
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
        assert_eq!(ids, ["1.1", "1.1-2"]);
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
