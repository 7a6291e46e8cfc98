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
mod numbering;

pub use annex::{AnnexEntry, AnnexNote, AnnexTask, RosterEntry};
pub use clause::Role;
pub(crate) use clause::starts_with_role_label;
pub(crate) use meta::{jurisdiction_of, place_prefix, standalone_date, standalone_doc_number};
pub use numbering::NumberingStyle;
pub(crate) use numbering::numbering_marker;

use crate::Span;
use crate::decode::decode;
use crate::error::{Error, Location, Result};
use crate::normalize::{Normalized, normalize};
use numbering::Marker;
use serde::Serialize;
use std::ops::Range;
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
    pub warnings: Vec<String>,
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
        Parser {
            norm: &norm,
            source: &source,
            doc: &mut doc,
        }
        .run();
        doc.source = source;
        Ok(doc)
    }

    /// The source text of a span.
    pub fn quote(&self, span: Span) -> &str {
        self.source.get(span.start..span.end).unwrap_or("")
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

/// Builds mentions from raw clause mentions; `map` turns a range of `text` into a source span.
pub(crate) fn build_mentions(
    text: &str,
    raw: Vec<clause::RawMention>,
    map: impl Fn(Range<usize>) -> Span,
) -> Vec<Mention> {
    raw.into_iter()
        .map(|m| Mention {
            text: text[m.range.clone()].to_owned(),
            name: text[m.name].to_owned(),
            aliases: m.aliases.into_iter().map(|a| text[a].to_owned()).collect(),
            role: m.role,
            span: map(m.range),
        })
        .collect()
}

/// A numbered item during parsing.
struct Item {
    para: usize,
    marker: Marker,
    level: usize,
    parent: Option<usize>,
    children: Vec<usize>,
    /// Paragraphs after the heading paragraph up to the next item (exclusive end).
    end: usize,
    kind: Kind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Measure,
    /// Folded into the body of a measure above it.
    Folded,
    Group,
}

struct Parser<'a> {
    norm: &'a Normalized,
    source: &'a str,
    doc: &'a mut Document,
}

