//! Stage 1: bytes to text.
//!
//! Accepts UTF-8 (with or without BOM), UTF-16 LE/BE (with a BOM, or without one when its zero
//! bytes give it away), and the legacy Chinese encodings (GB18030, of which GBK and GB2312 are
//! subsets). A byte-order mark decides when present. Text that is UTF-8 but for a few stray or
//! cut bytes is read as UTF-8: each bad sequence becomes U+FFFD and is reported with its line and
//! byte ([`Decoded::replaced`]), nothing else changes. Anything else is detected with chardetng
//! and decoded with encoding_rs without replacement characters: a malformed sequence is an error
//! that names the byte, never silent garbage. Files that are not text at all (PDF, Word, ZIP,
//! images) are named as such.

use crate::error::{Error, Location, Result};
use encoding_rs::{DecoderResult, Encoding, GB18030, UTF_8, UTF_16BE, UTF_16LE};

/// Text decoded from an input, with the encoding it was read in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The decoded text, BOM removed, line endings untouched.
    pub text: String,
    /// The name of the encoding the bytes were read as as encoding_rs names it (`"UTF-8"`, `"gb18030"`, `"UTF-16LE"`, …).
    pub encoding: &'static str,
    /// The malformed byte sequences of a UTF-8 input that were replaced by U+FFFD, in order.
    pub replaced: Vec<Replaced>,
}

/// A malformed byte sequence replaced by U+FFFD.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Replaced {
    /// The 1-based line of the input it is on.
    pub line: usize,
    /// Its first byte, counted from the start of the input.
    pub byte: usize,
    /// The bytes replaced.
    pub bytes: Vec<u8>,
    /// Where the replacement character is in [`Decoded::text`] (a byte offset).
    pub at: usize,
}

/// What a file that is not text is, by its first bytes: `(what it is, what to do)`.
fn not_text(bytes: &[u8]) -> Option<(&'static str, &'static str)> {
    let head = &bytes[..bytes.len().min(4096)];
    let has = |needle: &[u8]| head.windows(needle.len()).any(|w| w == needle);
    if bytes.starts_with(b"%PDF-") {
        Some((
            "a PDF document",
            "read it with Document::from_bytes, which extracts its text layer",
        ))
    } else if bytes.starts_with(b"PK\x03\x04") {
        Some(if has(b"word/") {
            (
                "a Word document (DOCX)",
                "read it with Document::from_bytes, which extracts its text",
            )
        } else if has(b"OFD.xml") {
            ("an OFD document", "extract its text first")
        } else if has(b"xl/") {
            ("an Excel workbook (XLSX)", "export the sheet as text or CSV first")
        } else {
            ("a ZIP archive", "unpack it first")
        })
    } else if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        Some((
            "a legacy Office document (DOC, XLS or WPS)",
            "save it as DOCX or text first",
        ))
    } else if bytes.starts_with(b"{\\rtf") {
        Some(("an RTF document", "save it as plain text first"))
    } else if bytes.starts_with(b"\x89PNG") || bytes.starts_with(&[0xFF, 0xD8, 0xFF]) || bytes.starts_with(b"GIF8") {
        Some(("an image", "run OCR on it first"))
    } else {
        None
    }
}

/// UTF-16 without a byte-order mark: text in UTF-16 has a zero byte in most ASCII code units
/// (line ends, digits, punctuation), nearly always on the same side of the pair, and read that
/// way it is text (Chinese, ASCII, white space; no control character).
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(1 << 16) & !1];
    let (mut even, mut odd) = (0usize, 0usize);
    for pair in head.chunks_exact(2) {
        even += usize::from(pair[0] == 0);
        odd += usize::from(pair[1] == 0);
    }
    let units = head.len() / 2;
    // At least four units and one in forty with a zero byte, four in five of them on one side.
    let (zeros, other, encoding) = if odd >= even {
        (odd, even, UTF_16LE)
    } else {
        (even, odd, UTF_16BE)
    };
    if zeros < 4 || zeros * 40 < units || other * 4 > zeros {
        return None;
    }
    let (text, malformed) = encoding.decode_without_bom_handling(head);
    // A head cut from a longer input may end inside a surrogate pair.
    let malformed = malformed && head.len() == bytes.len();
    let plausible = text
        .chars()
        .filter(|&c| c.is_ascii_graphic() || matches!(c, ' ' | '\n' | '\r' | '\t' | '\u{3000}') || is_cjk_text(c))
        .count();
    (!malformed && plausible * 10 >= text.chars().count() * 9).then_some(encoding)
}

