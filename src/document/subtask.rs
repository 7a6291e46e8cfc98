//! The clauses of a measure, each with the sentences it assigns.

use super::clause::{build_mentions, find_clauses, parse_mentions};
use super::model::{Clause, Subtask};
use super::text::Text;
use std::ops::Range;

/// A clause found in a measure: its range in the normalized text and its paragraph.
pub(super) struct Found {
    pub(super) range: Range<usize>,
    pub(super) para: usize,
}

/// The clauses of paragraphs `from..to`, in order. A clause that opens the heading paragraph
/// itself is not one (the heading is not a clause).
pub(super) fn clauses_in(text: &Text, from: usize, to: usize) -> Vec<Found> {
    let mut out = Vec::new();
    for p in from..to {
        let start = text.norm.paragraphs[p].range.start;
        for r in find_clauses(text.para(p)) {
            if p == from && r.start == 0 {
                continue;
            }
            out.push(Found {
                range: start + r.start..start + r.end,
                para: p,
            });
        }
    }
    out
}

/// The clause at a range: its text as written, its mentions read on the simplified text.
pub(super) fn clause(text: &Text, range: Range<usize>) -> Clause {
    let written = text.written(range.clone());
    let raw = parse_mentions(text.simple(range.clone()));
    let start = range.start;
    let mentions = build_mentions(written, raw, |r| text.span(start + r.start..start + r.end));
    Clause {
        text: written.to_owned(),
        mentions,
        span: text.span(range),
    }
}

/// The subtasks of a measure whose own text starts at `start`: each clause with the sentences
/// since the previous clause (or `start`).
pub(super) fn subtasks(text: &Text, start: usize, found: &[Found]) -> Vec<Subtask> {
    let mut from = start;
    found
        .iter()
        .map(|f| {
            let sentences = from..f.range.start.max(from);
            let task = Subtask {
                text: text.written(sentences.clone()).trim().to_owned(),
                span: text.span(sentences.start..f.range.end),
                clause: clause(text, f.range.clone()),
            };
            from = f.range.end;
            task
        })
        .collect()
}

/// The text of `range` as written with the clauses cut out, trimmed.
pub(super) fn without_clauses(text: &Text, range: Range<usize>, found: &[Found]) -> String {
    let mut out = String::new();
    let mut at = range.start;
    for f in found
        .iter()
        .filter(|f| f.range.start < range.end && f.range.end > range.start)
    {
        if f.range.start > at {
            out.push_str(text.written(at..f.range.start));
        }
        at = at.max(f.range.end);
    }
    if at < range.end {
        out.push_str(text.written(at..range.end));
    }
    out.trim().to_owned()
}
