//! The text a parser reads: a document's normalized paragraphs in simplified script (what it
//! recognises) and as written (what it keeps), and the source they map to.

use crate::lexicon::page;
use crate::normalize::Normalized;
use crate::span::Span;
use std::ops::Range;

/// A document's normalized paragraphs with its source text and name.
pub(super) struct Text<'a> {
    /// The normalized text and its paragraphs; `norm.text` is the script as written.
    pub(super) norm: &'a Normalized,
    /// The normalized text in simplified script, byte for byte parallel to `norm.text`.
    pub(super) simplified: &'a str,
    /// The decoded source, which every span indexes.
    pub(super) source: &'a str,
    /// The document's name (for a title of last resort).
    pub(super) name: &'a str,
    /// For each paragraph, whether it is page chrome or an info-table row of a web page.
    pub(super) page: Vec<bool>,
}

impl<'a> Text<'a> {
    pub(super) fn new(norm: &'a Normalized, source: &'a str, name: &'a str) -> Text<'a> {
        let simplified = norm.simplified();
        let mut page = Vec::with_capacity(norm.paragraphs.len());
        let mut tail = false;
        for p in &norm.paragraphs {
            let t = &simplified[p.range.clone()];
            let chrome = page::chrome(t);
            tail |= chrome == Some(page::Chrome::Tail);
            page.push(tail || chrome.is_some() || !page::info_fields(t).is_empty());
        }
        Text {
            norm,
            simplified,
            source,
            name,
            page,
        }
    }

    /// The text of paragraph `i` in simplified script: what recognisers read.
    pub(super) fn para(&self, i: usize) -> &'a str {
        &self.simplified[self.norm.paragraphs[i].range.clone()]
    }

    /// The text of paragraph `i` as written.
    pub(super) fn written_para(&self, i: usize) -> &'a str {
        &self.norm.text[self.norm.paragraphs[i].range.clone()]
    }

    /// A range of the normalized text as written.
    pub(super) fn written(&self, range: Range<usize>) -> &'a str {
        &self.norm.text[range]
    }

    /// A range of the normalized text in simplified script.
    pub(super) fn simple(&self, range: Range<usize>) -> &'a str {
        &self.simplified[range]
    }

    /// Is paragraph `i` page chrome or an info-table row?
    pub(super) fn is_page(&self, i: usize) -> bool {
        self.page.get(i).copied().unwrap_or(false)
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