/// Is `c` a character of Chinese text beyond ASCII (CJK ideographs and punctuation, fullwidth
/// forms, general punctuation, the replacement character)?
fn is_cjk_text(c: char) -> bool {
    matches!(c, '\u{2000}'..='\u{206F}' | '\u{2E80}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' | '\u{FE30}'..='\u{FFEF}' | '\u{20000}'..='\u{3FFFF}')
        || matches!(c, '\u{00B7}' | '\u{00D7}' | '\u{2460}'..='\u{24FF}' | '\u{25A0}'..='\u{25FF}')
}

/// Reads `bytes` as UTF-8 with each malformed sequence replaced, when the input is UTF-8 but
/// for a few bad bytes: its valid non-ASCII characters are mostly those of Chinese text (GBK
/// read as UTF-8 gives Cyrillic, Hebrew and Arabic letters where it decodes at all), and the bad
/// sequences are at most two, or one for each twenty such characters. `None` otherwise.
fn mostly_utf8(bytes: &[u8], offset: usize, raw: &[u8]) -> Option<(String, Vec<Replaced>)> {
    let (mut chinese, mut other, mut bad) = (0usize, 0usize, 0usize);
    for chunk in bytes.utf8_chunks() {
        for c in chunk.valid().chars().filter(|c| !c.is_ascii()) {
            if is_cjk_text(c) { chinese += 1 } else { other += 1 }
        }
        bad += usize::from(!chunk.invalid().is_empty());
    }
    if chinese == 0 || other * 5 > chinese || bad > 2.max(chinese / 20) {
        return None;
    }
    let mut text = String::with_capacity(bytes.len() + 3 * bad);
    let mut replaced = Vec::new();
    let mut pos = offset;
    for chunk in bytes.utf8_chunks() {
        text.push_str(chunk.valid());
        pos += chunk.valid().len();
        if !chunk.invalid().is_empty() {
            let location = Location::at_byte("", raw, pos);
            replaced.push(Replaced {
                line: location.line.unwrap_or(1),
                byte: pos,
                bytes: chunk.invalid().to_vec(),
                at: text.len(),
            });
            text.push('\u{FFFD}');
            pos += chunk.invalid().len();
        }
    }
    Some((text, replaced))
}

/// Decodes the bytes of one input. `source` names it in errors (a path or a bundled name).
///
/// ```
/// let gbk = encoding_rs::GBK.encode("一、总体要求").0;
/// let decoded = policy_align::decode(&gbk, "notice.txt").unwrap();
/// assert_eq!(decoded.text, "一、总体要求");
/// assert_eq!(decoded.encoding, "gb18030");
///
/// // UTF-8 cut in the middle of a character: read as UTF-8, the bad bytes reported.
/// let mut cut = "一、总体要求\n二、重点任务".as_bytes().to_vec();
/// cut.truncate(cut.len() - 1);
/// let decoded = policy_align::decode(&cut, "cut.txt").unwrap();
/// assert_eq!(decoded.encoding, "UTF-8");
/// assert_eq!((decoded.replaced[0].line, decoded.replaced[0].byte), (2, 34));
///
/// let err = policy_align::decode(b"%PDF-1.4\n%...", "notice.pdf").unwrap_err();
/// assert_eq!(err.to_string(), "notice.pdf: a PDF document: read it with Document::from_bytes, which extracts its text layer");
/// ```
pub fn decode(bytes: &[u8], source: &str) -> Result<Decoded> {
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        let body = &bytes[bom_len..];
        if encoding == UTF_8
            && std::str::from_utf8(body).is_err()
            && let Some((text, replaced)) = mostly_utf8(body, bom_len, bytes)
        {
            return finish(text, UTF_8, source, bytes, bom_len, replaced);
        }
        let text = decode_strict(encoding, body, source, bytes, bom_len)?;
        return finish(text, encoding, source, bytes, bom_len, Vec::new());
    }
    if let Some((what, advice)) = not_text(bytes) {
        return Err(Error::NotText {
            location: Location::file(source),
            what,
            advice,
        });
    }
    if let Some(encoding) = utf16_without_bom(bytes) {
        let text = decode_strict(encoding, bytes, source, bytes, 0)?;
        return finish(text, encoding, source, bytes, 0, Vec::new());
    }
    if let Some(pos) = binary_byte(bytes) {
        return Err(Error::Binary {
            location: Location::at_byte(source, bytes, pos),
            detail: format!("control byte 0x{:02X}", bytes[pos]),
        });
    }
    // Validated once, with SIMD (most input is valid UTF-8): the text is the bytes.
    let encoding = match simdutf8::basic::from_utf8(bytes) {
        Ok(text) => return finish(text.to_owned(), UTF_8, source, bytes, 0, Vec::new()),
        Err(_) => {
            if let Some((text, replaced)) = mostly_utf8(bytes, 0, bytes) {
                return finish(text, UTF_8, source, bytes, 0, replaced);
            }
            let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
            detector.feed(bytes, true);
            let guess = detector.guess(Some(b"cn"), chardetng::Utf8Detection::Allow);
            // GBK and GB2312 are read as their superset GB18030, which decodes them identically.
            if guess == encoding_rs::GBK { GB18030 } else { guess }
        }
    };
    let text = decode_strict(encoding, bytes, source, bytes, 0)?;
    finish(text, encoding, source, bytes, 0, Vec::new())
}

