//! Document metadata: title, 发文字号, issuers, recipients, date, jurisdiction (and where it was
//! read), citations; from a web page's info table first when there is one.

use super::model::{Citation, JurisdictionSource, Metadata};
use super::text::Text;
use crate::lexicon::dates::{doc_number_in, doc_number_parts, loose_date, standalone_date};
use crate::lexicon::page::{InfoField, info_fields};
use crate::lexicon::{orgs, places};
use std::sync::LazyLock;

static TITLE_WORDS: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| crate::lexicon::words(include_str!("../../data/lexicon/title_words.txt")));
static TITLE_ENDINGS: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| crate::lexicon::words(include_str!("../../data/lexicon/title_endings.txt")));

/// A logical line of the head: one paragraph, or a title broken over two or three.
struct HeadLine {
    /// The paragraphs it joins.
    paras: std::ops::Range<usize>,
    /// Its text in simplified script, and as written.
    simple: String,
    written: String,
}

/// What a web page's info table says.
#[derive(Default)]
struct Info {
    title: Option<String>,
    doc_number: Option<String>,
    issuer: Option<String>,
    date: Option<String>,
    published: Option<String>,
}

/// The info table: every field of every page paragraph before `end`, values as written (the
/// first value of a field wins).
fn info_table(text: &Text, end: usize) -> Info {
    let mut info = Info::default();
    for i in (0..end).filter(|&i| text.is_page(i)) {
        let start = text.norm.paragraphs[i].range.start;
        let simple = text.para(i);
        for (field, value) in info_fields(simple) {
            // The value's place in the line, to read it as written.
            let Some(at) = simple.find(value.as_str()).filter(|_| !value.is_empty()) else {
                continue;
            };
            let written = text.written(start + at..start + at + value.len()).to_owned();
            let slot = match field {
                InfoField::Title => &mut info.title,
                InfoField::DocNumber => &mut info.doc_number,
                InfoField::Issuer => &mut info.issuer,
                InfoField::Date => &mut info.date,
                InfoField::Published => &mut info.published,
                _ => continue,
            };
            if slot.is_none() {
                *slot = Some(match field {
                    InfoField::Date | InfoField::Published => loose_date(&value).unwrap_or(written),
                    InfoField::DocNumber => canonical_number(&value, &written).unwrap_or(written),
                    _ => written,
                });
            }
        }
    }
    info
}

/// A document number in canonical form (`机关代字〔年份〕序号号`) read on the simplified text and
/// written with the characters as written (`嵐政令〔2019〕89號`); `None` unless `simple` is one.
fn canonical_number(simple: &str, written: &str) -> Option<String> {
    let [code, year, seq, whole] = doc_number_parts(simple)?;
    if whole.start != 0 || whole.end != simple.len() {
        return None;
    }
    let hao = &written[seq.end..whole.end];
    Some(format!(
        "{}〔{}〕{}{hao}",
        &written[code],
        &simple[year],
        simple[seq].trim_start_matches('0')
    ))
}

/// The head's lines: paragraphs before `head_end` that are not page chrome, with a title broken
/// over lines joined (a line that opens a title without ending it, and the short lines that end it).
fn head_lines(text: &Text, head_end: usize) -> Vec<HeadLine> {
    let paras: Vec<usize> = (0..head_end).filter(|&i| !text.is_page(i)).collect();
    let mut out: Vec<HeadLine> = Vec::new();
    let mut k = 0;
    while k < paras.len() {
        let i = paras[k];
        let mut line = HeadLine {
            paras: i..i + 1,
            simple: text.para(i).to_owned(),
            written: text.written_para(i).to_owned(),
        };
        k += 1;
        while opens_title(&line.simple)
            && line.paras.len() < 3
            && let Some(&j) = paras.get(k)
            && j == line.paras.end
            && continues_title(text.para(j), line.simple.chars().count())
        {
            line.simple.push_str(text.para(j));
            line.written.push_str(text.written_para(j));
            line.paras.end = j + 1;
            k += 1;
        }
        out.push(line);
    }
    out
}

/// Does the line open a title without ending it (`关于印发2016年海湾市打击侵犯知识产权和`)?
fn opens_title(s: &str) -> bool {
    (s.contains("关于") || s.contains("印发"))
        && !s.contains(['。', '：', '；'])
        && !TITLE_ENDINGS.iter().any(|w| s.ends_with(w))
        && s.chars().count() <= 60
}

