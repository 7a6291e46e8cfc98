//! A document's outline as text, and two outlines side by side.

use crate::document::{AnnexEntry, Document, Measure, Mention, Role, Section};
use crate::span::Span;
use std::fmt::Write as _;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// The outline of a document as an indented tree: metadata, then group headings and measures
/// in document order with their ids and responsible agencies, then the annex and warnings.
pub(super) fn outline(doc: &Document) -> String {
    let mut out = String::new();
    let m = &doc.meta;
    let _ = writeln!(out, "{}", m.title);
    let mut facts = Vec::new();
    if let Some(n) = &m.doc_number {
        facts.push(format!("number {n}"));
    }
    if let Some(d) = &m.date {
        facts.push(format!("date {d}"));
    }
    if let Some(j) = &m.jurisdiction {
        facts.push(format!("jurisdiction {j}"));
    }
    facts.push(super::view::count(doc.measures.len(), "measure"));
    facts.push(doc.encoding.to_owned());
    let _ = writeln!(out, "  {}", facts.join(" | "));
    if !m.issuers.is_empty() {
        let _ = writeln!(out, "  issuers: {}", m.issuers.join("；"));
    }
    if !m.recipients.is_empty() {
        let _ = writeln!(out, "  recipients: {}", m.recipients.join("；"));
    }
    for c in &doc.cited {
        let number = c.doc_number.as_deref().map(|n| format!("（{n}）")).unwrap_or_default();
        let _ = writeln!(out, "  cites: 《{}》{number}", c.title);
    }
    out.push('\n');
    tree(&mut out, doc);
    annex_and_warnings(&mut out, doc);
    out
}

/// Group headings and measures in document order, indented by depth.
fn tree(out: &mut String, doc: &Document) {
    enum Node<'a> {
        Section(&'a Section),
        Measure(&'a Measure),
    }
    let mut nodes: Vec<(Span, Node)> = doc.sections.iter().map(|s| (s.span, Node::Section(s))).collect();
    nodes.extend(doc.measures.iter().map(|m| (m.span, Node::Measure(m))));
    nodes.sort_by_key(|(span, _)| span.start);
    for (_, node) in nodes {
        match node {
            Node::Section(s) => {
                let indent = "  ".repeat(s.path.len());
                let prose = if s.text.is_empty() {
                    String::new()
                } else {
                    format!("  ({} chars of prose)", s.text.chars().count())
                };
                let _ = writeln!(out, "{indent}{} {}{prose}", s.label, s.title);
            }
            Node::Measure(me) => {
                let indent = "  ".repeat(me.path.len());
                let label = if me.label.is_empty() {
                    String::new()
                } else {
                    format!("{} ", me.label)
                };
                let _ = writeln!(out, "{indent}{label}{}  [{}]", me.title, me.id);
                for s in &me.subtasks {
                    let _ = writeln!(out, "{indent}    -> {}", mentions_line(&s.clause.mentions));
                }
            }
        }
    }
}

/// The annex entries and the parser's warnings.
fn annex_and_warnings(out: &mut String, doc: &Document) {
    if !doc.annex.is_empty() || doc.annex_title.is_some() {
        let _ = writeln!(out, "\nannex: {}", doc.annex_title.as_deref().unwrap_or(""));
        for e in &doc.annex {
            let _ = match e {
                AnnexEntry::Task(t) => writeln!(out, "  task {}: {}  -> {}", t.number, t.task, mentions_line(&t.units)),
                AnnexEntry::Member(r) => writeln!(
                    out,
                    "  member: {}{} | {} | {}",
                    r.role.as_deref().map(|x| format!("{x}: ")).unwrap_or_default(),
                    r.name,
                    r.agency,
                    r.post
                ),
                AnnexEntry::Note(n) => writeln!(out, "  note: {}", n.text),
            };
        }
    }
    if !doc.warnings.is_empty() {
        let _ = writeln!(out, "\nwarnings:");
        for w in &doc.warnings {
            let _ = writeln!(out, "  - {w}");
        }
    }
}

fn mentions_line(ms: &[Mention]) -> String {
    ms.iter()
        .map(|m| match m.role {
            Role::Responsible => m.text.clone(),
            role => format!("{} ({})", m.text, role.as_str()),
        })
        .collect::<Vec<_>>()
        .join("、")
}

/// Breaks a line into pieces no wider than `width` display columns (CJK characters count two),
/// continuation pieces indented like the line.
fn wrap_line(line: &str, width: usize) -> Vec<String> {
    let indent: String = line.chars().take_while(|&c| c == ' ').collect();
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut cur_width = 0;
    for c in line.chars() {
        let w = c.width().unwrap_or(0);
        if cur_width + w > width && !cur.trim().is_empty() {
            // Break Latin words at a space; CJK text breaks anywhere.
            let carry = match cur.rfind(' ') {
                Some(sp) if c.is_ascii_alphanumeric() && sp > indent.len() + 2 => cur.split_off(sp + 1),
                _ => String::new(),
            };
            out.push(std::mem::take(&mut cur).trim_end().to_owned());
            cur.push_str(&indent);
            cur.push_str("  ");
            cur.push_str(&carry);
            cur_width = cur.width();
        }
        cur.push(c);
        cur_width += w;
    }
    out.push(cur);
    out
}

/// Two outlines side by side in columns of `width` display columns each (CJK-aware), left
/// document on the left: how the bundled pair is shown before measures are aligned.
pub(super) fn side_by_side(left: &Document, right: &Document, width: usize) -> String {
    let width = width.max(20);
    let column = |doc: &Document| -> Vec<String> { outline(doc).lines().flat_map(|l| wrap_line(l, width)).collect() };
    let (l, r) = (column(left), column(right));
    let mut out = String::new();
    for k in 0..l.len().max(r.len()) {
        let a = l.get(k).map_or("", String::as_str);
        let b = r.get(k).map_or("", String::as_str);
        let pad = width.saturating_sub(a.width());
        let _ = writeln!(out, "{a}{} │ {b}", " ".repeat(pad));
    }
    out
}

/// Pads `s` with spaces to `width` display columns (CJK characters count two); cuts it with `…`
/// when longer.
pub(super) fn pad(s: &str, width: usize) -> String {
    let mut out = String::new();
    let mut w = 0;
    for c in s.chars() {
        let cw = c.width().unwrap_or(0);
        if w + cw > width.saturating_sub(1) && s.width() > width {
            out.push('…');
            w += 1;
            break;
        }
        out.push(c);
        w += cw;
    }
    out.push_str(&" ".repeat(width.saturating_sub(w)));
    out
}