fn finish(
    text: String,
    encoding: &'static Encoding,
    source: &str,
    raw: &[u8],
    offset: usize,
    replaced: Vec<Replaced>,
) -> Result<Decoded> {
    if text.trim().is_empty() {
        return Err(Error::Empty {
            location: Location::file(source),
        });
    }
    if let Some((i, c)) = first_control(&text) {
        // Map the char index back to a raw byte only approximately for non-UTF-8 inputs.
        let byte = if encoding == UTF_8 { offset + i } else { offset };
        return Err(Error::Binary {
            location: Location::at_byte(source, raw, byte),
            detail: format!("control character U+{:04X}", c as u32),
        });
    }
    Ok(Decoded {
        text,
        encoding: encoding.name(),
        replaced,
    })
}

/// The first control character of a text other than line breaks, tab, form feed and the DOS
/// end-of-file mark (`\u{1a}`), with its byte index. Read by bytes: in UTF-8 a control
/// character is a byte below 0x20, 0x7F, or 0xC2 followed by 0x80-0x9F (U+0080-U+009F).
fn first_control(text: &str) -> Option<(usize, char)> {
    let bytes = text.as_bytes();
    let mut from = 0;
    while let Some(k) = bytes[from..].iter().position(|&b| b < 0x20 || b == 0x7F || b == 0xC2) {
        let i = from + k;
        let control = match bytes[i] {
            0xC2 => bytes.get(i + 1).is_some_and(|n| (0x80..=0x9F).contains(n)),
            b => !matches!(b, b'\n' | b'\r' | b'\t' | 0x0C | 0x1A),
        };
        if control {
            return text[i..].chars().next().map(|c| (i, c));
        }
        from = i + 1;
    }
    None
}

/// First byte that a text document in an ASCII-compatible encoding never holds.
fn binary_byte(bytes: &[u8]) -> Option<usize> {
    bytes
        .iter()
        .position(|&b| b == 0 || (b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0C | 0x1A)))
}

