//! Word documents (DOCX): the paragraphs of `word/document.xml` in order, with the numbers Word
//! generates for list paragraphs (from `word/numbering.xml`), and tables row by row.

use super::Failure;
use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};
use std::collections::HashMap;
use std::io::Read;

/// One level of a list: its number format, its text (`%1.`, `（%1）`) and where it starts.
#[derive(Debug, Clone)]
struct Level {
    format: String,
    text: String,
    start: u32,
}

/// The list definitions of `numbering.xml`: each `numId`'s levels, start overrides applied.
#[derive(Debug, Default)]
struct Numbering {
    lists: HashMap<String, HashMap<u32, Level>>,
    /// The abstract definition each list shares counters with.
    abstract_of: HashMap<String, String>,
}

fn attr(e: &BytesStart, name: &[u8]) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.as_ref() == name)
        .and_then(|a| a.unescape_value().ok().map(|v| v.into_owned()))
}

impl Numbering {
    fn parse(xml: &str) -> Result<Numbering, Failure> {
        let mut reader = Reader::from_str(xml);
        let mut abstracts: HashMap<String, HashMap<u32, Level>> = HashMap::new();
        let (mut current_abstract, mut current_num): (Option<String>, Option<String>) = (None, None);
        let mut level: Option<(u32, Level)> = None;
        let mut overrides: HashMap<String, (String, HashMap<u32, u32>)> = HashMap::new();
        let mut override_level: Option<u32> = None;
        loop {
            let event = reader
                .read_event()
                .map_err(|e| Failure::new(format!("numbering.xml: {e}")))?;
            match event {
                Event::Start(e) | Event::Empty(e) => match e.local_name().as_ref() {
                    b"abstractNum" => current_abstract = attr(&e, b"w:abstractNumId"),
                    b"lvl" if current_abstract.is_some() => {
                        let ilvl = attr(&e, b"w:ilvl").and_then(|v| v.parse().ok()).unwrap_or(0);
                        let blank = Level {
                            format: "decimal".into(),
                            text: String::new(),
                            start: 1,
                        };
                        level = Some((ilvl, blank));
                    }
                    b"start" => {
                        let v = attr(&e, b"w:val").and_then(|v| v.parse().ok());
                        if let (Some((_, l)), Some(v)) = (level.as_mut(), v) {
                            l.start = v;
                        }
                    }
                    b"numFmt" => {
                        if let (Some((_, l)), Some(v)) = (level.as_mut(), attr(&e, b"w:val")) {
                            l.format = v;
                        }
                    }
                    b"lvlText" => {
                        if let (Some((_, l)), Some(v)) = (level.as_mut(), attr(&e, b"w:val")) {
                            l.text = v;
                        }
                    }
                    b"num" => current_num = attr(&e, b"w:numId"),
                    b"abstractNumId" => {
                        if let (Some(n), Some(a)) = (&current_num, attr(&e, b"w:val")) {
                            overrides.entry(n.clone()).or_default().0 = a;
                        }
                    }
                    b"lvlOverride" => override_level = attr(&e, b"w:ilvl").and_then(|v| v.parse().ok()),
                    b"startOverride" => {
                        let v = attr(&e, b"w:val").and_then(|v| v.parse().ok());
                        if let (Some(n), Some(l), Some(v)) = (&current_num, override_level, v) {
                            overrides.entry(n.clone()).or_default().1.insert(l, v);
                        }
                    }
                    _ => {}
                },
                Event::End(e) => match e.local_name().as_ref() {
                    b"lvl" => {
                        if let (Some(a), Some((i, l))) = (&current_abstract, level.take()) {
                            abstracts.entry(a.clone()).or_default().insert(i, l);
                        }
                    }
                    b"abstractNum" => current_abstract = None,
                    b"num" => current_num = None,
                    b"lvlOverride" => override_level = None,
                    _ => {}
                },
                Event::Eof => break,
                _ => {}
            }
        }
        Ok(Numbering::assemble(&abstracts, overrides))
    }

    /// Each list's levels, from its abstract definition and its start overrides.
    fn assemble(
        abstracts: &HashMap<String, HashMap<u32, Level>>,
        overrides: HashMap<String, (String, HashMap<u32, u32>)>,
    ) -> Numbering {
        let mut n = Numbering::default();
        for (num, (abstract_id, starts)) in overrides {
            let mut levels = abstracts.get(&abstract_id).cloned().unwrap_or_default();
            for (l, s) in &starts {
                if let Some(level) = levels.get_mut(l) {
                    level.start = *s;
                }
            }
            // A list that restarts its numbering counts on its own.
            let shared = if starts.is_empty() {
                abstract_id
            } else {
                format!("{abstract_id}/{num}")
            };
            n.abstract_of.insert(num.clone(), shared);
            n.lists.insert(num, levels);
        }
        n
    }
}

