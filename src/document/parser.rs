//! The parser: paragraphs to numbered items, their nesting and kinds, then measures, group
//! headings, the closing lines and the annex.

use super::clause;
use super::model::{Document, Measure, Section, Warning, WarningKind};
use super::subtask::{self, Found};
use super::text::Text;
use super::{annex, meta};
use crate::lexicon::numbering::{Marker, NumberingStyle, numbering_marker};
use crate::lexicon::{dates, orgs, page};
use crate::normalize::Normalized;
use crate::span::Span;
use std::ops::Range;

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

/// Parses one document: reads the normalized paragraphs, writes into the document.
pub(super) struct Parser<'a> {
    text: Text<'a>,
    doc: &'a mut Document,
}

impl<'a> Parser<'a> {
    pub(super) fn new(norm: &'a Normalized, source: &'a str, name: &'a str, doc: &'a mut Document) -> Parser<'a> {
        Parser {
            text: Text::new(norm, source, name),
            doc,
        }
    }

    fn para(&self, i: usize) -> &str {
        self.text.para(i)
    }

    fn span(&self, range: Range<usize>) -> Span {
        self.text.span(range)
    }

    /// Records a warning about paragraph `i`.
    fn warn(&mut self, kind: WarningKind, message: String, i: usize) {
        let span = self.span(self.text.norm.paragraphs[i].range.clone());
        self.doc.warnings.push(Warning {
            kind,
            message,
            line: Some(self.text.norm.paragraphs[i].line),
            span: Some(span),
        });
    }

    pub(super) fn run(&mut self) {
        let n = self.text.norm.paragraphs.len();
        let markers: Vec<Option<Marker>> = (0..n)
            .map(|i| {
                if self.text.is_page(i) {
                    None
                } else {
                    numbering_marker(self.para(i))
                }
            })
            .collect();
        let first_item = markers.iter().position(Option::is_some);
        // An 附件 line followed by the signature's date notes the attachments (附件说明, above
        // the signature); the annex starts at the next 附件 line.
        let is_note = |i: usize| {
            (i + 1..(i + 7).min(n))
                .take_while(|&j| !is_annex_heading(self.para(j)))
                .any(|j| dates::standalone_date(self.para(j)).is_some())
        };
        let annex_start = (first_item.map_or(1, |f| f + 1)..n)
            .find(|&i| is_annex_heading(self.para(i)) && !is_note(i))
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
            && let Some(t) = (last.para + 1..annex_start).find(|&i| self.text.is_page(i) || is_trailer(self.para(i)))
        {
            body_end = t;
        }
        for k in 0..items.len() {
            items[k].end = items.get(k + 1).map_or(body_end, |next| next.para);
        }

        (self.doc.meta, self.doc.cited) = meta::metadata(&self.text, head_end, body_end, annex_start);
        // Page chrome and the info table above the document: kept apart.
        for i in (0..head_end).filter(|&i| self.text.is_page(i)) {
            let p = self.text.written_para(i).to_owned();
            self.doc.page.push(p);
        }

        if items.is_empty() {
            self.fallback(0, body_end);
        } else {
            self.structure(&mut items);
            let end = self.emit(&items, body_end);
            self.closing(end, annex_start);
        }
        self.abbreviations(annex_start);
        if annex_start < n {
            self.annex(annex_start);
        }
    }

    /// Names the document defines for a body: in a clause (`，以下简称市双打办`, an alias not
    /// written inside the mention's own brackets), then in its text (`青禾市审批服务局（以下简称
    /// 市审批局）` in the preamble), before the annex. The first definition of a name holds.
    fn abbreviations(&mut self, annex_start: usize) {
        let mut found: Vec<(String, String)> = Vec::new();
        for m in self.doc.measures.iter().flat_map(|m| m.mentions()) {
            for a in m.aliases.iter().filter(|a| !m.text.contains(a.as_str())) {
                found.push((a.clone(), m.name.clone()));
            }
        }
        // The simplified text says whether a paragraph defines one (traditional 簡稱 included)
        // before its written form is made.
        for i in (0..annex_start).filter(|&i| self.para(i).contains("简称") || self.para(i).contains("下称")) {
            found.extend(clause::aliases_in_text(self.text.written_para(i)));
        }
        for (short, full) in found {
            if !self.doc.abbreviations.iter().any(|(s, _)| *s == short) {
                self.doc.abbreviations.push((short, full));
            }
        }
    }

    /// The annex, from paragraph `annex_start` on.
    fn annex(&mut self, annex_start: usize) {
        let start = self.span(self.text.norm.paragraphs[annex_start].range.clone()).start;
        let paragraphs: Vec<(Span, &str)> = self.text.norm.paragraphs[annex_start..]
            .iter()
            .map(|p| (self.span(p.range.clone()), self.text.written(p.range.clone())))
            .collect();
        let (title, entries, warnings) = annex::parse_annex(self.text.source, start, &paragraphs);
        self.doc.annex_title = title;
        self.doc.annex = entries;
        self.doc.warnings.extend(warnings);
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
                .all(|&c| (items[c].para..items[c].end).all(|p| clause::find_clauses(self.para(p)).is_empty()))
    }

    /// Emits measures and sections; returns where the body ends (prose after the last
    /// measure's clause closes the document).
    fn emit(&mut self, items: &[Item], body_end: usize) -> usize {
        let mut closing_from = body_end;
        let ids = self.ids(items);
        for (k, it) in items.iter().enumerate() {
            match it.kind {
                Kind::Folded => {}
                Kind::Group => {
                    let section = self.section(items, k, ids[k].clone());
                    self.doc.sections.push(section);
                }
                Kind::Measure => {
                    let (measure, closing, provision) = self.measure(items, k, ids[k].clone(), body_end);
                    closing_from = closing_from.min(closing);
                    self.doc.measures.push(measure);
                    self.doc.closing.extend(provision);
                }
            }
        }
        self.check_numbering(items);
        closing_from
    }

    /// The titles of the groups above item `k`, outermost first.
    fn path(&self, items: &[Item], k: usize) -> Vec<String> {
        ancestors(items, k)
            .map(|a| strip_final(&self.text.written_para(items[a].para)[items[a].marker.len..]).to_owned())
            .collect()
    }

    /// A group heading and its own prose (the paragraphs before its first child).
    fn section(&self, items: &[Item], k: usize, id: String) -> Section {
        let it = &items[k];
        let paras = &self.text.norm.paragraphs;
        let head = paras[it.para].range.clone();
        let heading = self.text.written(head.start + it.marker.len..head.end);
        let own_end = it.children.first().map_or(it.end, |&c| items[c].para);
        let (text_start, text_end) = if own_end > it.para + 1 {
            (paras[it.para + 1].range.start, paras[own_end - 1].range.end)
        } else {
            (head.end, head.end)
        };
        Section {
            id,
            label: self.doc_quote(head.start..head.start + it.marker.len),
            title: strip_final(heading).to_owned(),
            text: self.text.written(text_start..text_end).trim().to_owned(),
            level: it.level,
            path: self.path(items, k),
            span: self.span(head.start..text_end),
        }
    }

    /// A measure: its heading sentence, body and clauses, running to the end of its last
    /// descendant. Also returns the paragraph from which the document's closing starts when
    /// prose follows the last measure's last clause (`usize::MAX` otherwise), and a closing
    /// provision cut from the last measure's paragraph.
    fn measure(&self, items: &[Item], k: usize, id: String, body_end: usize) -> (Measure, usize, Option<String>) {
        let it = &items[k];
        let paras = &self.text.norm.paragraphs;
        let head = paras[it.para].range.clone();
        let after = head.start + it.marker.len;
        let mut last = k;
        while let Some(&c) = items[last].children.last() {
            last = c;
        }
        let end_para = items[last].end.min(body_end).max(it.para + 1);
        let mut end = paras[end_para - 1].range.end;
        let found = subtask::clauses_in(&self.text, it.para, end_para);
        let mut closing_from = usize::MAX;
        if let Some(f) = found.last()
            && f.para + 1 < end_para
            && end_para >= body_end
        {
            // Prose after the last measure's last clause closes the document.
            closing_from = f.para + 1;
            end = paras[f.para].range.end;
        }
        let (title_range, body_start) = self.heading(after..head.end, &found);
        let mut provision = None;
        if end_para >= body_end {
            // Closing provisions run into the last measure's paragraph (after its heading
            // sentence: an article may itself be a closing provision).
            let from = found.last().map_or(body_start, |f| f.range.end.max(body_start));
            if let Some((cut, text)) = self.closing_sentence(from..end.max(from)) {
                end = cut;
                provision = Some(text);
            }
        }
        let measure = Measure {
            id,
            label: self.doc_quote(head.start..after),
            style: Some(it.marker.style),
            title: self.text.written(title_range.clone()).trim().to_owned(),
            text: subtask::without_clauses(&self.text, body_start..end, &found),
            path: self.path(items, k),
            subtasks: subtask::subtasks(&self.text, after, &found),
            span: self.span(head.start..end),
            title_span: self.span(title_range),
        };
        (measure, closing_from, provision)
    }

    /// Where the first closing provision (`本措施自印发之日起施行…`) starts among the sentences of
    /// `range`, if one does; its text goes to the document's closing lines.
    fn closing_sentence(&self, range: Range<usize>) -> Option<(usize, String)> {
        let simple = self.text.simple(range.clone());
        let mut at = 0;
        while at < simple.len() {
            let end = simple[at..]
                .find('。')
                .map_or(simple.len(), |e| at + e + '。'.len_utf8());
            if page::is_closing_sentence(simple[at..end].trim_start()) {
                let cut = range.start + at;
                return Some((cut, self.text.written(cut..range.end).trim().to_owned()));
            }
            at = end;
        }
        None
    }

    /// The heading sentence of a measure whose heading paragraph's text (numbering left out)
    /// is `heading`: up to the first 。！？ or the first clause; and where the body starts.
    fn heading(&self, heading: Range<usize>, found: &[Found]) -> (Range<usize>, usize) {
        let simple = self.text.simple(heading.clone());
        let mut title_end = heading.start + simple.find(['。', '！', '？']).unwrap_or(simple.len());
        if let Some(f) = found.first().filter(|f| f.range.start < title_end) {
            title_end = f.range.start.max(heading.start);
        }
        let mut body_start = title_end;
        if let Some(c) = self.text.simplified[body_start..heading.end].chars().next()
            && "。！？".contains(c)
        {
            body_start += c.len_utf8();
        }
        (heading.start..title_end, body_start)
    }

    fn doc_quote(&self, range: Range<usize>) -> String {
        let s = self.span(range);
        self.text.source[s.start..s.end].trim().to_owned()
    }

    /// Ids from ordinal paths, `m` before a measure's and `s` before a section's (`m2.1.1`,
    /// `s2`: never a number to a spreadsheet or a CSV reader); repeats get a suffix and a
    /// warning.
    fn ids(&mut self, items: &[Item]) -> Vec<String> {
        let mut ids: Vec<String> = Vec::with_capacity(items.len());
        let mut taken: std::collections::HashSet<String> = std::collections::HashSet::with_capacity(items.len());
        for (k, it) in items.iter().enumerate() {
            let mut parts: Vec<String> = ancestors(items, k)
                .map(|a| items[a].marker.ordinal.to_string())
                .collect();
            parts.push(it.marker.ordinal.to_string());
            let prefix = if matches!(it.kind, Kind::Group) { "s" } else { "m" };
            let base = format!("{prefix}{}", parts.join("."));
            let mut id = base.clone();
            let mut n = 1;
            while taken.contains(&id) {
                n += 1;
                id = format!("{base}-{n}");
            }
            if n > 1 {
                let label = self.text.written_para(it.para)[..it.marker.len].to_owned();
                let message = format!("numbering {label} repeats under the same heading; id {id} given");
                self.warn(WarningKind::NumberingRepeat, message, it.para);
            }
            taken.insert(id.clone());
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
                let label = &self.text.written_para(it.para)[..it.marker.len];
                let after = prev_sibling
                    .or(prev_global)
                    .map_or("the start".to_owned(), |p| format!("number {p}"));
                let message = format!(
                    "numbering jumps to {label} after {after} (line {})",
                    self.text.norm.paragraphs[it.para].line
                );
                self.warn(WarningKind::NumberingGap, message, it.para);
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
        let start = (from..to)
            .find(|&i| !self.text.is_page(i) && self.is_prose(i))
            .unwrap_or(to);
        let mut count = 0;
        let mut trailer = to;
        for i in start..to {
            if i > start && (self.text.is_page(i) || is_trailer(self.para(i))) {
                trailer = i;
                break;
            }
            count += 1;
            let range = self.text.norm.paragraphs[i].range.clone();
            let found = subtask::clauses_in(&self.text, i, i + 1);
            let (title_range, body_start) = self.heading(range.clone(), &found);
            let measure = Measure {
                id: format!("p{count}"),
                label: String::new(),
                style: None,
                title: self.text.written(title_range.clone()).to_owned(),
                text: subtask::without_clauses(&self.text, body_start..range.end, &found),
                path: Vec::new(),
                subtasks: subtask::subtasks(&self.text, range.start, &found),
                span: self.span(range.clone()),
                title_span: self.span(title_range),
            };
            self.doc.measures.push(measure);
        }
        self.closing(trailer, to);
        self.doc.warnings.push(Warning {
            kind: WarningKind::ParagraphFallback,
            message: format!("no numbered items found: {count} paragraphs taken as measures"),
            line: None,
            span: None,
        });
    }

    fn is_prose(&self, i: usize) -> bool {
        let t = self.para(i);
        t.chars().count() > 30 && t.contains('。')
    }

    /// The paragraphs `from..to` after the body: page chrome to `page`, the rest to `closing`.
    fn closing(&mut self, from: usize, to: usize) {
        for i in from..to {
            let p = self.text.written_para(i).to_owned();
            if self.text.is_page(i) {
                self.doc.page.push(p);
            } else {
                self.doc.closing.push(p);
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

fn is_annex_heading(s: &str) -> bool {
    let rest = s.strip_prefix("附件").or_else(|| s.strip_prefix("附表"));
    rest.is_some_and(|r| {
        let r = r.trim_start_matches(|c: char| c.is_ascii_digit());
        (r.is_empty() || r.starts_with('：') || r.starts_with('.')) && s.chars().count() <= 60
    })
}

/// Does this paragraph close the document (date, signature, colophon, distribution list)?
fn is_trailer(s: &str) -> bool {
    dates::standalone_date(s).is_some()
        || is_annex_heading(s)
        || page::is_closing_line(s)
        || page::chrome(s).is_some()
        || (s.ends_with("印发") && s.chars().count() <= 60)
        || (s.starts_with('（') && s.ends_with('）') && s.chars().count() <= 12 && clause::find_clauses(s).is_empty())
        || (orgs::is_org_name(s) && clause::find_clauses(s).is_empty())
}