fn decode_strict(encoding: &'static Encoding, body: &[u8], source: &str, raw: &[u8], offset: usize) -> Result<String> {
    if encoding == UTF_8 {
        return match std::str::from_utf8(body) {
            Ok(s) => Ok(s.to_owned()),
            Err(e) => Err(Error::Undecodable {
                location: Location::at_byte(source, raw, offset + e.valid_up_to()),
                encoding: "UTF-8",
            }),
        };
    }
    let mut decoder = encoding.new_decoder_without_bom_handling();
    let mut text = String::with_capacity(body.len() * 3 / 2 + 16);
    let max = decoder
        .max_utf8_buffer_length_without_replacement(body.len())
        .unwrap_or(body.len() * 4 + 16);
    text.reserve(max);
    let (result, read) = decoder.decode_to_string_without_replacement(body, &mut text, true);
    match result {
        DecoderResult::InputEmpty => Ok(text),
        DecoderResult::Malformed(bad, _) => {
            let at = offset + read.saturating_sub(bad as usize);
            Err(Error::Undecodable {
                location: Location::at_byte(source, raw, at),
                encoding: encoding.name(),
            })
        }
        // The buffer was reserved to the maximum, so this cannot happen; treat it as malformed.
        DecoderResult::OutputFull => Err(Error::Undecodable {
            location: Location::at_byte(source, raw, offset + read),
            encoding: encoding.name(),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_found_by_their_bytes() {
        let by_chars = |t: &str| {
            t.char_indices()
                .find(|&(_, c)| c == '\0' || (c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{c}' | '\u{1a}')))
        };
        for t in [
            "第一条\r\n\t内容\u{c}\u{1a}",
            "甲\u{7f}乙",
            "甲\u{85}乙",
            "甲\u{9f}",
            "甲\u{a0}乙\u{80}",
            "\u{0}",
            "正文\u{1b}[0m",
            "Ä é ¡ \u{c2}",
        ] {
            assert_eq!(first_control(t), by_chars(t), "{t:?}");
        }
        // Every character of the Latin-1 Supplement and the ASCII range.
        let all: String = ('\u{0}'..='\u{ff}').collect();
        for k in 0..all.len() {
            if let Some(t) = all.get(k..) {
                assert_eq!(first_control(t), by_chars(t));
            }
        }
    }

    #[test]
    fn utf8_with_and_without_bom() {
        assert_eq!(decode("知识产权".as_bytes(), "a").unwrap().text, "知识产权");
        let mut bom = vec![0xEF, 0xBB, 0xBF];
        bom.extend_from_slice("知识产权".as_bytes());
        let d = decode(&bom, "a").unwrap();
        assert_eq!((d.text.as_str(), d.encoding), ("知识产权", "UTF-8"));
    }

    #[test]
    fn utf16_with_bom() {
        let mut le = vec![0xFF, 0xFE];
        let mut be = vec![0xFE, 0xFF];
        for u in "一、总体要求\r\n".encode_utf16() {
            le.extend_from_slice(&u.to_le_bytes());
            be.extend_from_slice(&u.to_be_bytes());
        }
        assert_eq!(decode(&le, "le").unwrap().text, "一、总体要求\r\n");
        assert_eq!(decode(&le, "le").unwrap().encoding, "UTF-16LE");
        assert_eq!(decode(&be, "be").unwrap().text, "一、总体要求\r\n");
    }

    #[test]
    fn gbk_is_detected() {
        let text = "关于强化知识产权保护的实施方案\n一、总体要求\n加大侵权假冒行为惩戒力度。";
        let bytes = encoding_rs::GBK.encode(text).0;
        let d = decode(&bytes, "gbk.txt").unwrap();
        assert_eq!(d.text, text);
        assert_eq!(d.encoding, "gb18030");
    }

    #[test]
    fn binary_and_empty_are_errors() {
        let err = decode(b"PK\x03\x04\x00\x00", "x.zip").unwrap_err();
        assert!(matches!(err, Error::NotText { .. }), "{err}");
        assert_eq!(err.to_string(), "x.zip: a ZIP archive: unpack it first");
        let err = decode(b"abc\x00\x01def", "x.bin").unwrap_err();
        assert!(err.to_string().starts_with("x.bin:1 (byte 3)"), "{err}");
        assert!(matches!(decode(b"", "e.txt").unwrap_err(), Error::Empty { .. }));
        assert!(matches!(decode(b" \n\r\n ", "e.txt").unwrap_err(), Error::Empty { .. }));
    }

    #[test]
    fn gbk_read_as_utf8_is_not_mostly_utf8() {
        let text = "关于强化知识产权保护的实施方案，加大侵权假冒行为惩戒力度。";
        let bytes = encoding_rs::GBK.encode(text).0;
        assert!(mostly_utf8(&bytes, 0, &bytes).is_none());
        assert!(utf16_without_bom(&bytes).is_none());
        assert!(utf16_without_bom("plain ASCII text, long enough".as_bytes()).is_none());
    }

    #[test]
    fn malformed_utf16_names_the_byte() {
        // A lone high surrogate followed by text.
        let bytes = [0xFF, 0xFE, 0x00, 0xD8, 0x41, 0x00];
        let err = decode(&bytes, "bad.txt").unwrap_err();
        assert!(
            matches!(
                err,
                Error::Undecodable {
                    encoding: "UTF-16LE",
                    ..
                }
            ),
            "{err}"
        );
    }
}
