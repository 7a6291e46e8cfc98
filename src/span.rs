//! Byte spans in a document's decoded source text: the one coordinate space every stage reports in.

use serde::Serialize;

/// A byte range in a document's decoded source text, `start..end`.
///
/// Every measure, heading, clause, mention, annex row and citation carries one, so that a report
/// can quote the source exactly ([`Document::quote`](crate::Document::quote)). Offsets into the
/// *normalized* text (`Normalized::text`, its paragraphs) are plain `Range<usize>`s and are turned
/// into spans in one place, [`Normalized::source_span`](crate::Normalized::source_span).
///
/// It serializes as `[start, end]`, the one span shape of every JSON output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Span {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl Serialize for Span {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        [self.start, self.end].serialize(serializer)
    }
}

impl Span {
    /// The span `start..end`.
    pub fn new(start: usize, end: usize) -> Span {
        Span { start, end }
    }

    /// Length in bytes (0 when `end` is not after `start`).
    pub fn len(&self) -> usize {
        self.end.saturating_sub(self.start)
    }

    /// Whether the span covers no byte.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The span moved `offset` bytes later (a span of a fragment placed in its whole).
    pub fn shifted(self, offset: usize) -> Span {
        Span {
            start: self.start + offset,
            end: self.end + offset,
        }
    }
}

impl From<std::ops::Range<usize>> for Span {
    fn from(r: std::ops::Range<usize>) -> Span {
        Span {
            start: r.start,
            end: r.end,
        }
    }
}
