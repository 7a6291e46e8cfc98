//! The text a parser reads: a document's normalized paragraphs, and the source they map to.

use crate::normalize::Normalized;
use crate::span::Span;
use std::ops::Range;

/// A document's normalized paragraphs with its source text and name.
pub(super) struct Text<'a> {
    /// The normalized text and its paragraphs.
    pub(super) norm: &'a Normalized,
    /// The decoded source, which every span indexes.
    pub(super) source: &'a str,
    /// The document's name (for a title of last resort).
    pub(super) name: &'a str,
}

impl Text<'_> {
    /// The text of paragraph `i`.
    pub(super) fn para(&self, i: usize) -> &str {
        &self.norm.text[self.norm.paragraphs[i].range.clone()]
    }

    /// The source span of a range of the normalized text.
    pub(super) fn span(&self, range: Range<usize>) -> Span {
        self.norm.map_span(range, self.source)
    }

    /// The source span of paragraph `i`.
    pub(super) fn paragraph_span(&self, i: usize) -> Span {
        self.span(self.norm.paragraphs[i].range.clone())
    }
}