/// Does a line of `len` characters go on after a title opened on the line before: short, no
/// sentence in it, and it ends the title?
fn continues_title(s: &str, len: usize) -> bool {
    !s.contains(['。', '：', '；', '，'])
        && len + s.chars().count() <= 120
        && (TITLE_ENDINGS.iter().any(|w| s.ends_with(w)) || opens_title(s))
        && standalone_date(s).is_none()
        && doc_number_in(s).is_none()
}

/// Reads the metadata from the info table, the head (paragraphs before `head_end`) and the
/// closing lines (`body_end..annex_start`), and the citations of the whole text before the annex.
pub(super) fn metadata(text: &Text, head_end: usize, body_end: usize, annex_start: usize) -> (Metadata, Vec<Citation>) {
    let info = info_table(text, annex_start);
    let lines = head_lines(text, head_end);
    let mut meta = Metadata {
        doc_number: info
            .doc_number
            .clone()
            .or_else(|| lines.iter().find_map(|l| canonical_number(&l.simple, &l.written))),
        published: info.published.clone(),
        ..Metadata::default()
    };
    let (notice, title_line) = title(text, &mut meta, &lines, info.title.as_deref());
    meta.recipients = recipients(&lines, title_line);
    // Date: the info table's 成文日期, else a date alone on its line, in the head, then after the body.
    let date_para = (0..head_end)
        .chain(body_end..annex_start)
        .filter(|&i| !text.is_page(i))
        .find(|&i| standalone_date(text.para(i)).is_some());
    meta.date = info
        .date
        .clone()
        .or_else(|| date_para.and_then(|i| standalone_date(text.para(i))));
    meta.issuers = match &info.issuer {
        Some(i) => split_list(i),
        None => issuers(text, &lines, date_para, notice.or(title_line), title_line),
    };
    (meta.jurisdiction, meta.jurisdiction_source) = jurisdiction(&meta, text.name);
    let own = [Some(meta.title.clone()), meta.notice_title.clone()];
    let cited = cited(text, annex_start, &own);
    (meta, cited)
}

/// The policy's title inside a transmittal notice (`关于印发《X》的通知`, `关于印发X的通知`): X.
fn transmitted(notice: &str) -> Option<(usize, usize)> {
    if !notice.ends_with("通知") || notice.chars().count() > 150 {
        return None;
    }
    let at = ["印发", "转发"]
        .iter()
        .filter_map(|w| notice.find(w).map(|i| i + w.len()))
        .min()?;
    let end = notice.rfind("的通知").filter(|&e| e > at)?;
    let (mut a, mut b) = (at, end);
    if notice[a..b].starts_with('《') && notice[a..b].ends_with('》') {
        a += '《'.len_utf8();
        b -= '》'.len_utf8();
    }
    (b > a).then_some((a, b))
}

/// The title and, for a transmittal notice, the notice title (the title is the policy it
/// transmits). The info table's title comes first. Returns the lines of the notice and of the
/// title.
fn title(text: &Text, meta: &mut Metadata, lines: &[HeadLine], info: Option<&str>) -> (Option<usize>, Option<usize>) {
    let simple_info = info.map(|t| crate::script::simplify(t).into_owned());
    let notice_of = |simple: &str, written: &str| {
        transmitted(simple).map(|(a, b)| (written.to_owned(), written[a..b].to_owned(), simple[a..b].to_owned()))
    };
    let from_info = info.zip(simple_info.as_deref()).and_then(|(w, s)| notice_of(s, w));
    let notice = lines
        .iter()
        .position(|l| transmitted(&l.simple).is_some() && from_info.as_ref().is_none_or(|n| n.0 == l.written));
    let title_line;
    if let Some((notice_title, inner, inner_simple)) =
        from_info.or_else(|| notice.and_then(|i| notice_of(&lines[i].simple, &lines[i].written)))
    {
        meta.notice_title = Some(notice_title);
        title_line = lines.iter().position(|l| l.simple == inner_simple);
        meta.title = inner;
    } else if let Some(t) = info {
        meta.title = t.to_owned();
        title_line = lines.iter().position(|l| l.written == t);
    } else {
        let candidate =
            |l: &&HeadLine| canonical_number(&l.simple, &l.written).is_none() && standalone_date(&l.simple).is_none();
        let found = lines
            .iter()
            .filter(candidate)
            .find(|l| is_title_like(&l.simple))
            .or_else(|| lines.iter().find(candidate));
        title_line = found.and_then(|f| lines.iter().position(|l| std::ptr::eq(l, f)));
        if let Some(l) = found {
            meta.title = l.written.clone();
        }
    }
    if meta.title.is_empty() {
        meta.title = text.name.rsplit(['/', '\\']).next().unwrap_or_default().to_owned();
    }
    (notice, title_line)
}

