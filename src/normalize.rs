//! Stage 2: decoded text to clean paragraphs, with a map back to the source.
//!
//! Repairs what PDF extraction does to Chinese text and unifies variants for matching:
//!
//! - white space between CJK characters is removed (`知识 产权`, U+00A0, U+3000); a single space
//!   is kept only between two ASCII letters or digits (`Open Source`);
//! - lines broken mid-sentence, and paragraphs broken at page breaks (blank lines between), are
//!   joined; a line that ends a sentence, a numbered heading, or an indented line starts anew;
//! - half-width brackets and punctuation become their full-width forms (`(`→`（`, `,`→`，`,
//!   `:`→`：`, `[2021]`→`〔2021〕`, `<…>`→`〈…〉`), full-width digits and letters become ASCII,
//!   `．` becomes `.`; commas and colons between digits are kept (`1,000`, `10:30`).
//!
//! Every byte of the normalized text maps back to the decoded source ([`Normalized::source_span`]),
//! so that measures, clauses and mentions quote the source exactly.

use crate::Span;
use std::ops::Range;
use unicode_width::UnicodeWidthChar;

/// A paragraph of normalized text: one logical line after repairs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paragraph {
    /// Byte range in [`Normalized::text`] (without the separating `\n`).
    pub range: Range<usize>,
    /// The 1-based source line the paragraph starts on.
    pub line: usize,
    /// Whether its first source line was indented (four columns of white space or more).
    pub indented: bool,
}

/// Normalized text: paragraphs separated by `\n`, with a map back to source offsets.
#[derive(Debug, Clone)]
pub struct Normalized {
    /// The clean text, one paragraph per line.
    pub text: String,
    /// The paragraphs, in order.
    pub paragraphs: Vec<Paragraph>,
    /// Anchors (normalized offset, source offset): from each anchor on, bytes map one to one
    /// until the next anchor.
    anchors: Vec<(u32, u32)>,
    /// Length of the source text, the upper bound of every mapped offset.
    source_len: usize,
}

impl Normalized {
    /// The source offset of a normalized byte offset (the start of the character holding it).
    pub fn to_source(&self, offset: usize) -> usize {
        let i = self.anchors.partition_point(|&(n, _)| n as usize <= offset);
        if i == 0 {
            return 0;
        }
        let (n, s) = self.anchors[i - 1];
        (s as usize + (offset - n as usize)).min(self.source_len)
    }

    /// The source span covered by a range of the normalized text. `source` is the decoded text
    /// this was normalized from.
    pub fn source_span(&self, range: Range<usize>, source: &str) -> Span {
        if range.is_empty() {
            let s = self.to_source(range.start);
            return Span { start: s, end: s };
        }
        let start = self.to_source(range.start);
        let last = self.text[..range.end].chars().next_back().map_or(0, char::len_utf8);
        let last_start = self.to_source(range.end - last);
        let last_len = source[last_start..].chars().next().map_or(0, char::len_utf8);
        Span {
            start,
            end: (last_start + last_len).max(start),
        }
    }

    /// The text of a paragraph.
    pub fn paragraph_text(&self, p: &Paragraph) -> &str {
        &self.text[p.range.clone()]
    }
}

/// Is `c` white space as PDF extraction leaves it (ASCII space and tab, no-break and ideographic
/// spaces, the other Unicode spaces)?
pub fn is_space(c: char) -> bool {
    matches!(
        c,
        ' ' | '\t' | '\u{a0}' | '\u{3000}' | '\u{2000}'..='\u{200a}' | '\u{202f}' | '\u{205f}'
    )
}

/// Characters dropped entirely (zero-width and BOM).
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}' | '\u{feff}')
}

