//! Whether a line continues the paragraph before it.

use super::fold::Line;

/// Characters that end a paragraph when they end a line.
fn is_terminal(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '；' | '：' | '〕' | '】' | '.' | '…')
}

/// The bracket depth after `text`, starting from `depth`.
fn bracket_depth(mut depth: i32, text: &str) -> i32 {
    for c in text.chars() {
        match c {
            '〔' | '（' | '《' | '【' => depth += 1,
            '〕' | '）' | '》' | '】' => depth = (depth - 1).max(0),
            _ => {}
        }
    }
    depth
}

/// The paragraph being built, with what the join decision needs kept up to date line by line.
#[derive(Default)]
pub(super) struct Para {
    /// Folded text, white space removed.
    text: String,
    /// Open brackets at its end.
    depth: i32,
    /// Whether it has a sentence or clause break (。，；).
    prose: bool,
    /// Whether it is numbered, or lists with 、 after its numbering.
    listed: bool,
    /// Whether it is one line that stands alone (a document number or a date).
    alone: bool,
}

impl Para {
    pub(super) fn start(&mut self, line: &Line) {
        self.text.clear();
        self.depth = 0;
        self.prose = false;
        self.alone = line.alone;
        let rest = &line.folded[line.marker_len..];
        self.listed = line.numbered || rest.contains('、');
        self.push(line);
    }

    pub(super) fn push(&mut self, line: &Line) {
        if !self.text.is_empty() {
            self.alone = false;
            self.listed |= line.folded.contains('、');
        }
        self.text.push_str(&line.folded);
        self.depth = bracket_depth(self.depth, &line.folded);
        self.prose |= line.folded.contains(['。', '，', '；']);
    }
}

/// Does the text end a paragraph (its brackets closed)? It does when it ends with
/// sentence-final punctuation, or with a closing bracket that closes a note standing alone
/// (`（此件公开发布）`) or a responsibility clause (`（…负责）`).
fn ends_sentence(line: &str) -> bool {
    let trimmed = line.trim_end_matches(['”', '’', '」', '』', '"']);
    let Some(last) = trimmed.chars().next_back() else {
        return true;
    };
    if is_terminal(last) {
        return true;
    }
    if last == '）' {
        let inner = &trimmed[..trimmed.len() - '）'.len_utf8()];
        let Some(open) = matching_open(inner) else { return false };
        return open == 0 || inner[open..].ends_with("负责") || inner[open..].ends_with("落实");
    }
    false
}

/// Byte offset of the `（` that a `）` appended to `s` would close.
fn matching_open(s: &str) -> Option<usize> {
    let mut depth = 0usize;
    for (i, c) in s.char_indices().rev() {
        match c {
            '）' => depth += 1,
            '（' if depth == 0 => return Some(i),
            '（' => depth -= 1,
            _ => {}
        }
    }
    None
}

/// Does line `b` continue paragraph `para`? `wrapped_full`: the text is hard-wrapped and the
/// paragraph's last line reaches the wrap width; `long`: that line is long enough to have been
/// broken.
/// Does the text put responsibility clauses between sentences (`…制度。（司法部负责）推进…`),
/// as annual 工作要点 do? Then a wrapped line that ends with a clause does not end its paragraph.
pub(super) fn inline_clauses(lines: &[Line]) -> bool {
    lines.iter().any(|l| {
        // Most lines close no bracket: skip them without decoding.
        if !["）", "〕", "】"].iter().any(|c| l.folded.contains(c)) {
            return false;
        }
        // One pass over the line with the two characters before each.
        let (mut a, mut b) = ('\0', '\0');
        let mut closed = false;
        for c in l.folded.chars() {
            if closed && (c >= '\u{3400}' || c.is_ascii_alphanumeric()) {
                return true;
            }
            closed = matches!(c, '）' | '〕' | '】')
                && matches!((a, b), ('负', '责') | ('牵', '头') | ('配', '合') | ('参', '与'));
            (a, b) = (b, c);
        }
        false
    })
}

pub(super) fn joins(para: &Para, b: &Line, wrapped_full: bool, long: bool, inline: bool) -> bool {
    if b.indented || b.alone || b.folded.starts_with("附件") {
        return false;
    }
    if para.depth > 0 && !b.numbered {
        return true;
    }
    let a_ends = para.alone || (para.depth == 0 && ends_sentence(&para.text));
    // A body's name alone on its line after a closed bracket (a clause) is a signature.
    let signature = || para.text.ends_with(['〕', '）', '】']) && crate::lexicon::orgs::is_org_name(&b.folded);
    if b.block || signature() {
        return false;
    }
    if wrapped_full {
        // A full line of prose or of a numbered item continues unless it closes a clause (a
        // sentence may end at the line end in mid-paragraph; a list it introduces starts with
        // numbering, checked above); any other full line continues unless the next line
        // introduces a list (主送 after a title that fills the width).
        if para.prose || para.listed {
            return inline || !(para.text.ends_with(['〕', '）', '】']) && a_ends);
        }
        let introduces_list = b.folded.ends_with('：') && !b.folded.contains('。');
        return !a_ends && !introduces_list;
    }
    // Prose (a sentence or clause break in it) that stops mid-sentence continues; titles,
    // headings and signatures have no such break.
    (long || para.prose || para.text.ends_with(['，', '、', '（', '《', '“'])) && !a_ends
}

/// The width at which the text was hard-wrapped, if it was: the width that most lines reach
/// (give or take two CJK characters) with few lines beyond it.
pub(super) fn wrap_width(lines: &[Line]) -> Option<usize> {
    let widths: Vec<usize> = lines.iter().map(|l| l.width).filter(|&w| w >= 20).collect();
    if widths.len() < 5 {
        return None;
    }
    let mut sorted = widths.clone();
    sorted.sort_unstable();
    let (mut best, mut support) = (0, 0);
    for &w in &sorted {
        let lo = sorted.partition_point(|&x| x + 4 < w);
        let hi = sorted.partition_point(|&x| x <= w);
        if hi - lo > support {
            (best, support) = (w, hi - lo);
        }
    }
    let beyond = widths.iter().filter(|&&x| x > best + 2).count();
    (support * 10 >= widths.len() * 4 && beyond * 10 <= widths.len()).then_some(best)
}