/// Recipients (主送): the first short line of the head that ends in ：and lists bodies.
fn recipients(lines: &[HeadLine], title_line: Option<usize>) -> Vec<String> {
    let line = lines
        .iter()
        .enumerate()
        .filter(|&(k, _)| Some(k) != title_line)
        .find(|(_, l)| {
            let t = &l.simple;
            t.ends_with('：')
                && t.chars().count() <= 150
                && (t.starts_with('各') || t.contains(['，', '、']))
                && !["为", "根据", "附件", "按照"].iter().any(|w| t.starts_with(w))
        });
    line.map_or_else(Vec::new, |(_, l)| {
        split_list(&l.written[..l.written.len() - '：'.len_utf8()])
    })
}

/// Issuers: the signature lines above the date, else the prefix of the notice's or the
/// title's line (`惠州市人民政府关于…`).
fn issuers(
    text: &Text,
    lines: &[HeadLine],
    date_para: Option<usize>,
    titled: Option<usize>,
    title_line: Option<usize>,
) -> Vec<String> {
    let title_paras = title_line.map(|k| lines[k].paras.clone());
    let mut issuers = Vec::new();
    if let Some(d) = date_para {
        let mut i = d;
        while i > 0
            && !text.is_page(i - 1)
            && orgs::is_org_name(text.para(i - 1))
            && !title_paras.as_ref().is_some_and(|r| r.contains(&(i - 1)))
        {
            i -= 1;
        }
        for k in i..d {
            let s = text.paragraph_span(k);
            issuers.extend(split_issuers(&text.source[s.start..s.end]));
        }
    }
    // A decree's header names its issuer: 岚江省人民政府令, 商务部令.
    if issuers.is_empty()
        && let Some(l) = lines.iter().find(|l| {
            l.simple
                .strip_suffix('令')
                .is_some_and(|b| orgs::is_org_name(b) && !b.contains(['〔', '（']))
        })
    {
        issuers.push(l.written[..l.written.len() - '令'.len_utf8()].to_owned());
    }
    if issuers.is_empty()
        && let Some(line) = titled.map(|k| &lines[k])
        && let Some(cut) = ["印发", "转发", "关于"]
            .iter()
            .filter_map(|w| line.simple.find(w))
            .min()
            .filter(|&c| c > 0)
    {
        issuers = split_issuers(&line.written[..cut]);
    }
    issuers
}

/// The jurisdiction and where it was read: an issuer's place (or 全国 for a central issuer),
/// the title's, the document number's agency code, the file name's.
fn jurisdiction(meta: &Metadata, name: &str) -> (Option<String>, Option<JurisdictionSource>) {
    let simple = |s: &str| crate::script::simplify(s).into_owned();
    let issuers: Vec<String> = meta.issuers.iter().map(|i| simple(i)).collect();
    if let Some(j) = issuers.iter().find_map(|b| places::jurisdiction_of(b)) {
        return (
            Some(written_place(&meta.issuers, &issuers, &j)),
            Some(JurisdictionSource::Issuer),
        );
    }
    if issuers.iter().any(|b| places::is_central(b)) {
        return (Some("全国".into()), Some(JurisdictionSource::Issuer));
    }
    let title = simple(&meta.title);
    let bare = title
        .trim_start_matches(|c: char| c.is_ascii_digit())
        .trim_start_matches('年');
    if let Some(j) = places::jurisdiction_of(bare) {
        let written = written_place(std::slice::from_ref(&meta.title), std::slice::from_ref(&title), &j);
        return (Some(written), Some(JurisdictionSource::Title));
    }
    if bare.starts_with("全国") {
        return (Some("全国".into()), Some(JurisdictionSource::Title));
    }
    if let Some(code) = meta.doc_number.as_deref().and_then(|n| n.split('〔').next())
        && let Some(j) = places::jurisdiction_of_code(&simple(code))
    {
        return (Some(j.to_owned()), Some(JurisdictionSource::DocNumber));
    }
    let stem = name.rsplit(['/', '\\']).next().unwrap_or(name);
    let stem = simple(stem.split('.').next().unwrap_or(stem));
    let found = stem
        .split(|c: char| !('\u{3400}'..='\u{9fff}').contains(&c))
        .find_map(places::jurisdiction_of);
    (found.clone(), found.map(|_| JurisdictionSource::FileName))
}