/// The form of `c` used for matching, given its neighbours in the line (`prev`, `next`, ignoring
/// white space). Returns `None` when the character is kept as it is.
fn fold(c: char, prev: Option<char>, next: Option<char>) -> Option<char> {
    let digits = || prev.is_some_and(|p| p.is_ascii_digit()) && next.is_some_and(|n| n.is_ascii_digit());
    Some(match c {
        '０'..='９' | 'Ａ'..='Ｚ' | 'ａ'..='ｚ' => char::from_u32(c as u32 - 0xFEE0)?,
        '．' => '.',
        '(' | '﹙' => '（',
        ')' | '﹚' => '）',
        ',' if !digits() => '，',
        ':' if !digits() => '：',
        ';' => '；',
        '?' => '？',
        '!' => '！',
        '[' | '［' | '﹝' => '〔',
        ']' | '］' | '﹞' => '〕',
        '<' => '〈',
        '>' => '〉',
        _ => return None,
    })
}

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
struct Para {
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
    fn start(&mut self, line: &Line) {
        self.text.clear();
        self.depth = 0;
        self.prose = false;
        self.alone = line.alone;
        let rest = match crate::document::numbering_marker(&line.folded) {
            Some(m) => &line.folded[m.len..],
            None => &line.folded,
        };
        self.listed = line.numbered || rest.contains('、');
        self.push(line);
    }

