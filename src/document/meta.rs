//! Document metadata: title, 发文字号, issuers, recipients, date, jurisdiction, citations.

use super::model::{Citation, Metadata};
use super::text::Text;
use crate::lexicon::dates::{doc_number_in, standalone_date, standalone_doc_number};
use crate::lexicon::{orgs, places};
use std::sync::LazyLock;

static TITLE_WORDS: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| crate::lexicon::words(include_str!("../../data/lexicon/title_words.txt")));

/// Reads the metadata from the head (paragraphs before `head_end`) and the closing lines
/// (`body_end..annex_start`), and the citations of the whole text before the annex.
pub(super) fn metadata(text: &Text, head_end: usize, body_end: usize, annex_start: usize) -> (Metadata, Vec<Citation>) {
    let mut meta = Metadata {
        doc_number: (0..head_end).find_map(|i| standalone_doc_number(text.para(i))),
        ..Metadata::default()
    };
    let (notice, title_para) = title(text, &mut meta, head_end);
    meta.recipients = recipients(text, head_end, title_para);
    // Date: a date alone on its line, in the head, then after the body.
    let date_para = (0..head_end)
        .chain(body_end..annex_start)
        .find(|&i| standalone_date(text.para(i)).is_some());
    meta.date = date_para.and_then(|i| standalone_date(text.para(i)));
    meta.issuers = issuers(text, date_para, notice.or(title_para), title_para);
    meta.jurisdiction = meta
        .issuers
        .iter()
        .chain(std::iter::once(&meta.title))
        .find_map(|b| places::jurisdiction_of(b));
    let own = [Some(meta.title.clone()), meta.notice_title.clone()];
    let cited = cited(text, annex_start, &own);
    (meta, cited)
}

/// The title, and the notice title of a transmittal notice (印发《X》的通知: the title is X).
/// Returns the notice's paragraph and the title's.
fn title(text: &Text, meta: &mut Metadata, head_end: usize) -> (Option<usize>, Option<usize>) {
    let notice = (0..head_end).find(|&i| {
        let t = text.para(i);
        (t.contains("印发《") || t.contains("转发《")) && t.ends_with("通知") && t.chars().count() <= 120
    });
    let title_para;
    if let Some(i) = notice {
        let t = text.para(i);
        meta.notice_title = Some(t.to_owned());
        let inner = citations(t).into_iter().next().map(|c| c.0);
        title_para = (0..head_end).find(|&j| j != i && Some(text.para(j)) == inner.as_deref());
        meta.title = inner.unwrap_or_else(|| t.to_owned());
    } else {
        let no_number = |i: &usize| standalone_doc_number(text.para(*i)).is_none();
        title_para = (0..head_end)
            .filter(no_number)
            .find(|&i| is_title_like(text.para(i)))
            .or_else(|| (0..head_end).find(no_number));
        if let Some(i) = title_para {
            meta.title = text.para(i).to_owned();
        }
    }
    if meta.title.is_empty() {
        meta.title = text.name.rsplit(['/', '\\']).next().unwrap_or_default().to_owned();
    }
    (notice, title_para)
}

/// Recipients (主送): the first short line of the head that ends in ：and lists bodies.
fn recipients(text: &Text, head_end: usize, title_para: Option<usize>) -> Vec<String> {
    let line = (0..head_end).filter(|&i| Some(i) != title_para).find(|&i| {
        let t = text.para(i);
        t.ends_with('：')
            && t.chars().count() <= 150
            && (t.starts_with('各') || t.contains(['，', '、']))
            && !["为", "根据", "附件", "按照"].iter().any(|w| t.starts_with(w))
    });
    line.map_or_else(Vec::new, |i| {
        let t = text.para(i);
        split_list(&t[..t.len() - '：'.len_utf8()])
    })
}

/// Issuers: the signature lines above the date, else the prefix of the notice's or the
/// title's line (`惠州市人民政府关于…`).
fn issuers(text: &Text, date_para: Option<usize>, titled: Option<usize>, title_para: Option<usize>) -> Vec<String> {
    let mut issuers = Vec::new();
    if let Some(d) = date_para {
        let mut i = d;
        while i > 0 && orgs::is_org_name(text.para(i - 1)) && Some(i - 1) != title_para {
            i -= 1;
        }
        for k in i..d {
            let s = text.paragraph_span(k);
            issuers.extend(split_issuers(&text.source[s.start..s.end]));
        }
    }
    if issuers.is_empty()
        && let Some(i) = titled
    {
        let t = text.para(i);
        if let Some(cut) = ["印发《", "转发《", "关于"]
            .iter()
            .filter_map(|w| t.find(w))
            .min()
            .filter(|&c| c > 0)
        {
            let start = text.norm.paragraphs[i].range.start;
            let s = text.span(start..start + cut);
            issuers = split_issuers(&text.source[s.start..s.end]);
        }
    }
    issuers
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
    for (title, number, range) in citations(&text.norm.text[..end]) {
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
        if depth == 0 && (c == '，' || c == '、') {
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
    let pieces: Vec<String> = source_line
        .split(|c: char| crate::normalize::is_space(c) || c == '、')
        .filter(|w| !w.is_empty())
        .map(crate::normalize::fold_text)
        .collect();
    let mut out = Vec::new();
    let mut cur = String::new();
    for (k, piece) in pieces.iter().enumerate() {
        cur.push_str(piece);
        let rest: String = pieces[k + 1..].concat();
        // The rest goes on with a suffix (`中共惠州市委` / `办公室`): the name is not finished.
        let continues = orgs::starts_with_suffix(&rest);
        let starts_new =
            rest.is_empty() || rest.starts_with("中共") || (!continues && places::jurisdiction_of(&rest).is_some());
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
    fn issuers_split_where_names_end() {
        assert_eq!(
            split_issuers("中共惠州市委办公室 惠州市人民政府办公室"),
            ["中共惠州市委办公室", "惠州市人民政府办公室"]
        );
        assert_eq!(split_issuers("中共相 山区委办公室"), ["中共相山区委办公室"]);
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
