//! What a parsed document is made of: measures, clauses and mentions, sections, metadata,
//! citations, annex entries and warnings.

use crate::lexicon::numbering::NumberingStyle;
use crate::lexicon::roles::Role;
use crate::span::Span;
use serde::Serialize;

/// An agency named in a responsibility clause, as written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Mention {
    /// The mention as written (normalized), aliases included: `区市场监管局（知识产权局）`.
    pub text: String,
    /// The body's main name: `区市场监管局`.
    pub name: String,
    /// Other names of the same body given in brackets (`知识产权局`) or defined after it
    /// (`，以下简称市双打办` gives `市双打办`).
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

/// A part of a measure and the clause that assigns it: annual 工作要点 put a clause after each
/// group of sentences (`…完善配套制度。（发展改革委、工业和信息化部按职责分工负责）推进修订…。（司法部牵头…）`).
/// A measure with one clause at its end has one subtask, its whole text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Subtask {
    /// The sentences the clause follows (since the previous clause, or the measure's heading),
    /// normalized, the clause left out.
    pub text: String,
    /// Byte span of the sentences and the clause in the source text.
    pub span: Span,
    /// The clause.
    pub clause: Clause,
}

/// A measure: a numbered item with a heading sentence and a body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Measure {
    /// Unique in the document, stable across runs: `m` and the ordinals of the item and its
    /// enclosing numbered items (`m2.1.1` for 二、 > （一） > 1.), or `p3` for the third paragraph
    /// of an unnumbered document. Never numeric, so that CSV readers keep it a string.
    pub id: String,
    /// The numbering as written in the source: `1.`, `（一）`, `( 六)`, `第三条`.
    pub label: String,
    /// The numbering style.
    pub style: Option<NumberingStyle>,
    /// The heading sentence without its numbering and final punctuation.
    pub title: String,
    /// The body (normalized) without the heading and without its responsibility clauses.
    pub text: String,
    /// The titles of the enclosing group headings, outermost first.
    pub path: Vec<String>,
    /// Its clauses, each with the sentences it assigns, in order; empty when no body is named.
    pub subtasks: Vec<Subtask>,
    /// Byte span of the whole measure (numbering to clause) in the source text.
    pub span: Span,
    /// Byte span of the heading sentence in the source text.
    pub title_span: Span,
}

impl Measure {
    /// Its responsibility clauses, in order.
    pub fn clauses(&self) -> impl Iterator<Item = &Clause> + Clone + '_ {
        self.subtasks.iter().map(|s| &s.clause)
    }

    /// The mentions of all its clauses, in order (the union of its subtasks' mentions).
    pub fn mentions(&self) -> impl Iterator<Item = &Mention> + Clone + '_ {
        self.clauses().flat_map(|c| &c.mentions)
    }

    /// The mentions with the index of the subtask each belongs to.
    pub fn mentions_by_subtask(&self) -> impl Iterator<Item = (usize, &Mention)> + '_ {
        self.subtasks
            .iter()
            .enumerate()
            .flat_map(|(k, s)| s.clause.mentions.iter().map(move |m| (k, m)))
    }

    /// The clauses' text as written, one after the other (`None` without a clause).
    pub fn clause_text(&self) -> Option<String> {
        (!self.subtasks.is_empty()).then(|| self.clauses().map(|c| c.text.as_str()).collect())
    }
}

/// A numbered item that is not a measure: a group heading, or a section of prose.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Section {
    /// Built like measure ids, from the ordinals of the item and its ancestors, with `s`
    /// before them (`s2`).
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
    /// The jurisdiction: 相山区, 惠州市, 全国 for a national document.
    pub jurisdiction: Option<String>,
    /// Where the jurisdiction was read.
    pub jurisdiction_source: Option<JurisdictionSource>,
    /// 发布日期 of a web page's info table, ISO 8601: when the document was put online.
    pub published: Option<String>,
}

/// Where a document's jurisdiction was read, most reliable first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum JurisdictionSource {
    /// An issuing body's name (`惠州市人民政府办公室`), or a central body (`国务院办公厅` → 全国).
    Issuer,
    /// The title (`相山区关于…`).
    Title,
    /// The document number's prefix (`琼府办` → 海南省, `国办发` → 全国).
    DocNumber,
    /// The file name (`2021_惠城区_措施.txt`).
    FileName,
}

