//! Stage 1: bytes to text.
//!
//! Accepts UTF-8 (with or without BOM), UTF-16 LE/BE with BOM, and the legacy Chinese
//! encodings (GB18030, of which GBK and GB2312 are subsets). A byte-order mark decides when
//! present; otherwise valid UTF-8 is taken as UTF-8 and anything else is detected with
//! chardetng and decoded with encoding_rs, without replacement characters: a malformed
//! sequence is an error that names the byte, never silent garbage.

use crate::error::{Error, Location, Result};
use encoding_rs::{DecoderResult, Encoding, GB18030, UTF_8};

/// Text decoded from an input, with the encoding it was read in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The decoded text, BOM removed, line endings untouched.
    pub text: String,
    /// The name of the encoding the bytes were read as as encoding_rs names it (`"UTF-8"`, `"gb18030"`, `"UTF-16LE"`, …).
    pub encoding: &'static str,
}

/// Decodes the bytes of one input. `source` names it in errors (a path or a bundled name).
///
/// ```
/// let gbk = encoding_rs::GBK.encode("一、总体要求").0;
/// let decoded = policy_align::decode(&gbk, "notice.txt").unwrap();
/// assert_eq!(decoded.text, "一、总体要求");
/// assert_eq!(decoded.encoding, "gb18030");
/// ```
pub fn decode(bytes: &[u8], source: &str) -> Result<Decoded> {
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        let body = &bytes[bom_len..];
        let text = decode_strict(encoding, body, source, bytes, bom_len)?;
        return finish(text, encoding, source, bytes, bom_len);
    }
    if let Some(pos) = binary_byte(bytes) {
        return Err(Error::Binary {
            location: Location::at_byte(source, bytes, pos),
            detail: format!("control byte 0x{:02X}", bytes[pos]),
        });
    }
    let encoding = match std::str::from_utf8(bytes) {
        Ok(_) => UTF_8,
        Err(_) => {
            let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
            detector.feed(bytes, true);
            let guess = detector.guess(Some(b"cn"), chardetng::Utf8Detection::Allow);
            // GBK and GB2312 are read as their superset GB18030, which decodes them identically.
            if guess == encoding_rs::GBK { GB18030 } else { guess }
        }
    };
    let text = decode_strict(encoding, bytes, source, bytes, 0)?;
    finish(text, encoding, source, bytes, 0)
}

fn finish(text: String, encoding: &'static Encoding, source: &str, raw: &[u8], offset: usize) -> Result<Decoded> {
    if text.trim().is_empty() {
        return Err(Error::Empty {
            location: Location::file(source),
        });
    }
    if let Some((i, c)) = text
        .char_indices()
        .find(|&(_, c)| c == '\0' || (c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{c}' | '\u{1a}')))
    {
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
    })
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
        assert!(matches!(err, Error::Binary { .. }), "{err}");
        assert!(err.to_string().starts_with("x.zip:1 (byte 2)"), "{err}");
        assert!(matches!(decode(b"", "e.txt").unwrap_err(), Error::Empty { .. }));
        assert!(matches!(decode(b" \n\r\n ", "e.txt").unwrap_err(), Error::Empty { .. }));
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
