//! Traditional script folded to simplified, for matching, in a text laid out byte for byte like
//! the original.
//!
//! Government sites of Hong Kong, Macao and Taiwan, and traditional-script mirrors of mainland
//! sites, publish the same documents as `第七條`, `牽頭單位`, `按職責分工負責`. The parser, the agency
//! rules, the segmenter and the scorer read the simplified form; every span, quote and report
//! keeps the text as written. The conversion is OpenCC's `t2s` (phrase-aware), through the
//! ferrous-opencc crate. [`simplify`] keeps the byte layout: each character is replaced by one of
//! the same UTF-8 length, so that a byte range of the simplified text is the same range of the
//! text as written; where OpenCC's output would break that (a phrase of another length, a
//! character of another width), the character-by-character form is used instead.

use ferrous_opencc::OpenCC;
use ferrous_opencc::config::BuiltinConfig;
use rustc_hash::FxHashMap;
use std::borrow::Cow;
use std::sync::{LazyLock, RwLock};

/// The converter, built on first use (about a millisecond). `None` if OpenCC's built-in data
/// cannot be loaded, in which case text is matched as written.
static T2S: LazyLock<Option<OpenCC>> = LazyLock::new(|| OpenCC::from_config(BuiltinConfig::T2s).ok());

/// Each character seen so far and its simplified form (itself when it has none).
static CHARS: LazyLock<RwLock<FxHashMap<char, char>>> = LazyLock::new(|| RwLock::new(FxHashMap::default()));

/// Characters below this code point (Latin, punctuation, kana, CJK symbols) have no simplified form.
const FIRST_HAN: char = '\u{3400}';

/// The simplified form of one character, of the same UTF-8 length, or the character itself.
fn simple_char(c: char) -> char {
    if c < FIRST_HAN {
        return c;
    }
    if let Some(&s) = CHARS.read().ok().and_then(|m| m.get(&c).copied()).as_ref() {
        return s;
    }
    let s = T2S
        .as_ref()
        .map(|cc| cc.convert(c.encode_utf8(&mut [0; 4])))
        .and_then(|out| {
            let mut chars = out.chars();
            match (chars.next(), chars.next()) {
                (Some(s), None) if s.len_utf8() == c.len_utf8() => Some(s),
                _ => None,
            }
        })
        .unwrap_or(c);
    if let Ok(mut m) = CHARS.write() {
        m.insert(c, s);
    }
    s
}

/// Whether `text` holds a character with a simplified form. One read of the table for the
/// characters already seen; the others are converted once and remembered.
pub(crate) fn has_traditional(text: &str) -> bool {
    let mut unknown: Vec<char> = Vec::new();
    if let Ok(seen) = CHARS.read() {
        for c in text.chars().filter(|&c| c >= FIRST_HAN) {
            match seen.get(&c) {
                Some(&s) if s != c => return true,
                Some(_) => {}
                None => unknown.push(c),
            }
        }
    } else {
        unknown.extend(text.chars());
    }
    unknown.sort_unstable();
    unknown.dedup();
    unknown.into_iter().any(|c| simple_char(c) != c)
}

/// The simplified form of `text`, laid out byte for byte like it; borrowed when nothing changes.
///
/// ```ignore
/// assert_eq!(simplify("第七條 牽頭單位：省市場監管局"), "第七条 牵头单位：省市场监管局");
/// ```
pub(crate) fn simplify(text: &str) -> Cow<'_, str> {
    if !has_traditional(text) {
        return Cow::Borrowed(text);
    }
    let phrased = T2S.as_ref().map(|cc| cc.convert(text));
    let mut out = String::with_capacity(text.len());
    match phrased {
        Some(p) if p.chars().count() == text.chars().count() => {
            for (a, b) in text.chars().zip(p.chars()) {
                out.push(if a.len_utf8() == b.len_utf8() {
                    b
                } else {
                    simple_char(a)
                });
            }
        }
        _ => out.extend(text.chars().map(simple_char)),
    }
    debug_assert_eq!(out.len(), text.len());
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn simplified_text_is_borrowed() {
        let s = "第七条 牵头单位：省市场监管局（省知识产权局）按职责分工负责。Open 2021";
        assert!(matches!(simplify(s), Cow::Borrowed(_)));
        assert!(!has_traditional(s));
    }

    #[test]
    fn traditional_text_keeps_its_layout() {
        let t = "第七條 牽頭單位：省市場監管局；配合單位：省公安廳、省高級人民法院按職責分工負責。〔2017〕89號";
        let s = simplify(t);
        assert_eq!(
            s,
            "第七条 牵头单位：省市场监管局；配合单位：省公安厅、省高级人民法院按职责分工负责。〔2017〕89号"
        );
        assert_eq!(s.len(), t.len());
        for ((i, a), (j, b)) in t.char_indices().zip(s.char_indices()) {
            assert_eq!((i, a.len_utf8()), (j, b.len_utf8()));
        }
    }

    #[test]
    fn phrases_choose_the_simplified_form() {
        // 著 stays in 著作权 (a phrase), 乾 stays in 乾隆; 後 and 髮 become 后 and 发.
        assert_eq!(simplify("著作權"), "著作权");
        assert_eq!(simplify("乾隆以後的頭髮"), "乾隆以后的头发");
    }
}
