//! Numbering markers at the start of a paragraph: 一、 （一） 1. 1、 （1） ① 第一条 第一章 第一节.

use serde::Serialize;

/// A numbering style, as it opens a numbered item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum NumberingStyle {
    /// 第一部分
    Part,
    /// 第一章
    Chapter,
    /// 第一节
    Section,
    /// 第一条
    Article,
    /// 一、
    ChineseComma,
    /// （一） or (一)
    ChineseParen,
    /// 1. 1、 1．
    Arabic,
    /// （1） or (1)
    ArabicParen,
    /// ① … ⑳
    Circled,
}

impl NumberingStyle {
    /// The fixed rank of the 第X styles (parts contain chapters contain sections contain
    /// articles); `None` for the styles whose nesting is inferred per document.
    pub(crate) fn fixed_rank(self) -> Option<u8> {
        match self {
            NumberingStyle::Part => Some(0),
            NumberingStyle::Chapter => Some(1),
            NumberingStyle::Section => Some(2),
            NumberingStyle::Article => Some(3),
            _ => None,
        }
    }
}

/// A marker found at the start of a (normalized) paragraph.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Marker {
    pub style: NumberingStyle,
    pub ordinal: u32,
    /// Byte length of the marker in the normalized paragraph.
    pub len: usize,
}

/// The value of a Chinese numeral (一 … 九十九, 一百零一, with 〇/零/两), or `None`.
pub(crate) fn chinese_numeral(s: &str) -> Option<u32> {
    let digit = |c: char| "〇一二三四五六七八九".chars().position(|d| d == c).map(|d| d as u32);
    let mut total = 0u32;
    let mut current: Option<u32> = None;
    let mut any = false;
    for c in s.chars() {
        any = true;
        match c {
            '零' | '〇' if current.is_none() => current = Some(0),
            '两' => current = Some(2),
            '十' => {
                total += current.unwrap_or(1) * 10;
                current = None;
            }
            '百' => {
                total += current.unwrap_or(1) * 100;
                current = None;
            }
            '千' => {
                total += current.unwrap_or(1) * 1000;
                current = None;
            }
            _ => current = Some(digit(c)?),
        }
    }
    any.then_some(total + current.unwrap_or(0)).filter(|&v| v > 0)
}

fn is_cn_digit(c: char) -> bool {
    "〇零一二三四五六七八九十百两".contains(c)
}

/// Recognizes the numbering marker that opens a normalized paragraph.
pub(crate) fn numbering_marker(s: &str) -> Option<Marker> {
    let first = s.chars().next()?;
    if first == '第' {
        return ordinal_marker(s);
    }
    // ①
    if ('①'..='⑳').contains(&first) {
        return Some(Marker {
            style: NumberingStyle::Circled,
            ordinal: first as u32 - '①' as u32 + 1,
            len: first.len_utf8(),
        });
    }
    if first == '（' {
        return paren_marker(s);
    }
    // 一、
    if is_cn_digit(first) {
        let n_len: usize = s.chars().take_while(|&c| is_cn_digit(c)).map(char::len_utf8).sum();
        if s[n_len..].starts_with('、') && n_len <= 3 * 4 {
            return Some(Marker {
                style: NumberingStyle::ChineseComma,
                ordinal: chinese_numeral(&s[..n_len])?,
                len: n_len + '、'.len_utf8(),
            });
        }
        return None;
    }
    if first.is_ascii_digit() {
        return arabic_marker(s);
    }
    None
}

/// 第X章 / 节 / 条 / 部分.
fn ordinal_marker(s: &str) -> Option<Marker> {
    let rest = s.strip_prefix('第')?;
    let n_len: usize = rest
        .chars()
        .take_while(|&c| is_cn_digit(c) || c.is_ascii_digit())
        .map(char::len_utf8)
        .sum();
    if n_len == 0 {
        return None;
    }
    let num = &rest[..n_len];
    let ordinal = num.parse().ok().or_else(|| chinese_numeral(num))?;
    let after = &rest[n_len..];
    let (style, unit) = [
        (NumberingStyle::Chapter, "章"),
        (NumberingStyle::Section, "节"),
        (NumberingStyle::Article, "条"),
        (NumberingStyle::Part, "部分"),
    ]
    .into_iter()
    .find(|(_, u)| after.starts_with(u))?;
    Some(Marker {
        style,
        ordinal,
        len: '第'.len_utf8() + n_len + unit.len(),
    })
}