impl Parser<'_> {
    fn para(&self, i: usize) -> &str {
        self.norm.paragraph_text(&self.norm.paragraphs[i])
    }

    fn span(&self, range: Range<usize>) -> Span {
        self.norm.source_span(range, self.source)
    }

    fn run(&mut self) {
        let n = self.norm.paragraphs.len();
        let markers: Vec<Option<Marker>> = (0..n).map(|i| numbering_marker(self.para(i))).collect();
        let first_item = markers.iter().position(Option::is_some);
        let annex_start = (first_item.map_or(1, |f| f + 1)..n)
            .find(|&i| is_annex_heading(self.para(i)))
            .unwrap_or(n);
        let head_end = first_item.unwrap_or(n).min(annex_start);

        let mut items: Vec<Item> = (head_end..annex_start)
            .filter_map(|i| {
                markers[i].map(|marker| Item {
                    para: i,
                    marker,
                    level: 0,
                    parent: None,
                    children: Vec::new(),
                    end: 0,
                    kind: Kind::Group,
                })
            })
            .collect();

        // Where the last item ends: at the first paragraph that closes the document.
        let mut body_end = annex_start;
        if let Some(last) = items.last()
            && let Some(t) = (last.para + 1..annex_start).find(|&i| is_trailer(self.para(i)))
        {
            body_end = t;
        }
        for k in 0..items.len() {
            items[k].end = items.get(k + 1).map_or(body_end, |next| next.para);
        }

        self.metadata(head_end, body_end, annex_start);

        if items.is_empty() {
            self.fallback(0, body_end);
        } else {
            self.structure(&mut items);
            let end = self.emit(&items, body_end);
            self.closing(end, annex_start);
        }
        if annex_start < n {
            let start = self.span(self.norm.paragraphs[annex_start].range.clone()).start;
            let paragraphs: Vec<(Span, String)> = self.norm.paragraphs[annex_start..]
                .iter()
                .map(|p| (self.span(p.range.clone()), self.norm.paragraph_text(p).to_owned()))
                .collect();
            let (title, entries, warnings) = annex::parse_annex(self.source, start, &paragraphs);
            self.doc.annex_title = title;
            self.doc.annex = entries;
            self.doc.warnings.extend(warnings);
        }
    }

    /// Levels, parents and kinds of the items.
    fn structure(&mut self, items: &mut [Item]) {
        // Styles in order of first appearance; the 第X styles keep their fixed order among themselves.
        let mut order: Vec<NumberingStyle> = Vec::new();
        for it in items.iter() {
            if !order.contains(&it.marker.style) {
                order.push(it.marker.style);
            }
        }
        let fixed_slots: Vec<usize> = (0..order.len()).filter(|&k| order[k].fixed_rank().is_some()).collect();
        let mut fixed: Vec<NumberingStyle> = fixed_slots.iter().map(|&k| order[k]).collect();
        fixed.sort_by_key(|s| s.fixed_rank());
        for (slot, style) in fixed_slots.into_iter().zip(fixed) {
            order[slot] = style;
        }
        let mut stack: Vec<usize> = Vec::new();
        for k in 0..items.len() {
            let level = order.iter().position(|&s| s == items[k].marker.style).unwrap_or(0);
            items[k].level = level;
            while stack.last().is_some_and(|&top| items[top].level >= level) {
                stack.pop();
            }
            if let Some(&parent) = stack.last() {
                items[k].parent = Some(parent);
                items[parent].children.push(k);
            }
            stack.push(k);
        }
        let max_level = items.iter().map(|it| it.level).max().unwrap_or(0);
        let has_articles = items.iter().any(|it| it.marker.style == NumberingStyle::Article);
        for k in 0..items.len() {
            let folded = items[k]
                .parent
                .is_some_and(|p| matches!(items[p].kind, Kind::Measure | Kind::Folded));
            items[k].kind = if folded {
                Kind::Folded
            } else if has_articles {
                if items[k].marker.style == NumberingStyle::Article {
                    Kind::Measure
                } else {
                    Kind::Group
                }
            } else if items[k].marker.style == NumberingStyle::Circled && items[k].parent.is_some() {
                Kind::Folded
            } else if items[k].children.is_empty() {
                let bare = self.is_bare_heading(&items[k]);
                if bare && items[k].level == 0 && max_level > 0 {
                    Kind::Group
                } else {
                    Kind::Measure
                }
            } else if !self.is_bare_heading(&items[k]) && self.children_are_enumeration(items, k) {
                Kind::Measure
            } else {
                Kind::Group
            };
        }
    }

    /// Is the item's heading paragraph a title alone (no sentence ends in it)?
    fn is_bare_heading(&self, it: &Item) -> bool {
        let rest = &self.para(it.para)[it.marker.len..];
        let rest = rest.trim_end_matches(['。', '；', '：']);
        !rest.contains(['。', '！', '？'])
    }

    /// Are the children of item `k` an enumeration inside it (leaves, and no clause but on the last)?
    fn children_are_enumeration(&self, items: &[Item], k: usize) -> bool {
        let ch = &items[k].children;
        ch.iter().all(|&c| items[c].children.is_empty())
            && ch[..ch.len() - 1]
                .iter()
                .all(|&c| (items[c].para..items[c].end).all(|p| clause::find_clause(self.para(p)).is_none()))
    }

    /// Emits measures and sections; returns where the body ends (prose after the last
    /// measure's clause closes the document).
    fn emit(&mut self, items: &[Item], body_end: usize) -> usize {
        let mut closing_from = body_end;
        let ids = self.ids(items);
        let paras = &self.norm.paragraphs;
        for (k, it) in items.iter().enumerate() {
            let head = paras[it.para].range.clone();
            let label_range = head.start..head.start + it.marker.len;
            let label = self.doc_quote(label_range.clone());
            let after = head.start + it.marker.len;
            let heading = &self.norm.text[after..head.end];
            match it.kind {
                Kind::Folded => continue,
                Kind::Group => {
                    // A group's own prose: paragraphs before its first child.
                    let own_end = it.children.first().map_or(it.end, |&c| items[c].para);
                    let text_start = if own_end > it.para + 1 {
                        paras[it.para + 1].range.start
                    } else {
                        head.end
                    };
                    let text_end = if own_end > it.para + 1 {
                        paras[own_end - 1].range.end
                    } else {
                        head.end
                    };
                    self.doc.sections.push(Section {
                        id: ids[k].clone(),
                        label,
                        title: strip_final(heading).to_owned(),
                        text: self.norm.text[text_start..text_end].trim().to_owned(),
                        level: it.level,
                        path: ancestors(items, k)
                            .map(|a| strip_final(&self.para(items[a].para)[items[a].marker.len..]).to_owned())
                            .collect(),
                        span: self.span(head.start..text_end),
                    });
                }
                Kind::Measure => {
                    // The measure runs to the end of its last descendant.
                    let mut last = k;
                    while let Some(&c) = items[last].children.last() {
                        last = c;
                    }
                    let end_para = items[last].end.min(body_end).max(it.para + 1);
                    let end = paras[end_para - 1].range.end;
                    let title_len = heading.find(['。', '！', '？']).unwrap_or(heading.len());
                    let title_range = after..after + title_len;
                    let mut body_start = title_range.end;
                    if let Some(c) = self.norm.text[body_start..end].chars().next()
                        && "。！？".contains(c)
                    {
                        body_start += c.len_utf8();
                    }
                    let (clause, clause_start, clause_para) = self.clause_in(it.para, end_para);
                    let mut text = self.norm.text[body_start..clause_start.unwrap_or(end).max(body_start)]
                        .trim()
                        .to_owned();
                    let mut end = end;
                    if clause.is_some() && clause_para + 1 < end_para {
                        // Prose after the clause: after the last measure it closes the
                        // document; elsewhere it stays in the measure's text.
                        if end_para >= body_end {
                            closing_from = (clause_para + 1).min(closing_from);
                            end = paras[clause_para].range.end;
                        } else {
                            let rest = &self.norm.text[paras[clause_para + 1].range.start..end];
                            text.push('\n');
                            text.push_str(rest.trim());
                        }
                    }
                    self.doc.measures.push(Measure {
                        id: ids[k].clone(),
                        label,
                        style: Some(it.marker.style),
                        title: self.norm.text[title_range.clone()].trim().to_owned(),
                        text,
                        path: ancestors(items, k)
                            .map(|a| strip_final(&self.para(items[a].para)[items[a].marker.len..]).to_owned())
                            .collect(),
                        clause,
                        span: self.span(head.start..end),
                        title_span: self.span(title_range),
                    });
                }
            }
        }
        self.check_numbering(items);
        closing_from
    }

    fn doc_quote(&self, range: Range<usize>) -> String {
        let s = self.span(range);
        self.source[s.start..s.end].trim().to_owned()
    }

    /// The clause in paragraphs `from..to` (the last paragraph that ends with one), and the
    /// normalized offset where the measure's text stops.
    fn clause_in(&self, from: usize, to: usize) -> (Option<Clause>, Option<usize>, usize) {
        for p in (from..to).rev() {
            let range = self.norm.paragraphs[p].range.clone();
            let text = &self.norm.text[range.clone()];
            let local = match clause::find_clause(text) {
                // A clause paragraph must not be the measure's heading itself.
                Some(r) if !(p == from && r.start == 0) => r,
                _ => continue,
            };
            let abs = range.start + local.start..range.start + local.end;
            let clause_text = &self.norm.text[abs.clone()];
            let raw = clause::parse_mentions(clause_text);
            let mentions = build_mentions(clause_text, raw, |r| self.span(abs.start + r.start..abs.start + r.end));
            let clause = Clause {
                text: clause_text.to_owned(),
                mentions,
                span: self.span(abs.clone()),
            };
            return (Some(clause), Some(abs.start), p);
        }
        (None, None, to)
    }

    /// Ids from ordinal paths; repeats get a suffix and a warning.
    fn ids(&mut self, items: &[Item]) -> Vec<String> {
        let mut ids: Vec<String> = Vec::with_capacity(items.len());
        for (k, it) in items.iter().enumerate() {
            let mut parts: Vec<String> = ancestors(items, k)
                .map(|a| items[a].marker.ordinal.to_string())
                .collect();
            parts.push(it.marker.ordinal.to_string());
            let base = parts.join(".");
            let mut id = base.clone();
            let mut n = 1;
            while ids.contains(&id) {
                n += 1;
                id = format!("{base}-{n}");
            }
            if n > 1 {
                let label = self.para(it.para)[..it.marker.len].to_owned();
                self.doc.warnings.push(format!(
                    "numbering {label} repeats under the same heading; id {id} given"
                ));
            }
            ids.push(id);
        }
        ids
    }

    /// Warns where numbering neither continues its siblings nor the previous item of its style,
    /// nor restarts at 1.
    fn check_numbering(&mut self, items: &[Item]) {
        let mut last_of_style: Vec<(NumberingStyle, u32)> = Vec::new();
        for (k, it) in items.iter().enumerate() {
            let style = it.marker.style;
            let prev_sibling = items[..k]
                .iter()
                .rev()
                .find(|o| o.parent == it.parent && o.marker.style == style)
                .map(|o| o.marker.ordinal);
            let prev_global = last_of_style.iter().find(|(s, _)| *s == style).map(|&(_, o)| o);
            let ord = it.marker.ordinal;
            let fine = ord <= 1 || prev_sibling == Some(ord - 1) || prev_global == Some(ord - 1);
            if !fine && it.kind != Kind::Folded {
                let label = &self.para(it.para)[..it.marker.len];
                let after = prev_sibling
                    .or(prev_global)
                    .map_or("the start".to_owned(), |p| format!("number {p}"));
                self.doc.warnings.push(format!(
                    "numbering jumps to {label} after {after} (line {})",
                    self.norm.paragraphs[it.para].line
                ));
            }
            match last_of_style.iter_mut().find(|(s, _)| *s == style) {
                Some(slot) => slot.1 = ord,
                None => last_of_style.push((style, ord)),
            }
        }
    }

    /// No numbering: the paragraphs of the body become measures.
    fn fallback(&mut self, from: usize, to: usize) {
        // Skip the head: title, number, recipients, up to the first paragraph that is prose.
        let start = (from..to).find(|&i| self.is_prose(i)).unwrap_or(to);
        let mut count = 0;
        let mut trailer = to;
        for (i, para) in self.norm.paragraphs.iter().enumerate().take(to).skip(start) {
            if i > start && is_trailer(self.para(i)) {
                trailer = i;
                break;
            }
            count += 1;
            let range = para.range.clone();
            let text = self.para(i);
            let title_len = text.find(['。', '！', '？']).unwrap_or(text.len());
            let (clause, text_end, _) = self.clause_in(i, i + 1);
            let body_start =
                (range.start + title_len + text[title_len..].chars().next().map_or(0, char::len_utf8)).min(range.end);
            let text_end = text_end.unwrap_or(range.end).max(body_start);
            self.doc.measures.push(Measure {
                id: format!("p{count}"),
                label: String::new(),
                style: None,
                title: text[..title_len].to_owned(),
                text: self.norm.text[body_start..text_end].trim().to_owned(),
                path: Vec::new(),
                clause,
                span: self.span(range.clone()),
                title_span: self.span(range.start..range.start + title_len),
            });
        }
        if trailer < to {
            let rest: Vec<String> = (trailer..to).map(|i| self.para(i).to_owned()).collect();
            self.doc.closing.extend(rest);
        }
        self.doc
            .warnings
            .push(format!("no numbered items found: {count} paragraphs taken as measures"));
    }

    fn is_prose(&self, i: usize) -> bool {
        let t = self.para(i);
        t.chars().count() > 30 && t.contains('。')
    }

    fn closing(&mut self, body_end: usize, annex_start: usize) {
        let rest: Vec<String> = (body_end..annex_start).map(|i| self.para(i).to_owned()).collect();
        self.doc.closing.extend(rest);
    }

    fn metadata(&mut self, head_end: usize, body_end: usize, annex_start: usize) {
        let head: Vec<usize> = (0..head_end).collect();
        let mut meta = Metadata::default();
        meta.doc_number = head.iter().find_map(|&i| meta::standalone_doc_number(self.para(i)));

        // Transmittal notice: 印发《X》的通知.
        let notice = head.iter().copied().find(|&i| {
            let t = self.para(i);
            (t.contains("印发《") || t.contains("转发《")) && t.ends_with("通知") && t.chars().count() <= 120
        });
        let mut title_para = None;
        if let Some(i) = notice {
            let t = self.para(i);
            meta.notice_title = Some(t.to_owned());
            let inner = meta::citations(t).into_iter().next().map(|c| c.0);
            title_para = head
                .iter()
                .copied()
                .find(|&j| j != i && Some(self.para(j)) == inner.as_deref());
            meta.title = inner.unwrap_or_else(|| t.to_owned());
        }
        if title_para.is_none() && notice.is_none() {
            title_para = head
                .iter()
                .copied()
                .find(|&i| meta::is_title_like(self.para(i)) && meta::standalone_doc_number(self.para(i)).is_none())
                .or_else(|| {
                    head.iter()
                        .copied()
                        .find(|&i| meta::standalone_doc_number(self.para(i)).is_none())
                });
            if let Some(i) = title_para {
                meta.title = self.para(i).to_owned();
            }
        }
        if meta.title.is_empty() {
            meta.title = self.doc.name.rsplit(['/', '\\']).next().unwrap_or_default().to_owned();
        }

        // Recipients (主送): the first short line of the head that ends in ：and lists bodies.
        if let Some(i) = head.iter().copied().filter(|&i| Some(i) != title_para).find(|&i| {
            let t = self.para(i);
            t.ends_with('：')
                && t.chars().count() <= 150
                && (t.starts_with('各') || t.contains(['，', '、']))
                && !["为", "根据", "附件", "按照"].iter().any(|w| t.starts_with(w))
        }) {
            let t = self.para(i);
            let t = &t[..t.len() - '：'.len_utf8()];
            meta.recipients = split_list(t);
        }

        // Date: a date alone on its line, in the head, then after the body.
        let date_para = head
            .iter()
            .copied()
            .chain(body_end..annex_start)
            .find(|&i| meta::standalone_date(self.para(i)).is_some());
        meta.date = date_para.and_then(|i| meta::standalone_date(self.para(i)));

        // Issuers: the signature lines above the date, else the notice's or the title's prefix.
        if let Some(d) = date_para {
            let mut sig = Vec::new();
            let mut i = d;
            while i > 0 && meta::is_org_name(self.para(i - 1)) && Some(i - 1) != title_para {
                i -= 1;
                sig.push(i);
            }
            sig.reverse();
            for i in sig {
                let s = self.span(self.norm.paragraphs[i].range.clone());
                meta.issuers.extend(meta::split_issuers(&self.source[s.start..s.end]));
            }
        }
        if meta.issuers.is_empty() {
            let from = notice.or(title_para);
            if let Some(i) = from {
                let t = self.para(i);
                if let Some(cut) = ["印发《", "转发《", "关于"]
                    .iter()
                    .filter_map(|w| t.find(w))
                    .min()
                    .filter(|&c| c > 0)
                {
                    let s = self.span(self.norm.paragraphs[i].range.start..self.norm.paragraphs[i].range.start + cut);
                    meta.issuers = meta::split_issuers(&self.source[s.start..s.end]);
                }
            }
        }
        meta.jurisdiction = meta
            .issuers
            .iter()
            .chain(std::iter::once(&meta.title))
            .find_map(|b| meta::jurisdiction_of(b));

        // Citations across the head and the body, the document's own title excluded.
        let own = [Some(meta.title.clone()), meta.notice_title.clone()];
        self.doc.meta = meta;
        let end = if annex_start < self.norm.paragraphs.len() {
            self.norm.paragraphs[annex_start].range.start
        } else {
            self.norm.text.len()
        };
        for (title, number, range) in meta::citations(&self.norm.text[..end]) {
            if own.iter().flatten().any(|o| *o == title) {
                continue;
            }
            match self.doc.cited.iter_mut().find(|c| c.title == title) {
                Some(c) => {
                    if c.doc_number.is_none() {
                        c.doc_number = number;
                    }
                }
                None => self.doc.cited.push(Citation {
                    title,
                    doc_number: number,
                    span: self.norm.source_span(range, self.source),
                }),
            }
        }
    }
}

