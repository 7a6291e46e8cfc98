//! The text layer of a PDF read with lopdf, for the fonts a printed government document uses:
//! composite fonts with `Identity-H` encoding and simple fonts (TrueType, Type 1, Type 3), each
//! with a ToUnicode map. Each font's map is read once for the whole document. Glyphs are
//! written in the order of the content streams, a new line where the baseline moves. A font of
//! another kind makes the reader give up (`Ok(None)`), and the caller falls back on pdf-extract,
//! which reads more kinds of font, more slowly.

use super::Failure;
use lopdf::content::Content;
use lopdf::{Dictionary, Document, Object};
use std::collections::HashMap;

/// How a font's codes become text.
struct FontMap {
    /// Bytes per code: 2 for `Identity-H`, 1 for simple fonts.
    width: usize,
    map: HashMap<u32, String>,
}

/// Hex digits of a CMap token (`<4E2D>`) as a number.
fn hex(token: &str) -> Option<u32> {
    u32::from_str_radix(token.trim_matches(['<', '>']), 16).ok()
}

/// The text of a UTF-16BE hex string (`<4E2D6587>`).
fn utf16(token: &str) -> Option<String> {
    let h = token.trim_matches(['<', '>']);
    let units: Option<Vec<u16>> = (0..h.len() / 4)
        .map(|i| u16::from_str_radix(h.get(i * 4..i * 4 + 4)?, 16).ok())
        .collect();
    Some(String::from_utf16_lossy(&units?))
}

/// The code → text pairs of a ToUnicode CMap (`bfchar` and `bfrange` sections).
fn parse_to_unicode(cmap: &str) -> HashMap<u32, String> {
    let mut map = HashMap::new();
    let tokens: Vec<&str> = cmap
        .split(|c: char| c.is_whitespace() || c == '[' || c == ']')
        .filter(|t| !t.is_empty())
        .collect();
    let mut i = 0;
    while i < tokens.len() {
        match tokens[i] {
            "beginbfchar" => {
                i += 1;
                while i + 1 < tokens.len() && tokens[i] != "endbfchar" {
                    if let (Some(code), Some(text)) = (hex(tokens[i]), utf16(tokens[i + 1])) {
                        map.insert(code, text);
                    }
                    i += 2;
                }
            }
            "beginbfrange" => {
                i += 1;
                while i + 2 < tokens.len() && tokens[i] != "endbfrange" {
                    let (Some(lo), Some(hi)) = (hex(tokens[i]), hex(tokens[i + 1])) else {
                        i += 1;
                        continue;
                    };
                    if !tokens[i + 2].starts_with('<') {
                        i += 3;
                        continue;
                    }
                    // `<lo> <hi> <dst>` or `<lo> <hi> [<d1> <d2> …]`: the brackets were split
                    // away, so a run of hi - lo + 1 destinations follows, or one.
                    let n = (hi.saturating_sub(lo) + 1) as usize;
                    let run = tokens[i + 2..]
                        .iter()
                        .take(n)
                        .take_while(|t| t.starts_with('<'))
                        .count();
                    if run == n
                        && n > 1
                        && tokens
                            .get(i + 2 + n)
                            .is_none_or(|t| !t.starts_with('<') || *t == "endbfrange")
                    {
                        for k in 0..n {
                            if let Some(text) = utf16(tokens[i + 2 + k]) {
                                map.insert(lo + k as u32, text);
                            }
                        }
                        i += 2 + n;
                    } else {
                        if let Some(first) = utf16(tokens[i + 2]) {
                            let mut units: Vec<u16> = first.encode_utf16().collect();
                            for code in lo..=hi.min(lo + 0xFFFF) {
                                map.insert(code, String::from_utf16_lossy(&units));
                                if let Some(last) = units.last_mut() {
                                    *last = last.wrapping_add(1);
                                }
                            }
                        }
                        i += 3;
                    }
                }
            }
            _ => i += 1,
        }
    }
    map
}