/// （一） and （1）.
fn paren_marker(s: &str) -> Option<Marker> {
    let rest = s.strip_prefix('（')?;
    let close = rest.find('）')?;
    let inner = &rest[..close];
    let len = '（'.len_utf8() + close + '）'.len_utf8();
    if !inner.is_empty() && inner.chars().all(is_cn_digit) {
        return Some(Marker {
            style: NumberingStyle::ChineseParen,
            ordinal: chinese_numeral(inner)?,
            len,
        });
    }
    if (1..=MAX_DIGITS).contains(&inner.len())
        && inner.bytes().all(|b| b.is_ascii_digit())
        && inner != "0"
        && !is_year(inner)
    {
        return Some(Marker {
            style: NumberingStyle::ArabicParen,
            ordinal: inner.parse().ok()?,
            len,
        });
    }
    None
}

/// The most digits an Arabic item number has: items run to 9999. A paragraph that opens with a
/// longer number is text, and the parser warns of it ([`past_the_limit`]).
pub(crate) const MAX_DIGITS: usize = 4;

/// A four-digit number from 1900 to 2100 opens a year (`2024.`, `2024、`), not an item.
fn is_year(digits: &str) -> bool {
    digits.len() == 4 && digits.parse::<u32>().is_ok_and(|y| (1900..=2100).contains(&y))
}

/// Does `s` open like an item numbered past [`MAX_DIGITS`] digits (`10000.`, `10000、`)?
pub(crate) fn past_the_limit(s: &str) -> bool {
    let n_len = s.bytes().take_while(u8::is_ascii_digit).count();
    n_len > MAX_DIGITS && matches!(s[n_len..].chars().next(), Some('.' | '、'))
}

/// 1. and 1、 (not 1.5, not 2021年, not 2024. the year).
fn arabic_marker(s: &str) -> Option<Marker> {
    let n_len = s.bytes().take_while(u8::is_ascii_digit).count();
    // Items are numbered from 1: `0.` opens a decimal, not an item.
    if n_len == 0 || n_len > MAX_DIGITS || s[..n_len].bytes().all(|b| b == b'0') || is_year(&s[..n_len]) {
        return None;
    }
    let after = &s[n_len..];
    let sep = after.chars().next()?;
    if sep == '、' || (sep == '.' && !after[1..].starts_with(|c: char| c.is_ascii_digit())) {
        return Some(Marker {
            style: NumberingStyle::Arabic,
            ordinal: s[..n_len].parse().ok()?,
            len: n_len + sep.len_utf8(),
        });
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numerals() {
        for (s, v) in [
            ("一", 1),
            ("十", 10),
            ("十一", 11),
            ("二十", 20),
            ("二十二", 22),
            ("一百零一", 101),
            ("〇", 0),
        ] {
            assert_eq!(chinese_numeral(s), (v > 0).then_some(v), "{s}");
        }
        assert_eq!(chinese_numeral("x"), None);
    }

    #[test]
    fn markers() {
        use NumberingStyle::*;
        let cases = [
            ("一、总体要求", Some((ChineseComma, 1, "一、"))),
            ("（二十二）加强宣传引导。", Some((ChineseParen, 22, "（二十二）"))),
            ("17.完善人才", Some((Arabic, 17, "17."))),
            ("3、加强", Some((Arabic, 3, "3、"))),
            ("（3）具体", Some((ArabicParen, 3, "（3）"))),
            ("②其次", Some((Circled, 2, "②"))),
            ("第十二条为了", Some((Article, 12, "第十二条"))),
            ("第三章保护措施", Some((Chapter, 3, "第三章"))),
            ("第二部分", Some((Part, 2, "第二部分"))),
            ("1.5倍以上", None),
            ("0.", None),
            ("（0）", None),
            ("2021年10月", None),
            ("5G运用", None),
            ("（此件公开发布）", None),
            ("一是加强", None),
            ("第一时间", None),
        ];
        for (s, want) in cases {
            let got = numbering_marker(s).map(|m| (m.style, m.ordinal, &s[..m.len]));
            assert_eq!(got, want, "{s}");
        }
    }
}