fn ancestors(items: &[Item], k: usize) -> impl Iterator<Item = usize> {
    let mut chain = Vec::new();
    let mut p = items[k].parent;
    while let Some(a) = p {
        chain.push(a);
        p = items[a].parent;
    }
    chain.into_iter().rev()
}

fn strip_final(s: &str) -> &str {
    s.trim_end_matches(['。', '；', '：', '，']).trim()
}

/// Splits a list on `，` and `、` outside brackets.
fn split_list(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut depth = 0i32;
    let mut cur = String::new();
    for c in s.chars() {
        match c {
            '（' => depth += 1,
            '）' => depth -= 1,
            _ => {}
        }
        if depth == 0 && (c == '，' || c == '、') {
            if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
        } else {
            cur.push(c);
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

fn is_annex_heading(s: &str) -> bool {
    let rest = s.strip_prefix("附件").or_else(|| s.strip_prefix("附表"));
    rest.is_some_and(|r| {
        let r = r.trim_start_matches(|c: char| c.is_ascii_digit());
        (r.is_empty() || r.starts_with('：') || r.starts_with('.')) && s.chars().count() <= 60
    })
}

/// Does this paragraph close the document (date, signature, colophon, distribution list)?
fn is_trailer(s: &str) -> bool {
    meta::standalone_date(s).is_some()
        || ["抄送", "抄报", "主题词", "联系人"].iter().any(|w| s.starts_with(w))
        || (s.ends_with("印发") && s.chars().count() <= 60)
        || (s.starts_with('（') && s.ends_with('）') && s.chars().count() <= 12 && clause::find_clause(s).is_none())
        || (meta::is_org_name(s) && clause::find_clause(s).is_none())
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
        assert!(doc.warnings[0].contains("numbering jumps to 3."), "{:?}", doc.warnings);
    }

    #[test]
    fn repeated_numbers_get_distinct_ids() {
        let doc = parse("一、甲\n1.第一项。内容。\n1.又一项。内容。");
        let ids: Vec<&str> = doc.measures.iter().map(|m| m.id.as_str()).collect();
        assert_eq!(ids, ["1.1", "1.1-2"]);
        assert!(doc.warnings.iter().any(|w| w.contains("repeats")));
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