    fn push(&mut self, line: &Line) {
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

/// A document number or a date alone on its line is never part of another paragraph.
fn stands_alone(line: &str) -> bool {
    // Cheap checks first: both end in a fixed character and are short.
    (line.ends_with('号') && line.len() <= 60 && crate::document::standalone_doc_number(line).is_some())
        || (line.ends_with('日') && line.len() <= 60 && crate::document::standalone_date(line).is_some())
}

/// A page number line as PDF extraction leaves it between pages: `- 3 -`, `— 12 —`, `－3－`.
/// (A bare number is not one: annex tables put row numbers on lines of their own.)
pub(crate) fn is_page_number(folded: &str) -> bool {
    let dashes = ['-', '—', '–', '－', '─'];
    let inner = folded.trim_start_matches(dashes);
    let digits = inner.trim_end_matches(dashes);
    inner.len() < folded.len()
        && digits.len() < inner.len()
        && (1..=4).contains(&digits.len())
        && digits.bytes().all(|b| b.is_ascii_digit())
}

/// Does line `b` continue paragraph `para`? `wrapped_full`: the text is hard-wrapped and the
/// paragraph's last line reaches the wrap width; `long`: that line is long enough to have been
/// broken.
fn joins(para: &Para, b: &Line, wrapped_full: bool, long: bool) -> bool {
    if b.indented || b.alone || b.folded.starts_with("附件") {
        return false;
    }
    if para.depth > 0 && !b.numbered {
        return true;
    }
    let a_ends = para.alone || (para.depth == 0 && ends_sentence(&para.text));
    if b.block {
        return false;
    }
    if wrapped_full {
        // A full line of prose or of a numbered item continues unless it closes a clause (a
        // sentence may end at the line end in mid-paragraph; a list it introduces starts with
        // numbering, checked above); any other full line continues unless the next line
        // introduces a list (主送 after a title that fills the width).
        if para.prose || para.listed {
            return !(para.text.ends_with(['〕', '）', '】']) && a_ends);
        }
        let introduces_list = b.folded.ends_with('：') && !b.folded.contains('。');
        return !a_ends && !introduces_list;
    }
    // Prose (a sentence or clause break in it) that stops mid-sentence continues; titles,
    // headings and signatures have no such break.
    (long || para.prose || para.text.ends_with(['，', '、', '（', '《', '“'])) && !a_ends
}

/// One source line, folded, with the source offset of each kept character.
struct Line {
    chars: Vec<(char, usize, bool)>, // (folded char, source offset, rewritten)
    folded: String,                  // folded text with all white space removed
    /// A document number or a date alone.
    alone: bool,
    /// Starts with numbering.
    numbered: bool,
    /// Always starts a paragraph (numbering, 附件, a role label, or alone).
    block: bool,
    width: usize,
    indented: bool,
    number: usize,
    end: usize, // source offset of the line end
}

/// The normalized form of a short piece of text on one line (a table cell, a name): white
/// space removed except between ASCII letters or digits, punctuation folded. Line breaks count
/// as white space.
pub(crate) fn fold_text(s: &str) -> String {
    let chars: Vec<char> = s.chars().filter(|&c| !is_invisible(c)).collect();
    let space = |c: char| is_space(c) || c == '\n' || c == '\r';
    let mut out = String::with_capacity(s.len());
    let mut last: Option<char> = None;
    let mut pending = false;
    for (k, &c) in chars.iter().enumerate() {
        if space(c) {
            pending = last.is_some();
            continue;
        }
        let prev = chars[..k].iter().rev().copied().find(|&p| !space(p));
        let next = chars[k + 1..].iter().copied().find(|&n| !space(n));
        let f = fold(c, prev, next).unwrap_or(c);
        if std::mem::take(&mut pending) && last.is_some_and(|p| p.is_ascii_alphanumeric()) && f.is_ascii_alphanumeric()
        {
            out.push(' ');
        }
        out.push(f);
        last = Some(f);
    }
    out
}

/// Normalizes decoded text. See the module documentation for what is repaired.
///
/// ```
/// let n = policy_align::normalize("（一）加强知识 产权保护,严厉打击\n侵权假冒行为。\n");
/// assert_eq!(n.text, "（一）加强知识产权保护，严厉打击侵权假冒行为。");
/// ```
pub fn normalize(source: &str) -> Normalized {
    normalize_impl(source, false)
}

/// Normalizes a fragment whose lines all belong to one paragraph (a table cell broken over
/// several lines): like [`normalize`], but every line break is joined.
pub(crate) fn normalize_joined(source: &str) -> Normalized {
    normalize_impl(source, true)
}

fn normalize_impl(source: &str, join_all: bool) -> Normalized {
    let lines = split_lines(source);
    let wrap = wrap_width(&lines);
    let full = |l: &Line| match wrap {
        Some(w) => l.width + 6 >= w,
        None => l.width >= 100,
    };

    let mut out = Normalized {
        text: String::with_capacity(source.len()),
        paragraphs: Vec::new(),
        anchors: Vec::new(),
        source_len: source.len(),
    };
    let mut emitter = Emitter::default();
    let mut prev: Option<&Line> = None;
    // The folded text of the paragraph being built: whether it is prose, and which brackets
    // it leaves open, decide whether the next line continues it.
    let mut para = Para::default();
    for line in lines
        .iter()
        .filter(|l| !l.chars.is_empty() && !is_page_number(&l.folded))
    {
        let join = prev.is_some_and(|a| join_all || joins(&para, line, wrap.is_some() && full(a), full(a)));
        if join {
            para.push(line);
        } else {
            if let Some(a) = prev {
                emitter.finish(&mut out, a.end);
            }
            emitter.start(&out, line);
            para.start(line);
        }
        emitter.push_line(&mut out, line);
        prev = Some(line);
    }
    if let Some(a) = prev {
        emitter.finish(&mut out, a.end);
    }
    // Drop the final separator.
    if out.text.ends_with('\n') {
        out.text.pop();
    }
    out
}

#[derive(Default)]
struct Emitter {
    start: usize,
    line: usize,
    indented: bool,
    /// Last emitted character of the paragraph, and whether white space was seen after it.
    last: Option<char>,
    pending_space: Option<usize>,
    delta: Option<i64>,
}

impl Emitter {
    fn start(&mut self, out: &Normalized, line: &Line) {
        self.start = out.text.len();
        self.line = line.number;
        self.indented = line.indented;
        self.last = None;
        self.pending_space = None;
    }

    fn anchor(&mut self, out: &mut Normalized, src: usize, force: bool) {
        let n = out.text.len();
        let delta = src as i64 - n as i64;
        if force || self.delta != Some(delta) {
            out.anchors.push((n as u32, src as u32));
            self.delta = Some(delta);
        }
    }

    fn push_line(&mut self, out: &mut Normalized, line: &Line) {
        // A line join counts as white space between two words of Latin letters, and as
        // nothing elsewhere (a number wrapped as `〔2021〕1` / `4号` is one number).
        let first = line.chars[0].0;
        if self.last.is_some_and(|p| p.is_ascii_alphabetic()) && first.is_ascii_alphabetic() {
            self.pending_space = Some(line.chars[0].1);
        }
        for &(c, src, rewritten) in &line.chars {
            if c == ' ' {
                self.pending_space.get_or_insert(src);
                continue;
            }
            if let Some(space_src) = self.pending_space.take() {
                let keep = self.last.is_some_and(|p| p.is_ascii_alphanumeric()) && c.is_ascii_alphanumeric();
                if keep {
                    self.anchor(out, space_src, true);
                    out.text.push(' ');
                }
            }
            self.anchor(out, src, rewritten);
            out.text.push(c);
            if rewritten {
                // The next character must re-anchor: lengths differ here.
                self.delta = None;
            }
            self.last = Some(c);
        }
    }

    fn finish(&mut self, out: &mut Normalized, line_end: usize) {
        let end = out.text.len();
        if end > self.start {
            out.paragraphs.push(Paragraph {
                range: self.start..end,
                line: self.line,
                indented: self.indented,
            });
            self.anchor(out, line_end, true);
            self.delta = None;
            out.text.push('\n');
        }
    }
}

fn split_lines(source: &str) -> Vec<Line> {
    let mut lines = Vec::new();
    let mut number = 0;
    let mut pos = 0;
    let bytes = source.as_bytes();
    while pos < source.len() {
        number += 1;
        let rest = &source[pos..];
        let len = rest.find(['\n', '\r']).unwrap_or(rest.len());
        let text = &rest[..len];
        let mut next = pos + len;
        if next < bytes.len() {
            next += if bytes[next] == b'\r' && bytes.get(next + 1) == Some(&b'\n') {
                2
            } else {
                1
            };
        }
        lines.push(fold_line(text, pos, number));
        pos = next;
    }
    lines
}

fn fold_line(text: &str, offset: usize, number: usize) -> Line {
    let raw: Vec<(usize, char)> = text.char_indices().filter(|&(_, c)| !is_invisible(c)).collect();
    // Indentation is four columns of white space or more (two ideographic spaces): a space or
    // two at a line start are extraction artifacts (a line wrapped just before `、`).
    let indent: usize = raw
        .iter()
        .take_while(|&&(_, c)| is_space(c))
        .map(|&(_, c)| if c == '\u{3000}' { 2 } else { 1 })
        .sum();
    let indented = indent >= 4;
    let mut chars = Vec::with_capacity(raw.len());
    let mut folded = String::with_capacity(text.len());
    let mut width = 0;
    let mut trailing = 0;
    let neighbour = |range: &mut dyn Iterator<Item = &(usize, char)>| range.map(|&(_, c)| c).find(|&c| !is_space(c));
    for (k, &(i, c)) in raw.iter().enumerate() {
        if is_space(c) {
            // White space takes room on a printed line, indentation included.
            let w = if c == '\u{3000}' { 2 } else { 1 };
            width += w;
            trailing += w;
            if !chars.is_empty() {
                chars.push((' ', offset + i, false));
            }
            continue;
        }
        let prev = neighbour(&mut raw[..k].iter().rev());
        let next = neighbour(&mut raw[k + 1..].iter());
        let (f, rewritten) = match fold(c, prev, next) {
            Some(f) => (f, f.len_utf8() != c.len_utf8()),
            None => (c, false),
        };
        width += f.width().unwrap_or(0);
        trailing = 0;
        folded.push(f);
        chars.push((f, offset + i, rewritten));
    }
    while chars.last().is_some_and(|&(c, _, _)| c == ' ') {
        chars.pop();
    }
    let alone = stands_alone(&folded);
    let numbered = crate::document::numbering_marker(&folded).is_some();
    let block = numbered || alone || folded.starts_with("附件") || crate::document::starts_with_role_label(&folded);
    Line {
        chars,
        folded,
        alone,
        numbered,
        block,
        width: width - trailing,
        indented,
        number,
        end: offset + text.len(),
    }
}

/// The width at which the text was hard-wrapped, if it was: the width that most lines reach
/// (give or take two CJK characters) with few lines beyond it.
fn wrap_width(lines: &[Line]) -> Option<usize> {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn paras(s: &str) -> Vec<String> {
        let n = normalize(s);
        n.paragraphs.iter().map(|p| n.paragraph_text(p).to_owned()).collect()
    }

    #[test]
    fn removes_space_between_cjk_keeps_between_ascii() {
        assert_eq!(
            paras("知识 产权\u{a0}保护\u{3000}工作 Open Source 到 2022 年"),
            ["知识产权保护工作Open Source到2022年"]
        );
    }

    #[test]
    fn folds_punctuation_but_not_numbers() {
        assert_eq!(
            paras("各县(区) 党委, 共1,000家:10:30［2021］１２号"),
            ["各县（区）党委，共1,000家：10:30〔2021〕12号"]
        );
    }

    #[test]
    fn joins_page_breaks_but_not_headings() {
        let text = "一、总体要求\n\n以习近平新时代中国特色社会主义思想为指导，全面贯彻党的十九大和十九届二中、三中、四中、五中、六中全会精神，推广《电商平台知识产权保护管理》\n\n家标准，加强保护。\n（一）下一项。";
        assert_eq!(
            paras(text),
            [
                "一、总体要求",
                "以习近平新时代中国特色社会主义思想为指导，全面贯彻党的十九大和十九届二中、三中、四中、五中、六中全会精神，推广《电商平台知识产权保护管理》家标准，加强保护。",
                "（一）下一项。"
            ]
        );
    }

    #[test]
    fn joins_hard_wrapped_lines() {
        let body = "加大侵权假冒行为惩戒力度。严格执行知识产权保护法律法规，持续保持高压严打态势。加大行政处罚力度，以知识产权侵权假冒违法行为易发多发的关键领域为监管重点，开展专项执法行动，强化案源发现，提高案件查办效能。采取没收违法所得、销毁侵权假冒物品等措施，发挥大要案警示震慑作用。";
        let mut wrapped = String::from("一、总体要求\n");
        for (i, c) in format!("1.{body}").chars().enumerate() {
            if i > 0 && i % 20 == 0 {
                wrapped.push('\n');
            }
            wrapped.push(c);
        }
        wrapped.push_str("\n2.第二项。\n");
        assert_eq!(
            paras(&wrapped),
            ["一、总体要求".to_owned(), format!("1.{body}"), "2.第二项。".to_owned()]
        );
    }

    #[test]
    fn folds_short_text() {
        assert_eq!(
            fold_text(" 市市场监管 局( 市知识产权\n局)、 Open Source "),
            "市市场监管局（市知识产权局）、Open Source"
        );
    }

    #[test]
    fn drops_page_numbers_but_not_bare_numbers() {
        assert_eq!(
            paras("正文第一页没有结束\n\n- 3 -\n\n继续。\n\n1\n"),
            ["正文第一页没有结束", "继续。", "1"]
        );
        assert!(is_page_number("—12—"));
        assert!(!is_page_number("12"));
        assert!(!is_page_number("——"));
    }

    #[test]
    fn spans_map_back_to_source() {
        let src = "前言\r\n（一）知识 产权(版权)保护,\n\n很好。";
        let n = normalize(src);
        let p = &n.paragraphs[1];
        let text = n.paragraph_text(p);
        assert_eq!(text, "（一）知识产权（版权）保护，很好。");
        let start = p.range.start + text.find("产权").unwrap();
        let span = n.source_span(start..start + "产权（版权）".len(), src);
        assert_eq!(&src[span.start..span.end], "产权(版权)");
        let whole = n.source_span(p.range.clone(), src);
        assert_eq!(&src[whole.start..whole.end], "（一）知识 产权(版权)保护,\n\n很好。");
    }
}