impl JurisdictionSource {
    /// The source's name in JSON and reports (`issuer`, `title`, `doc_number`, `file_name`).
    pub fn as_str(self) -> &'static str {
        match self {
            JurisdictionSource::Issuer => "issuer",
            JurisdictionSource::Title => "title",
            JurisdictionSource::DocNumber => "doc_number",
            JurisdictionSource::FileName => "file_name",
        }
    }
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
    /// Page chrome of a web page saved as text (breadcrumbs, view counts, print buttons, related
    /// links, the footer) and the site's info table, normalized, one line each: never a title,
    /// an issuer or a measure, kept so that nothing is dropped.
    pub page: Vec<String>,
    /// Names defined in the document for a body (`以下简称市双打办`): `(short, full)`.
    pub abbreviations: Vec<(String, String)>,
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
    /// A malformed byte sequence of a UTF-8 input, replaced by U+FFFD.
    InvalidBytes,
    /// The text looks like several documents in one file (its title or number repeats).
    SeveralDocuments,
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
            WarningKind::InvalidBytes => "invalid_bytes",
            WarningKind::SeveralDocuments => "several_documents",
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

/// Where the lines of a source start, to number the line of any offset in `O(log n)`.
pub(crate) struct Lines(Vec<usize>);

impl Lines {
    /// The line index of `source`.
    pub(crate) fn of(source: &str) -> Lines {
        Lines(source.match_indices('\n').map(|(i, _)| i).collect())
    }

    /// The 1-based line of byte `offset`.
    pub(crate) fn line(&self, offset: usize) -> usize {
        self.0.partition_point(|&nl| nl < offset) + 1
    }
}

impl Warning {
    /// A warning about `span` of a source whose line index is `lines`.
    pub(crate) fn at(kind: WarningKind, message: String, lines: &Lines, span: Span) -> Warning {
        Warning {
            kind,
            message,
            line: Some(lines.line(span.start)),
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

/// A row of an annex task table (序号 / 主要任务 / 责任单位).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AnnexTask {
    /// The row number as printed.
    pub number: u32,
    /// The task's name.
    pub task: String,
    /// What the task involves.
    pub description: String,
    /// The deadline, from a column the table's header names (完成时限, 完成时间, 时间节点).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub deadline: Option<String>,
    /// The responsible units, parsed as clause mentions (role `responsible`, or `lead` and
    /// `supporting` in columns headed 牵头单位 and 配合单位).
    pub units: Vec<Mention>,
    /// Byte span of the row in the source.
    pub span: Span,
}

/// A member of a roster (成员名单): name, agency and post.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RosterEntry {
    /// The member's role in the body the roster lists (召集人, 成员…), when printed.
    pub role: Option<String>,
    /// The person's name, spaces removed.
    pub name: String,
    /// The agency the member comes from (区法院), when it can be told from the post.
    pub agency: String,
    /// The post (党组成员、副院长).
    pub post: String,
    /// Byte span of the line in the source.
    pub span: Span,
}

/// Annex text that is neither a task nor a roster entry, kept so that nothing is dropped.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AnnexNote {
    /// The text, normalized.
    pub text: String,
    /// Byte span in the source.
    pub span: Span,
}

/// One entry of an annex.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[non_exhaustive]
pub enum AnnexEntry {
    /// A row of a task table.
    Task(AnnexTask),
    /// A roster member.
    Member(RosterEntry),
    /// Other text.
    Note(AnnexNote),
}

impl Document {
    /// The source text of a span, or `None` for a span that is not one of this document's
    /// (out of bounds, or not on character boundaries).
    pub fn quote(&self, span: Span) -> Option<&str> {
        self.source.get(span.start..span.end)
    }

    /// The file stem of its name (`xiangshan` for `corpus/xiangshan.txt`), or the name as given:
    /// how CSV rows, display names and graph ids name the document, whatever the path.
    pub fn file_stem(&self) -> String {
        std::path::Path::new(&self.name)
            .file_stem()
            .map_or_else(|| self.name.clone(), |s| s.to_string_lossy().into_owned())
    }

    /// The measure with this id.
    pub fn measure(&self, id: &str) -> Option<&Measure> {
        self.measures.iter().find(|m| m.id == id)
    }

    /// The index of the measure with this id, looked for first at `hint` (where an alignment
    /// puts it, [`Pair::left_index`](crate::Pair::left_index)).
    pub(crate) fn index_of(&self, hint: usize, id: &str) -> Option<usize> {
        match self.measures.get(hint) {
            Some(m) if m.id == id => Some(hint),
            _ => self.measures.iter().position(|m| m.id == id),
        }
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