/// A place read on simplified text, as written in the text it was read from.
fn written_place(written: &[String], simple: &[String], place: &str) -> String {
    written
        .iter()
        .zip(simple)
        .find_map(|(w, s)| s.find(place).and_then(|at| w.get(at..at + place.len())))
        .unwrap_or(place)
        .to_owned()
}

/// Citations across the head and the body, the document's own titles excluded, first
/// occurrence each (a later one may give the number the first lacked).
fn cited(text: &Text, annex_start: usize, own: &[Option<String>]) -> Vec<Citation> {
    let end = text
        .norm
        .paragraphs
        .get(annex_start)
        .map_or(text.norm.text.len(), |p| p.range.start);
    let mut cited: Vec<Citation> = Vec::new();
    for (title, number, range) in citations(&text.simplified[..end]) {
        // Read on the simplified text, kept as written.
        let at = range.start + '《'.len_utf8();
        let title = text.written(at..at + title.len()).to_owned();
        let number = number.and_then(|_| {
            let n = at + title.len() + '》'.len_utf8() + '（'.len_utf8()..range.end - '）'.len_utf8();
            canonical_number(text.simple(n.clone()), text.written(n))
        });
        if own.iter().flatten().any(|o| *o == title) {
            continue;
        }
        match cited.iter_mut().find(|c| c.title == title) {
            Some(c) => {
                if c.doc_number.is_none() {
                    c.doc_number = number;
                }
            }
            None => cited.push(Citation {
                title,
                doc_number: number,
                span: text.span(range),
            }),
        }
    }
    cited
}

/// Splits a list on `，` and `、` outside brackets.
/// Whether a list item so far (`各省`) is levels only and the rest of the item (up to the next
/// ，) ends with a body's noun it shares (`自治区、直辖市人民政府`): 、 then parts the levels of
/// one recipient, not two recipients (`各镇街、开发区` stays two).
fn shares_noun(cur: &str, rest: &str) -> bool {
    cur.strip_prefix('各')
        .is_some_and(crate::lexicon::places::is_levels_only)
        && crate::lexicon::orgs::ends_like_org(rest.trim_end_matches(['（', '）']))
}

/// Does the item go on after its 、: a noun shared (`各县、区`), or a list of one-character
/// kinds (`市政府各委、办、局`)? (`各党委（党组）、党工委` is two recipients, the second with the
/// 各 of the first.)
fn continues_item(cur: &str, rest: &str) -> bool {
    shares_noun(cur, rest) || rest.split('、').next().unwrap_or("").chars().count() == 1
}

/// The text of `s` after the items already split and the current one, up to the next ，or ；.
fn rest_of_item<'a>(s: &'a str, cur: &str, done: &[String]) -> &'a str {
    let used: usize = done.iter().map(|d| d.len() + '，'.len_utf8()).sum::<usize>() + cur.len() + '、'.len_utf8();
    let rest = s.get(used.min(s.len())..).unwrap_or("");
    rest.split(['，', '；']).next().unwrap_or("")
}

