//! Character folding: white space and punctuation variants, one source line at a time.

use std::ops::Range;
use unicode_width::UnicodeWidthChar;
/// Is `c` white space as PDF extraction leaves it (ASCII space and tab, no-break and ideographic
/// spaces, the other Unicode spaces)?
pub fn is_space(c: char) -> bool {
    matches!(
        c,
        ' ' | '\t' | '\u{a0}' | '\u{3000}' | '\u{2000}'..='\u{200a}' | '\u{202f}' | '\u{205f}'
    )
}

/// Characters dropped entirely (zero-width and BOM).
pub(super) fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}' | '\u{feff}')
}

/// The form of `c` used for matching, given its neighbours in the line (`prev`, `next`, ignoring
/// white space). Returns `None` when the character is kept as it is.
#[inline]
pub(super) fn fold(c: char, prev: Option<char>, next: Option<char>) -> Option<char> {
    if matches!(c, '\u{2e80}'..='\u{2fdf}' | '\u{31c0}'..='\u{31ef}') {
        // A radical or stroke where an ideograph was meant: what PDF extraction of some CJK
        // fonts returns (⼭ U+2F2D for 山, ⺠ U+2EA0 for 民).
        return RADICALS.get(&c).copied();
    }
    if ('\u{80}'..'\u{fe00}').contains(&c) {
        // Ideographs and CJK punctuation, the bulk of a text: kept as they are.
        return None;
    }
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

/// Each radical or stroke character and the unified ideograph it stands for
/// (`data/radicals.tsv`, from the Unicode Character Database's EquivalentUnifiedIdeograph.txt).
static RADICALS: std::sync::LazyLock<std::collections::HashMap<char, char>> = std::sync::LazyLock::new(|| {
    include_str!("../../data/radicals.tsv")
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| {
            let (a, b) = l.split_once('\t')?;
            Some((a.chars().next()?, b.chars().next()?))
        })
        .collect()
});

/// A document number or a date alone on its line is never part of another paragraph.
fn stands_alone(line: &str) -> bool {
    // Cheap checks first: both end in a fixed character and are short.
    (line.ends_with('号') && line.len() <= 60 && crate::lexicon::dates::standalone_doc_number(line).is_some())
        || (line.ends_with('日') && line.len() <= 60 && crate::lexicon::dates::standalone_date(line).is_some())
}

/// The dashes around a page number ([`is_page_number`]).
const PAGE_DASHES: [char; 5] = ['-', '—', '–', '－', '─'];

/// [`is_page_number`] of a piece of text before folding (white space kept): folded only when it
/// holds a dash, as every page number does.
pub(crate) fn is_page_number_unfolded(text: &str) -> bool {
    text.contains(PAGE_DASHES) && is_page_number(&text.chars().filter(|&c| !is_space(c)).collect::<String>())
}

/// A page number line as PDF extraction leaves it between pages: `- 3 -`, `— 12 —`, `－3－`.
/// (A bare number is not one: annex tables put row numbers on lines of their own.)
pub(crate) fn is_page_number(folded: &str) -> bool {
    let inner = folded.trim_start_matches(PAGE_DASHES);
    let digits = inner.trim_end_matches(PAGE_DASHES);
    inner.len() < folded.len()
        && digits.len() < inner.len()
        && (1..=4).contains(&digits.len())
        && digits.bytes().all(|b| b.is_ascii_digit())
}

