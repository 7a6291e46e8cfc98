//! What every text report is made of: the [`TextRenderer`]'s options, its tables (boxes or
//! Markdown), headings and cells, and wrapped lines.

use comfy_table::{ContentArrangement, Table, presets};
use std::fmt::Write as _;

/// Plain text for a terminal or a paper's appendix: tables that fit a width (CJK characters
/// count two columns); or Markdown.
#[derive(Debug, Clone, Copy)]
pub struct TextRenderer {
    /// The width tables must fit. Default: 100.
    pub width: u16,
    /// Markdown tables instead of boxes. Default: no.
    pub markdown: bool,
    /// Print both documents' outlines side by side before a comparison (text only).
    /// Default: no.
    pub outlines: bool,
}

impl Default for TextRenderer {
    fn default() -> Self {
        TextRenderer {
            width: 100,
            markdown: false,
            outlines: false,
        }
    }
}

impl TextRenderer {
    /// The Markdown renderer.
    pub fn markdown() -> TextRenderer {
        TextRenderer {
            markdown: true,
            ..TextRenderer::default()
        }
    }

    pub(super) fn table(&self, header: &[&str]) -> Table {
        let mut t = Table::new();
        if self.markdown {
            t.load_style(presets::ASCII_MARKDOWN)
                .set_content_arrangement(ContentArrangement::Disabled);
        } else {
            t.load_style(presets::UTF8_FULL_CONDENSED)
                .set_content_arrangement(ContentArrangement::Dynamic)
                .set_width(self.width);
        }
        t.set_header(header.iter().copied());
        t
    }

    pub(super) fn heading(&self, out: &mut String, level: usize, text: &str) {
        if self.markdown {
            let _ = writeln!(out, "\n{} {text}\n", "#".repeat(level));
        } else {
            let _ = writeln!(out, "\n{text}");
        }
    }

    /// Markdown cells may not hold `|` or line breaks.
    pub(super) fn cell(&self, s: &str) -> String {
        if self.markdown {
            s.replace('|', "\\|").replace('\n', " ")
        } else {
            s.to_owned()
        }
    }
}

/// Writes `line` wrapped at 100 columns (CJK characters count two), continuation lines indented
/// like the first and by two more.
pub(super) fn wrapped(out: &mut String, line: &str) {
    let indent: String = line.chars().take_while(|c| *c == ' ').collect();
    let width = |s: &str| {
        s.chars()
            .map(|c| if (c as u32) >= 0x2E80 { 2 } else { 1 })
            .sum::<usize>()
    };
    let mut current = String::new();
    for word in line.split(' ').filter(|w| !w.is_empty()) {
        if !current.is_empty() && width(&current) + 1 + width(word) > 100 {
            let _ = writeln!(out, "{current}");
            current = format!("{indent}  ");
        } else if current.is_empty() {
            current.push_str(&indent);
        } else if !current.ends_with(' ') {
            current.push(' ');
        }
        current.push_str(word);
    }
    let _ = writeln!(out, "{current}");
}