pub(super) fn split_list(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut depth = 0i32;
    let mut cur = String::new();
    for c in s.chars() {
        match c {
            '（' => depth += 1,
            '）' => depth -= 1,
            _ => {}
        }
        let parts = c == '，' || c == '；' || (c == '、' && !continues_item(&cur, rest_of_item(s, &cur, &out)));
        if depth == 0 && parts {
            if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
        } else {
            cur.push(c);
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// Splits a line of issuing bodies as written in the source: white space separates bodies
/// (`中共惠州市委办公室 惠州市人民政府办公室`), but PDF extraction also puts white space inside
/// names (`中共相 山区委办公室`), so a split is made only where the text before it is a whole
/// organisation name and the text after it starts another (a place or 中共).
pub(crate) fn split_issuers(source_line: &str) -> Vec<String> {
    // Each piece, and whether a wide gap follows it: two spaces or more, or a 、, set names
    // side by side (`国家知识产权局办公室　　　　公安部办公厅`), where PDF noise puts one.
    let mut pieces: Vec<(String, bool)> = Vec::new();
    let mut gap = 0;
    let line = source_line.replace('、', "  ");
    for w in line.split(crate::normalize::is_space) {
        if w.is_empty() {
            gap += 1;
            continue;
        }
        if let Some(last) = pieces.last_mut() {
            last.1 = gap >= 1;
        }
        gap = 0;
        pieces.push((crate::normalize::fold_text(w), false));
    }
    let mut out = Vec::new();
    let mut cur = String::new();
    for (k, (piece, wide)) in pieces.iter().enumerate() {
        cur.push_str(piece);
        let rest: String = pieces[k + 1..].iter().map(|p| p.0.as_str()).collect();
        // The rest goes on with a suffix (`中共惠州市委` / `办公室`): the name is not finished.
        let continues = orgs::starts_with_suffix(&rest);
        let starts_new = rest.is_empty()
            || rest.starts_with("中共")
            || (!continues && (*wide || places::jurisdiction_of(&rest).is_some()));
        if orgs::is_org_name(&cur) && starts_new {
            out.push(std::mem::take(&mut cur));
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// The words that make a paragraph look like a document title.
pub(super) fn is_title_like(s: &str) -> bool {
    let n = s.chars().count();
    (4..=80).contains(&n) && !s.ends_with(['。', '：', '；', '，']) && TITLE_WORDS.iter().any(|w| s.contains(w))
}

/// 《…》 citations with the document numbers that follow them: (title, number, range of the
/// whole citation in `s`). Nested 〈〉 stay inside the title.
pub(super) fn citations(s: &str) -> Vec<(String, Option<String>, std::ops::Range<usize>)> {
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(open) = s[i..].find('《').map(|o| o + i) {
        let body = open + '《'.len_utf8();
        let mut depth = 0;
        let mut close = None;
        for (k, c) in s[body..].char_indices() {
            match c {
                '《' => depth += 1,
                '》' if depth == 0 => {
                    close = Some(body + k);
                    break;
                }
                '》' => depth -= 1,
                '\n' => break,
                _ => {}
            }
        }
        let Some(close) = close else {
            i = body;
            continue;
        };
        let title = s[body..close].to_owned();
        let mut end = close + '》'.len_utf8();
        let mut number = None;
        let after = &s[end..];
        if let Some(inner) = after.strip_prefix('（')
            && let Some(paren) = inner.find('）')
            && let Some((n, r)) = doc_number_in(&inner[..paren])
            && r.start == 0
            && r.end == paren
        {
            number = Some(n);
            end += '（'.len_utf8() + paren + '）'.len_utf8();
        }
        if !title.is_empty() {
            out.push((title, number, open..end));
        }
        i = end;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recipients_keep_their_kinds_together() {
        assert_eq!(
            split_list("各乡镇人民政府，县政府各委、办、局，县直各单位"),
            ["各乡镇人民政府", "县政府各委、办、局", "县直各单位"]
        );
        assert_eq!(
            split_list("各街道党工委、办事处，区委各部门"),
            ["各街道党工委", "办事处", "区委各部门"]
        );
        assert_eq!(
            split_list("各区、县人民政府，市直各单位"),
            ["各区、县人民政府", "市直各单位"]
        );
        assert_eq!(split_list("市公安局、市法院"), ["市公安局", "市法院"]);
    }

    #[test]
    fn issuers_split_where_names_end() {
        assert_eq!(
            split_issuers("中共惠州市委办公室 惠州市人民政府办公室"),
            ["中共惠州市委办公室", "惠州市人民政府办公室"]
        );
        assert_eq!(split_issuers("中共相 山区委办公室"), ["中共相山区委办公室"]);
        // Central bodies side by side in a signature: a wide gap or a 、 parts them.
        assert_eq!(
            split_issuers("国家林业和草原局办公室　　　　　　应急管理部办公厅"),
            ["国家林业和草原局办公室", "应急管理部办公厅"]
        );
        assert_eq!(split_issuers("交通运输部、水利部"), ["交通运输部", "水利部"]);
        assert_eq!(split_issuers("应急管理部 办公厅"), ["应急管理部办公厅"]);
        assert_eq!(
            split_issuers("中共惠州市委 办公室\u{a0}惠州市人民 政府办公室"),
            ["中共惠州市委办公室", "惠州市人民政府办公室"]
        );
    }

    #[test]
    fn cites_with_numbers() {
        let s = "为落实《中共安徽省委办公厅印发〈关于强化知识产权保护若干举措〉的通知》（皖办发〔2020〕15号）和《关于强化知识产权保护的意见》精神";
        let c = citations(s);
        assert_eq!(c.len(), 2);
        assert_eq!(c[0].0, "中共安徽省委办公厅印发〈关于强化知识产权保护若干举措〉的通知");
        assert_eq!(c[0].1.as_deref(), Some("皖办发〔2020〕15号"));
        assert_eq!(
            (c[1].0.as_str(), c[1].1.as_deref()),
            ("关于强化知识产权保护的意见", None)
        );
    }
}
