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

mod fold;
mod join;

pub use fold::is_space;
pub(crate) use fold::{fold_text, is_page_number, is_page_number_unfolded};

use crate::span::Span;
use fold::{Line, split_lines};
use join::{Para, inline_clauses, joins, wrap_width};
use std::ops::Range;

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
    /// The simplified form of `text`, byte for byte parallel to it, when it differs
    /// (traditional script).
    simplified: Option<String>,
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
    /// this was normalized from. Fails when the range is not one of this text (out of bounds,
    /// reversed, or not on character boundaries), or `source` is not the text it came from.
    pub fn source_span(&self, range: Range<usize>, source: &str) -> crate::error::Result<Span> {
        let fits = range.start <= range.end
            && self.text.is_char_boundary(range.start)
            && self.text.is_char_boundary(range.end)
            && source.len() == self.source_len;
        if !fits {
            return Err(crate::error::Error::inconsistent(format!(
                "range {}..{} is not a range of this normalized text ({} bytes) or the source is another text",
                range.start,
                range.end,
                self.text.len()
            )));
        }
        Ok(self.map_span(range, source))
    }

    /// [`Normalized::source_span`] for ranges the crate made itself (on character boundaries
    /// of this text, `source` the text it came from).
    pub(crate) fn map_span(&self, range: Range<usize>, source: &str) -> Span {
        if range.is_empty() {
            let s = self.to_source(range.start);
            return Span { start: s, end: s };
        }
        let start = self.to_source(range.start);
        let last = self.text[..range.end].chars().next_back().map_or(0, char::len_utf8);
        let last_start = self.to_source(range.end - last);
        let last_len = source
            .get(last_start..)
            .and_then(|r| r.chars().next())
            .map_or(0, char::len_utf8);
        Span {
            start,
            end: (last_start + last_len).max(start),
        }
    }

    /// The text in simplified script, laid out byte for byte like [`Normalized::text`]: the
    /// text itself when it is written in simplified script. What the parser and the matching
    /// stages read; reports keep [`Normalized::text`], the script as written.
    pub fn simplified(&self) -> &str {
        self.simplified.as_deref().unwrap_or(&self.text)
    }

    /// Whether the text is written (at least in part) in traditional script.
    pub fn is_traditional(&self) -> bool {
        self.simplified.is_some()
    }

    /// The text of a paragraph, or `None` for a paragraph of another text that does not fit
    /// this one.
    pub fn paragraph_text(&self, p: &Paragraph) -> Option<&str> {
        self.text.get(p.range.clone())
    }
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
    // Traditional script is folded to simplified for recognition, line by line and in the end.
    let traditional = crate::script::has_traditional(source);
    let (lines, line_chars) = split_lines(source, traditional);
    let wrap = wrap_width(&lines);
    let inline = inline_clauses(&lines);
    let full = |l: &Line| match wrap {
        Some(w) => l.width + 6 >= w,
        None => l.width >= 100,
    };

    let mut out = Normalized {
        text: String::with_capacity(source.len()),
        paragraphs: Vec::new(),
        anchors: Vec::new(),
        source_len: source.len(),
        simplified: None,
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
        let join = prev.is_some_and(|a| join_all || joins(&para, line, wrap.is_some() && full(a), full(a), inline));
        if join {
            para.push(line);
        } else {
            if let Some(a) = prev {
                emitter.finish(&mut out, a.end);
            }
            emitter.start(&out, line);
            para.start(line);
        }
        emitter.push_line(&mut out, &line_chars[line.chars.clone()]);
        prev = Some(line);
    }
    if let Some(a) = prev {
        emitter.finish(&mut out, a.end);
    }
    // Drop the final separator.
    if out.text.ends_with('\n') {
        out.text.pop();
    }
    if traditional && let std::borrow::Cow::Owned(s) = crate::script::simplify(&out.text) {
        out.simplified = Some(s);
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

    /// Emits the characters of a line (never empty).
    fn push_line(&mut self, out: &mut Normalized, chars: &[(char, usize, bool)]) {
        // A line join counts as white space between two words of Latin letters, and as
        // nothing elsewhere (a number wrapped as `〔2021〕1` / `4号` is one number).
        let (first, first_src, _) = chars[0];
        if self.last.is_some_and(|p| p.is_ascii_alphabetic()) && first.is_ascii_alphabetic() {
            self.pending_space = Some(first_src);
        }
        for &(c, src, rewritten) in chars {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn paras(s: &str) -> Vec<String> {
        let n = normalize(s);
        n.paragraphs
            .iter()
            .map(|p| n.paragraph_text(p).unwrap().to_owned())
            .collect()
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
    fn traditional_text_has_a_parallel_simplified_form() {
        let src = "第七條　牽頭單位：省市場監管局\n國務(wù)院辦公廳";
        let n = normalize(src);
        assert_eq!(n.text, "第七條牽頭單位：省市場監管局\n國務院辦公廳");
        assert_eq!(n.simplified(), "第七条牵头单位：省市场监管局\n国务院办公厅");
        assert!(n.is_traditional());
        let span = n
            .source_span(n.text.find("國務院").unwrap()..n.text.len(), src)
            .unwrap();
        assert_eq!(&src[span.start..span.end], "國務(wù)院辦公廳");
        assert!(!normalize("第七条").is_traditional());
    }

    #[test]
    fn spans_map_back_to_source() {
        let src = "前言\r\n（一）知识 产权(版权)保护,\n\n很好。";
        let n = normalize(src);
        let p = &n.paragraphs[1];
        let text = n.paragraph_text(p).unwrap();
        assert_eq!(text, "（一）知识产权（版权）保护，很好。");
        let start = p.range.start + text.find("产权").unwrap();
        let span = n.source_span(start..start + "产权（版权）".len(), src).unwrap();
        assert_eq!(&src[span.start..span.end], "产权(版权)");
        let whole = n.source_span(p.range.clone(), src).unwrap();
        assert_eq!(&src[whole.start..whole.end], "（一）知识 产权(版权)保护,\n\n很好。");
    }
}