fn name<'a>(doc: &'a Document, dict: &'a Dictionary, key: &[u8]) -> Option<&'a [u8]> {
    let obj = dict.get(key).ok()?;
    doc.dereference(obj).ok()?.1.as_name().ok()
}

/// How to read the codes of a font, or `None` for a kind this reader does not handle.
fn font_map(doc: &Document, font: &Dictionary) -> Option<FontMap> {
    let width = match name(doc, font, b"Subtype")? {
        b"Type0" => match name(doc, font, b"Encoding") {
            Some(b"Identity-H" | b"Identity-V") => 2,
            _ => return None,
        },
        b"TrueType" | b"Type1" | b"Type3" | b"MMType1" => 1,
        _ => return None,
    };
    let stream = doc.dereference(font.get(b"ToUnicode").ok()?).ok()?.1.as_stream().ok()?;
    let bytes = stream.decompressed_content().unwrap_or_else(|_| stream.content.clone());
    let map = parse_to_unicode(&String::from_utf8_lossy(&bytes));
    (!map.is_empty()).then_some(FontMap { width, map })
}

/// A 2-D affine transform `[a b c d e f]`.
type Matrix = [f32; 6];
const IDENTITY: Matrix = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];

fn multiply(m: &Matrix, n: &Matrix) -> Matrix {
    [
        m[0] * n[0] + m[1] * n[2],
        m[0] * n[1] + m[1] * n[3],
        m[2] * n[0] + m[3] * n[2],
        m[2] * n[1] + m[3] * n[3],
        m[4] * n[0] + m[5] * n[2] + n[4],
        m[4] * n[1] + m[5] * n[3] + n[5],
    ]
}

fn numbers(operands: &[Object]) -> Vec<f32> {
    operands.iter().filter_map(|o| o.as_float().ok()).collect()
}

/// The page's text as the content stream draws it, one line per baseline.
struct Page {
    names: HashMap<Vec<u8>, *const Dictionary>,
    out: String,
    last_y: Option<f32>,
    size: f32,
}

impl Page {
    fn show(&mut self, font: Option<&FontMap>, bytes: &[u8], tm: &Matrix, ctm: &Matrix) -> Option<()> {
        let font = font?;
        let m = multiply(tm, ctm);
        let y = m[5];
        let height = (self.size * m[3]).abs().max(1.0);
        if self.last_y.is_some_and(|last| (last - y).abs() > height * 0.5) && !self.out.ends_with('\n') {
            self.out.push('\n');
        }
        self.last_y = Some(y);
        for code in bytes.chunks(font.width) {
            let code = code.iter().fold(0u32, |a, &b| (a << 8) | u32::from(b));
            match font.map.get(&code) {
                Some(text) => self.out.push_str(text),
                None if font.width == 1 && code < 0x80 => self.out.push(char::from(code as u8)),
                None => {}
            }
        }
        Some(())
    }
}

/// The page's font names and the fonts they stand for, each font's map read the first time
/// any page uses it.
fn page_fonts(
    doc: &Document,
    page_id: lopdf::ObjectId,
    fonts: &mut HashMap<*const Dictionary, Option<FontMap>>,
) -> HashMap<Vec<u8>, *const Dictionary> {
    let mut names = HashMap::new();
    for (key, dict) in doc.get_page_fonts(page_id).unwrap_or_default() {
        let ptr = dict as *const Dictionary;
        fonts.entry(ptr).or_insert_with(|| font_map(doc, dict));
        names.insert(key, ptr);
    }
    names
}