/// A number in a list format: `decimal` 3, `chineseCounting` 三, `upperLetter` C…
fn format_number(n: u32, format: &str) -> String {
    const DIGITS: [char; 10] = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
    let chinese = |n: u32| -> String {
        match n {
            0..=9 => DIGITS[n as usize].to_string(),
            10..=19 => format!(
                "十{}",
                if n > 10 {
                    DIGITS[(n - 10) as usize].to_string()
                } else {
                    String::new()
                }
            ),
            20..=99 => format!(
                "{}十{}",
                DIGITS[(n / 10) as usize],
                if !n.is_multiple_of(10) {
                    DIGITS[(n % 10) as usize].to_string()
                } else {
                    String::new()
                }
            ),
            _ => n.to_string(),
        }
    };
    let letter = |n: u32, base: u8| -> String {
        let k = ((n.max(1) - 1) % 26) as u8;
        char::from(base + k).to_string()
    };
    match format {
        "chineseCounting" | "chineseCountingThousand" | "ideographTraditional" | "japaneseCounting" => chinese(n),
        "ideographDigital" => n
            .to_string()
            .chars()
            .map(|c| DIGITS[c.to_digit(10).unwrap_or(0) as usize])
            .collect(),
        "upperLetter" => letter(n, b'A'),
        "lowerLetter" => letter(n, b'a'),
        "decimalEnclosedCircle" | "decimalEnclosedCircleChinese" if (1..=20).contains(&n) => {
            char::from_u32(0x2460 + n - 1).map(String::from).unwrap_or_default()
        }
        "bullet" | "none" => String::new(),
        _ => n.to_string(),
    }
}

/// The counters of the lists met so far.
#[derive(Default)]
struct Counters {
    values: HashMap<(String, u32), u32>,
}

impl Counters {
    /// The label of a list paragraph of list `num` at level `ilvl`; deeper levels restart.
    fn label(&mut self, numbering: &Numbering, num: &str, ilvl: u32) -> String {
        let (Some(levels), Some(shared)) = (numbering.lists.get(num), numbering.abstract_of.get(num)) else {
            return String::new();
        };
        let Some(level) = levels.get(&ilvl) else {
            return String::new();
        };
        let value = self
            .values
            .entry((shared.clone(), ilvl))
            .and_modify(|v| *v += 1)
            .or_insert(level.start);
        let value = *value;
        self.values.retain(|(s, l), _| s != shared || *l <= ilvl);
        let mut text = level.text.clone();
        for (l, lv) in levels {
            let placeholder = format!("%{}", l + 1);
            if text.contains(&placeholder) {
                let v = if *l == ilvl {
                    value
                } else {
                    self.values.get(&(shared.clone(), *l)).copied().unwrap_or(lv.start)
                };
                text = text.replace(&placeholder, &format_number(v, &lv.format));
            }
        }
        text
    }
}

/// Reads a ZIP entry as text, or `None` when the archive has no such entry.
fn entry<R: std::io::Read + std::io::Seek>(
    zip: &mut zip::ZipArchive<R>,
    name: &str,
) -> Result<Option<String>, Failure> {
    let mut file = match zip.by_name(name) {
        Ok(f) => f,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => return Err(Failure::new(format!("{name}: {e}"))),
    };
    let mut text = String::new();
    file.read_to_string(&mut text)
        .map_err(|e| Failure::new(format!("{name}: {e}")))?;
    Ok(Some(text))
}

/// What a ZIP archive holds, when it is not a Word document: `(what, advice)`.
pub(super) fn zip_kind(names: &[String]) -> Option<(&'static str, &'static str)> {
    let has = |p: &str| names.iter().any(|n| n == p || n.starts_with(p));
    if has("word/document.xml") {
        None
    } else if has("OFD.xml") || has("Doc_0/") {
        Some(("an OFD document", "print it to PDF or save it as text first"))
    } else if has("xl/") {
        Some(("an Excel workbook (XLSX)", "export the sheet as text or CSV first"))
    } else if has("ppt/") {
        Some(("a PowerPoint presentation (PPTX)", "save it as text first"))
    } else if has("content.xml") && has("mimetype") {
        Some(("an OpenDocument file", "save it as DOCX or text first"))
    } else {
        Some(("a ZIP archive", "unpack it first"))
    }
}

/// The text of a Word document: one line per paragraph (list numbers that Word generates written
/// out in front), one line per table row with its cells separated by a tab.
pub(super) fn text(bytes: &[u8]) -> Result<String, Failure> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|e| {
        let failure = Failure::new(format!("damaged, it cannot be read ({e})"));
        // Its first entries' names say whether it was meant to be a Word document.
        let head = &bytes[..bytes.len().min(4096)];
        if head.windows(5).any(|w| w == b"word/") {
            failure
        } else {
            failure.of("a ZIP archive")
        }
    })?;
    let names: Vec<String> = zip.file_names().flatten().map(|n| n.into_owned()).collect();
    if let Some((what, advice)) = zip_kind(&names) {
        return Err(Failure::refused(what, advice));
    }
    let document = entry(&mut zip, "word/document.xml")?.ok_or_else(|| Failure::new("no word/document.xml"))?;
    let numbering = match entry(&mut zip, "word/numbering.xml")? {
        Some(xml) => Numbering::parse(&xml)?,
        None => Numbering::default(),
    };
    body(&document, &numbering)
}