/// One source line, folded, with the source offset of each kept character.
pub(super) struct Line {
    /// Where its characters lie in the characters of all lines ([`split_lines`]' second
    /// result): `(folded char, source offset, rewritten)`, one buffer for every line.
    pub(super) chars: Range<usize>,
    pub(super) folded: String, // folded text, white space removed, simplified script
    /// A document number or a date alone.
    pub(super) alone: bool,
    /// Starts with numbering.
    pub(super) numbered: bool,
    /// Byte length of the numbering marker (0 without one).
    pub(super) marker_len: usize,
    /// Always starts a paragraph (numbering, 附件, a role label, or alone).
    pub(super) block: bool,
    pub(super) width: usize,
    pub(super) indented: bool,
    pub(super) number: usize,
    pub(super) end: usize, // source offset of the line end
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
        if crate::script::is_basic_ideograph(c) {
            // Most of a cell: kept as it is, and never set apart from its neighbours.
            (pending, last) = (false, Some(c));
            out.push(c);
            continue;
        }
        // Only `,` and `:` fold by their neighbours (`1,000`, `8:30`).
        let (prev, next) = if matches!(c, ',' | ':') {
            (
                chars[..k].iter().rev().copied().find(|&p| !space(p)),
                chars[k + 1..].iter().copied().find(|&n| !space(n)),
            )
        } else {
            (None, None)
        };
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

/// The lines of `source`, folded, and the characters of all of them (each line holds a range of
/// them): one buffer rather than one per line.
pub(super) fn split_lines(source: &str, traditional: bool) -> (Vec<Line>, Vec<(char, usize, bool)>) {
    let glosses = glosses(source);
    let mut lines = Vec::new();
    let mut chars = Vec::with_capacity(source.len() / 2);
    let mut number = 0;
    let mut pos = 0;
    let bytes = source.as_bytes();
    while pos < source.len() {
        number += 1;
        let rest = &source[pos..];
        let len = memchr::memchr2(b'\n', b'\r', rest.as_bytes()).unwrap_or(rest.len());
        let text = &rest[..len];
        let mut next = pos + len;
        if next < bytes.len() {
            next += if bytes[next] == b'\r' && bytes.get(next + 1) == Some(&b'\n') {
                2
            } else {
                1
            };
        }
        lines.push(fold_line(text, pos, number, &glosses, traditional, &mut chars));
        pos = next;
    }
    (lines, chars)
}

fn fold_line(
    text: &str,
    offset: usize,
    number: usize,
    glosses: &[Range<usize>],
    traditional: bool,
    chars: &mut Vec<(char, usize, bool)>,
) -> Line {
    let in_gloss = |i: usize| !glosses.is_empty() && glosses.iter().any(|g| g.contains(&(offset + i)));
    // The next character of the line that is neither white space nor invisible (read only for
    // `,` and `:`, which fold by their neighbours).
    let next_after = |i: usize| text[i..].chars().skip(1).find(|&c| !is_space(c) && !is_invisible(c));
    let mut gloss_width = 0;
    let start = chars.len();
    let mut folded = String::with_capacity(text.len());
    let (mut width, mut trailing) = (0, 0);
    // Indentation is four columns of white space or more (two ideographic spaces): a space or
    // two at a line start are extraction artifacts (a line wrapped just before `、`).
    let mut indent = 0;
    let mut prev: Option<char> = None;
    for (i, c) in text.char_indices() {
        if crate::script::is_basic_ideograph(c) {
            // A basic ideograph, most of a text: kept as it is, two columns wide, and never
            // white space, invisible or inside a pinyin gloss.
            (prev, width, trailing) = (Some(c), width + 2, 0);
            folded.push(c);
            chars.push((c, offset + i, false));
            continue;
        }
        if is_invisible(c) {
            continue;
        }
        if in_gloss(i) {
            // A gloss took room on the printed line: it counts in the width.
            gloss_width += c.width().unwrap_or(1);
            continue;
        }
        if is_space(c) {
            // White space takes room on a printed line, indentation included.
            let w = if c == '\u{3000}' { 2 } else { 1 };
            width += w;
            trailing += w;
            if chars.len() == start {
                indent += w;
            } else {
                chars.push((' ', offset + i, false));
            }
            continue;
        }
        let next = if matches!(c, ',' | ':') { next_after(i) } else { None };
        let (f, rewritten) = match fold(c, prev, next) {
            Some(f) => (f, f.len_utf8() != c.len_utf8()),
            None => (c, false),
        };
        prev = Some(c);
        width += char_width(f);
        trailing = 0;
        folded.push(f);
        chars.push((f, offset + i, rewritten));
    }
    while chars.len() > start && chars.last().is_some_and(|&(c, _, _)| c == ' ') {
        chars.pop();
    }
    // Recognisers read the simplified form (`第七條`), of the same layout; text comes from `chars`.
    let folded = if traditional { simplified(folded) } else { folded };
    let (alone, marker_len, block) = kind_of_line(&folded);
    Line {
        chars: start..chars.len(),
        folded,
        alone,
        numbered: marker_len.is_some(),
        marker_len: marker_len.unwrap_or(0),
        block,
        width: width - trailing + gloss_width,
        indented: indent >= 4,
        number,
        end: offset + text.len(),
    }
}

/// What a folded line is: whether it stands alone, the length of its numbering marker, whether
/// it starts a block of its own.
fn kind_of_line(simple: &str) -> (bool, Option<usize>, bool) {
    // Closing lines, page chrome and info-table rows stand alone like a date does.
    let alone = stands_alone(simple) || crate::lexicon::page::starts_block(simple);
    let marker_len = crate::lexicon::numbering::numbering_marker(simple).map(|m| m.len);
    let block = marker_len.is_some()
        || alone
        || simple.starts_with("附件")
        || crate::lexicon::roles::starts_with_role_label(simple);
    (alone, marker_len, block)
}

/// `text` in the simplified script.
fn simplified(text: String) -> String {
    match crate::script::simplify(&text) {
        std::borrow::Cow::Owned(s) => s,
        std::borrow::Cow::Borrowed(_) => text,
    }
}

/// The columns `c` takes on a printed line: ideographs and CJK punctuation two, ASCII one,
/// others by their Unicode width.
fn char_width(c: char) -> usize {
    match c {
        ' '..='~' => 1,
        '\u{4e00}'..='\u{9fff}' | '\u{3001}'..='\u{3029}' | '\u{ff01}'..='\u{ff60}' => 2,
        _ => c.width().unwrap_or(0),
    }
}

/// Is `c` a letter of pinyin with a tone mark?
fn is_toned(c: char) -> bool {
    "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ".contains(c)
}

/// The pronunciation glosses some mirror sites put after a character (`國務(wù)院`), as byte
/// ranges of the source: a bracketed run of one to seven pinyin letters right after a CJK
/// character (white space and line breaks aside, as PDF extraction leaves them), with a tone
/// mark or a tone number.
fn glosses(source: &str) -> Vec<Range<usize>> {
    let blank = |c: char| is_space(c) || c == '\n' || c == '\r';
    let han = |c: char| matches!(c, '\u{3400}'..='\u{9fff}' | '\u{f900}'..='\u{faff}' | '\u{20000}'..);
    let mut out = Vec::new();
    // The opening brackets, found by their bytes (the text is seldom anything but CJK).
    let mut opens: Vec<(usize, &str)> = memchr::memchr_iter(b'(', source.as_bytes())
        .map(|i| (i, "("))
        .chain(memchr::memmem::find_iter(source.as_bytes(), "（".as_bytes()).map(|i| (i, "（")))
        .collect();
    opens.sort_unstable();
    for (start, c) in opens {
        let close = if c == "(" { ')' } else { '）' };
        if !source[..start].chars().rev().find(|&p| !blank(p)).is_some_and(han) {
            continue;
        }
        let after = start + c.len();
        let mut letters = Vec::new();
        let mut end = None;
        for (i, n) in source[after..].char_indices().take(16) {
            if n == close {
                end = Some(after + i + n.len_utf8());
                break;
            }
            if !blank(n) {
                letters.push(n);
            }
        }
        let pinyin = (1..=7).contains(&letters.len())
            && letters
                .iter()
                .all(|&c| c.is_ascii_lowercase() || is_toned(c) || ('1'..='5').contains(&c))
            && letters.iter().any(|&c| c.is_ascii_lowercase() || is_toned(c))
            && (letters.iter().any(|&c| is_toned(c)) || letters.last().is_some_and(|c| c.is_ascii_digit()));
        if let (Some(end), true) = (end, pinyin) {
            out.push(start..end);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `fold_text` as first written: every character folded with its neighbours.
    fn fold_text_by_neighbours(s: &str) -> String {
        let chars: Vec<char> = s.chars().filter(|&c| !is_invisible(c)).collect();
        let space = |c: char| is_space(c) || c == '\n' || c == '\r';
        let mut out = String::new();
        let (mut last, mut pending): (Option<char>, bool) = (None, false);
        for (k, &c) in chars.iter().enumerate() {
            if space(c) {
                pending = last.is_some();
                continue;
            }
            let prev = chars[..k].iter().rev().copied().find(|&p| !space(p));
            let next = chars[k + 1..].iter().copied().find(|&n| !space(n));
            let f = fold(c, prev, next).unwrap_or(c);
            if std::mem::take(&mut pending)
                && last.is_some_and(|p| p.is_ascii_alphanumeric())
                && f.is_ascii_alphanumeric()
            {
                out.push(' ');
            }
            out.push(f);
            last = Some(f);
        }
        out
    }

    #[test]
    fn fold_text_folds_as_by_every_neighbour() {
        // Cells drawn from the characters that fold differently by their neighbours.
        let alphabet: Vec<char> = "12ab,:;(). 　\n市局，：⼭\u{200b}Ａ０".chars().collect();
        let mut state = 0x9E37_79B9_7F4A_7C15_u64;
        for _ in 0..5_000 {
            let len = (state % 12) as usize;
            let cell: String = (0..len)
                .map(|_| {
                    state ^= state << 13;
                    state ^= state >> 7;
                    state ^= state << 17;
                    alphabet[(state % alphabet.len() as u64) as usize]
                })
                .collect();
            assert_eq!(fold_text(&cell), fold_text_by_neighbours(&cell), "{cell:?}");
        }
        assert_eq!(fold_text("1,000 元: 市局, 8:30"), "1,000元：市局，8:30");
    }

    #[test]
    fn radicals_fold_to_ideographs() {
        let folded: String = "相⼭区⼈⺠政府"
            .chars()
            .map(|c| fold(c, None, None).unwrap_or(c))
            .collect();
        assert_eq!(folded, "相山区人民政府");
        assert_eq!(RADICALS.len(), 348);
        // Through the normalizer: the text read folds, the source keeps what was written.
        let n = crate::normalize("相⼭区⼈⺠政府办公室");
        assert!(n.text.starts_with("相山区人民政府"), "{}", n.text);
    }
}