/// The text of every page, or `None` when a font is of a kind this reader does not handle.
pub(super) fn pages(bytes: &[u8]) -> Result<Option<Vec<String>>, Failure> {
    let doc = Document::load_mem(bytes).map_err(|e| Failure::new(format!("the PDF cannot be read ({e})")))?;
    let mut fonts: HashMap<*const Dictionary, Option<FontMap>> = HashMap::new();
    let mut out = Vec::new();
    for (_, page_id) in doc.get_pages() {
        let names = page_fonts(&doc, page_id, &mut fonts);
        let content = doc
            .get_page_content(page_id)
            .map_err(|e| Failure::new(format!("a page cannot be read ({e})")))?;
        let ops = Content::decode(&content).map_err(|e| Failure::new(format!("a page cannot be read ({e})")))?;
        let mut page = Page {
            names,
            out: String::new(),
            last_y: None,
            size: 1.0,
        };
        let (mut ctm, mut stack): (Matrix, Vec<Matrix>) = (IDENTITY, Vec::new());
        let (mut tm, mut tlm) = (IDENTITY, IDENTITY);
        let mut leading = 0.0f32;
        let mut font: Option<*const Dictionary> = None;
        for op in &ops.operations {
            let n = numbers(&op.operands);
            let current = |font: Option<*const Dictionary>| font.and_then(|f| fonts.get(&f)).map(|f| f.as_ref());
            match op.operator.as_str() {
                "q" => stack.push(ctm),
                "Q" => ctm = stack.pop().unwrap_or(IDENTITY),
                "cm" if n.len() == 6 => ctm = multiply(&[n[0], n[1], n[2], n[3], n[4], n[5]], &ctm),
                "BT" => (tm, tlm) = (IDENTITY, IDENTITY),
                "Tf" => {
                    let key = op.operands.first().and_then(|o| o.as_name().ok()).unwrap_or_default();
                    font = page.names.get(key).copied();
                    page.size = n.first().copied().unwrap_or(1.0);
                    if let Some(None) = current(font) {
                        return Ok(None);
                    }
                }
                "TL" if !n.is_empty() => leading = n[0],
                "Td" | "TD" if n.len() == 2 => {
                    if op.operator == "TD" {
                        leading = -n[1];
                    }
                    tlm = multiply(&[1.0, 0.0, 0.0, 1.0, n[0], n[1]], &tlm);
                    tm = tlm;
                }
                "Tm" if n.len() == 6 => {
                    (tm, tlm) = (
                        [n[0], n[1], n[2], n[3], n[4], n[5]],
                        [n[0], n[1], n[2], n[3], n[4], n[5]],
                    )
                }
                "T*" => {
                    tlm = multiply(&[1.0, 0.0, 0.0, 1.0, 0.0, -leading], &tlm);
                    tm = tlm;
                }
                "Tj" | "'" | "\"" => {
                    if op.operator != "Tj" {
                        tlm = multiply(&[1.0, 0.0, 0.0, 1.0, 0.0, -leading], &tlm);
                        tm = tlm;
                    }
                    if let Some(Ok(s)) = op.operands.last().map(Object::as_str) {
                        let f = current(font).flatten();
                        page.show(f, s, &tm, &ctm);
                    }
                }
                "TJ" => {
                    let f = current(font).flatten();
                    if let Some(Ok(items)) = op.operands.first().map(Object::as_array) {
                        for s in items.iter().filter_map(|o| o.as_str().ok()) {
                            page.show(f, s, &tm, &ctm);
                        }
                    }
                }
                _ => {}
            }
        }
        out.push(page.out);
    }
    Ok(Some(out))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn to_unicode_maps() {
        let cmap = "1 begincodespacerange <0000> <FFFF> endcodespacerange\n\
            2 beginbfchar <0003> <76F8> <0004> <5C71> endbfchar\n\
            2 beginbfrange <0010> <0012> <4E00> <0020> <0021> [<0041> <0042>] endbfrange";
        let m = parse_to_unicode(cmap);
        assert_eq!(m[&3], "相");
        assert_eq!(m[&4], "山");
        assert_eq!((m[&0x10].as_str(), m[&0x12].as_str()), ("一", "丂"));
        assert_eq!((m[&0x20].as_str(), m[&0x21].as_str()), ("A", "B"));
    }
}