/// The character of a reference: `&#x4E00;` or one of the five XML entities.
fn reference(r: &quick_xml::events::BytesRef) -> Option<char> {
    match r.decode().unwrap_or_default().as_ref() {
        "lt" => Some('<'),
        "gt" => Some('>'),
        "amp" => Some('&'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        _ => r.resolve_char_ref().ok().flatten(),
    }
}

/// The paragraphs and tables of `document.xml`.
fn body(xml: &str, numbering: &Numbering) -> Result<String, Failure> {
    let mut reader = Reader::from_str(xml);
    let mut out = String::new();
    let mut counters = Counters::default();
    let mut paragraph = String::new();
    let mut list: (Option<String>, u32) = (None, 0);
    let mut in_text = false;
    // Tables: the cells of the current row, the text of the current cell; nesting depth.
    let mut row: Vec<String> = Vec::new();
    let mut cell = String::new();
    let mut depth = 0usize;
    loop {
        let event = reader
            .read_event()
            .map_err(|e| Failure::new(format!("word/document.xml at byte {}: {e}", reader.buffer_position())))?;
        match event {
            Event::Start(e) | Event::Empty(e) => match e.local_name().as_ref() {
                b"t" => in_text = true,
                b"tab" => paragraph.push('\t'),
                b"br" | b"cr" => paragraph.push('\n'),
                b"numId" => list.0 = attr(&e, b"w:val").filter(|v| v != "0"),
                b"ilvl" => list.1 = attr(&e, b"w:val").and_then(|v| v.parse().ok()).unwrap_or(0),
                b"tbl" => depth += 1,
                _ => {}
            },
            Event::Text(t) if in_text => {
                let s = t
                    .decode()
                    .map_err(|e| Failure::new(format!("word/document.xml: {e}")))?;
                paragraph.push_str(&quick_xml::escape::unescape(&s).unwrap_or(std::borrow::Cow::Borrowed(&s)));
            }
            Event::GeneralRef(r) if in_text => paragraph.extend(reference(&r)),
            Event::End(e) => match e.local_name().as_ref() {
                b"t" => in_text = false,
                b"p" => {
                    let label = match list.0.take() {
                        Some(num) => counters.label(numbering, &num, list.1),
                        None => String::new(),
                    };
                    let line = format!("{label}{}", std::mem::take(&mut paragraph));
                    if depth > 0 {
                        if !cell.is_empty() && !line.is_empty() {
                            cell.push('\n');
                        }
                        cell.push_str(&line);
                    } else {
                        out.push_str(&line);
                        out.push('\n');
                    }
                    list.1 = 0;
                }
                b"tc" if depth > 0 => row.push(std::mem::take(&mut cell).replace('\n', " ")),
                b"tr" if depth > 0 => {
                    let line = std::mem::take(&mut row).join("\t");
                    if depth == 1 {
                        out.push_str(&line);
                        out.push('\n');
                    } else {
                        cell.push_str(&line);
                    }
                }
                b"tbl" => depth = depth.saturating_sub(1),
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_in_list_formats() {
        assert_eq!(format_number(3, "decimal"), "3");
        assert_eq!(format_number(12, "chineseCounting"), "十二");
        assert_eq!(format_number(21, "chineseCounting"), "二十一");
        assert_eq!(format_number(2, "upperLetter"), "B");
        assert_eq!(format_number(3, "decimalEnclosedCircle"), "③");
    }

    #[test]
    fn list_numbers_restart_and_nest() {
        let numbering = Numbering::parse(
            r#"<w:numbering xmlns:w="w"><w:abstractNum w:abstractNumId="0">
            <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%1）"/></w:lvl>
            <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%2."/></w:lvl>
            </w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>"#,
        )
        .unwrap();
        let p = |ilvl: u32, text: &str| {
            format!(
                r#"<w:p><w:pPr><w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>"#
            )
        };
        let xml = format!(
            "<w:document xmlns:w=\"w\"><w:body>{}{}{}{}{}<w:tbl><w:tr><w:tc><w:p><w:r><w:t>1</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>市公安局</w:t></w:r></w:p></w:tc></w:tr></w:tbl></w:body></w:document>",
            p(0, "加强保护"),
            p(1, "甲"),
            p(1, "乙"),
            p(0, "优化服务"),
            p(1, "丙")
        );
        let text = body(&xml, &numbering).unwrap();
        assert_eq!(text, "（一）加强保护\n1.甲\n2.乙\n（二）优化服务\n1.丙\n1\t市公安局\n");
    }
}
