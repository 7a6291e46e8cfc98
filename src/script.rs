//! Traditional script folded to simplified, for matching, in a text laid out byte for byte like
//! the original.
//!
//! Government sites of Hong Kong, Macao and Taiwan, and traditional-script mirrors of mainland
//! sites, publish the same documents as `第七條`, `牽頭單位`, `按職責分工負責`. The parser, the agency
//! rules, the segmenter and the scorer read the simplified form; every span, quote and report
//! keeps the text as written. Each character is converted by OpenCC's `t2s` character table
//! (through the ferrous-opencc crate) once, then read from a lock-free table: a traditional
//! document parses at nearly the speed of a simplified one. The conversion is character by
//! character, not phrase by phrase: OpenCC's phrase table mostly picks between forms of words
//! that policy documents do not use (`乾隆` stays 乾隆 by phrase, becomes 干隆 by character), and
//! it would cost two and a half times the parse. [`simplify`] keeps the byte layout: each
//! character is replaced by one of the same UTF-8 length (a form of another length is not
//! used), so that a byte range of the simplified text is the same range of the text as written.

use ferrous_opencc::OpenCC;
use ferrous_opencc::config::BuiltinConfig;
use rustc_hash::FxHashMap;
use std::borrow::Cow;
use std::sync::atomic::{AtomicU8, AtomicU32, Ordering};
use std::sync::{LazyLock, RwLock};

/// The converter, built on first use (about a millisecond). `None` if OpenCC's built-in data
/// cannot be loaded, in which case text is matched as written.
static T2S: LazyLock<Option<OpenCC>> = LazyLock::new(|| OpenCC::from_config(BuiltinConfig::T2s).ok());

/// Each character seen so far and its simplified form (itself when it has none).
static CHARS: LazyLock<RwLock<FxHashMap<char, char>>> = LazyLock::new(|| RwLock::new(FxHashMap::default()));

/// Characters below this code point (Latin, punctuation, kana, CJK symbols) have no simplified form.
const FIRST_HAN: char = '\u{3400}';

/// For each character of the Basic Multilingual Plane, what is known of it: nothing yet (0),
/// [`SAME`] or [`CHANGED`], one byte read per character of a text; and for a changed one, its
/// form in [`FORMS`] (both read without a lock once known).
static STATE: [AtomicU8; 65536] = [const { AtomicU8::new(0) }; 65536];
/// The character has no simplified form.
const SAME: u8 = 1;
/// The character has a simplified form.
const CHANGED: u8 = 2;
static FORMS: [AtomicU32; 65536] = [const { AtomicU32::new(0) }; 65536];

/// The simplified form of one character (itself when it has none), from the tables once known.
fn form(c: char) -> char {
    let n = c as usize;
    if c < FIRST_HAN {
        return c;
    }
    if n >= 65536 {
        return simple_char(c);
    }
    match STATE[n].load(Ordering::Acquire) {
        SAME => return c,
        CHANGED => return char::from_u32(FORMS[n].load(Ordering::Relaxed)).unwrap_or(c),
        _ => {}
    }
    let s = simple_char(c);
    if s != c {
        // The form before the state that says to read it.
        FORMS[n].store(s as u32, Ordering::Relaxed);
    }
    STATE[n].store(if s != c { CHANGED } else { SAME }, Ordering::Release);
    s
}

/// The simplified form of one character by OpenCC, of the same UTF-8 length, or the character
/// itself; remembered.
fn simple_char(c: char) -> char {
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

/// Whether `text` holds a character with a simplified form. Reads the UTF-8 bytes: only
/// characters from U+3400 on are looked up.
pub(crate) fn has_traditional(text: &str) -> bool {
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let x = b[i];
        if x < 0xE3 {
            // ASCII, or a character below U+3000 (two bytes, or three led by E0-E2).
            i += if x < 0x80 {
                1
            } else if x < 0xE0 {
                2
            } else {
                3
            };
            continue;
        }
        if x >= 0xF0 {
            // Outside the Basic Multilingual Plane: rare, looked up as a char.
            if text
                .get(i..i + 4)
                .and_then(|s| s.chars().next())
                .is_some_and(|c| form(c) != c)
            {
                return true;
            }
            i += 4;
            continue;
        }
        // Three bytes: decoded in place (the text is valid UTF-8).
        let n = ((x as usize & 0x0F) << 12) | ((b[i + 1] as usize & 0x3F) << 6) | (b[i + 2] as usize & 0x3F);
        if n >= FIRST_HAN as usize && changes(n) {
            return true;
        }
        i += 3;
    }
    false
}

/// Whether the character with code point `n` (in the Basic Multilingual Plane, from
/// [`FIRST_HAN`] on) has a simplified form; the tables are read without a lock once known.
#[inline]
fn changes(n: usize) -> bool {
    match STATE[n].load(Ordering::Relaxed) {
        SAME => false,
        CHANGED => true,
        _ => char::from_u32(n as u32).is_some_and(|c| form(c) != c),
    }
}

/// Whether `c` is a CJK unified ideograph of the basic block (U+4E00-U+9FFF): most characters
/// of a text, every one of them alphabetic, two columns wide and unchanged by folding, told
/// apart without Unicode's tables.
pub(crate) fn is_basic_ideograph(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c)
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
    Cow::Owned(text.chars().map(form).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_basic_ideographs_are_all_letters() {
        let block = ('\u{4e00}'..='\u{9fff}').collect::<Vec<char>>();
        assert_eq!(block.len(), 0x5200);
        assert!(block.iter().all(|c| is_basic_ideograph(*c) && c.is_alphabetic()));
        assert!(!is_basic_ideograph('〇') && !is_basic_ideograph('，') && !is_basic_ideograph('a'));
    }

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
    fn characters_take_their_simplified_form() {
        // 著 keeps its form (著作权), 後 and 髮 become 后 and 发, 於 becomes 于.
        assert_eq!(simplify("著作權"), "著作权");
        assert_eq!(simplify("以後的頭髮於此"), "以后的头发于此");
    }
}
