//! Document metadata: title, 发文字号, issuers, recipients, date, jurisdiction, citations.

use super::numbering::chinese_numeral;
use regex::Regex;
use std::sync::LazyLock;

/// 发文字号 in normalized text: 相区办发〔2021〕40号, 桐政办〔2022〕7号 (from `[2022]`).
static DOC_NUMBER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(\p{Han}{1,12})[〔【（](\d{4})[〕】）](\d{1,5})号").expect("valid regex"));

static DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(\d{4}|[〇零一二三四五六七八九]{4})年(\d{1,2}|[一二三四五六七八九十]{1,3})月(\d{1,2}|[一二三四五六七八九十]{1,3})日$")
        .expect("valid regex")
});

/// Place names ending in an administrative level, chained: 广东省惠州市, 雪岭藏族自治州, 相山区.
static PLACES: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:中共)?((?:\p{Han}{1,8}?(?:自治区|自治州|自治县|自治旗|特别行政区|地区|省|市|州(?:市|县|区)?|盟|县|区|旗|镇|乡|街道))+)")
        .expect("valid regex")
});

static PLACE_UNIT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"\p{Han}{1,8}?(?:自治区|自治州|自治县|自治旗|特别行政区|地区|省|市|州(?:市|县|区)?|盟|县|区|旗|镇|乡|街道)",
    )
    .expect("valid regex")
});

/// The first place name that opens an agency's name, at least two characters before its level
/// (`淮北市` in `淮北市相山区法院`, `雪岭州`; not `区市…`, where the level character is a prefix).
static PLACE_PREFIX: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:中共)?\p{Han}{2,8}?(?:自治区|自治州|自治县|自治旗|特别行政区|地区|省|市|州(?:市|县|区)?|盟|县|区|旗|镇|乡|街道)")
        .expect("valid regex")
});

/// The first place name that opens an agency's name; strip it and call again for the next.
pub(crate) fn place_prefix(name: &str) -> Option<&str> {
    PLACE_PREFIX.find(name).map(|m| m.as_str())
}

/// A document number found in normalized text, as the canonical `机关代字〔年份〕序号号`.
pub(crate) fn doc_number_in(s: &str) -> Option<(String, std::ops::Range<usize>)> {
    let c = DOC_NUMBER.captures(s)?;
    let m = c.get(0)?;
    Some((
        format!("{}〔{}〕{}号", &c[1], &c[2], c[3].trim_start_matches('0')),
        m.range(),
    ))
}

/// A paragraph that is a document number and nothing else.
pub(crate) fn standalone_doc_number(s: &str) -> Option<String> {
    let (n, r) = doc_number_in(s)?;
    (r.start == 0 && r.end == s.len()).then_some(n)
}

/// A paragraph that is a date and nothing else, as ISO 8601.
pub(crate) fn standalone_date(s: &str) -> Option<String> {
    let c = DATE.captures(s)?;
    let num = |t: &str| -> Option<u32> { t.parse().ok().or_else(|| chinese_numeral(t)) };
    let year: u32 = if c[1].chars().all(|ch| ch.is_ascii_digit()) {
        c[1].parse().ok()?
    } else {
        c[1].chars().try_fold(0u32, |acc, ch| {
            Some(
                acc * 10
                    + "〇一二三四五六七八九"
                        .chars()
                        .position(|d| d == ch)
                        .or((ch == '零').then_some(0))? as u32,
            )
        })?
    };
    let (month, day) = (num(&c[2])?, num(&c[3])?);
    ((1..=12).contains(&month) && (1..=31).contains(&day) && (1900..=2200).contains(&year))
        .then(|| format!("{year:04}-{month:02}-{day:02}"))
}

/// The most specific place an issuing body belongs to: 中共相山区委办公室 → 相山区,
/// 广东省惠州市人民政府 → 惠州市, 雪岭藏族自治州人民政府办公室 → 雪岭藏族自治州.
pub(crate) fn jurisdiction_of(body: &str) -> Option<String> {
    let chain = PLACES.captures(body)?.get(1)?.as_str();
    PLACE_UNIT.find_iter(chain).last().map(|m| m.as_str().to_owned())
}

/// The words an organisation's name ends with (办公室, 人民政府, 局, 委…).
const ORG_SUFFIXES: &[&str] = &[
    "办公室",
    "办公厅",
    "人民政府",
    "政府",
    "委员会",
    "局",
    "厅",
    "委",
    "部",
    "院",
    "会",
    "中心",
    "办",
];

/// Does the paragraph end like the name of an organisation (a signature line)?
pub(crate) fn is_org_name(s: &str) -> bool {
    let n = s.chars().count();
    (3..=40).contains(&n) && !s.contains(['。', '，', '：', '；']) && ORG_SUFFIXES.iter().any(|suf| s.ends_with(suf))
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
        let continues = ORG_SUFFIXES.iter().any(|w| rest.starts_with(w));
        let starts_new =
            rest.is_empty() || rest.starts_with("中共") || (!continues && jurisdiction_of(&rest).is_some());
        if is_org_name(&cur) && starts_new {
            out.push(std::mem::take(&mut cur));
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// The words that make a paragraph look like a document title.
pub(crate) fn is_title_like(s: &str) -> bool {
    let n = s.chars().count();
    (4..=80).contains(&n)
        && !s.ends_with(['。', '：', '；', '，'])
        && [
            "关于", "方案", "措施", "意见", "办法", "规定", "细则", "通知", "决定", "计划", "规划", "条例", "要点",
            "公告", "通告",
        ]
        .iter()
        .any(|w| s.contains(w))
}

/// 《…》 citations with the document numbers that follow them: (title, number, range of the
/// whole citation in `s`). Nested 〈〉 stay inside the title.
pub(crate) fn citations(s: &str) -> Vec<(String, Option<String>, std::ops::Range<usize>)> {
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
    fn doc_numbers() {
        assert_eq!(
            standalone_doc_number("相区办发〔2021〕40号").as_deref(),
            Some("相区办发〔2021〕40号")
        );
        assert_eq!(
            standalone_doc_number("桐政办〔2022〕07号").as_deref(),
            Some("桐政办〔2022〕7号")
        );
        assert_eq!(standalone_doc_number("根据相区办发〔2021〕40号文件"), None);
    }

    #[test]
    fn dates() {
        assert_eq!(standalone_date("2021年10月12日").as_deref(), Some("2021-10-12"));
        assert_eq!(standalone_date("二〇二三年六月十八日").as_deref(), Some("2023-06-18"));
        assert_eq!(
            standalone_date("二〇二三年十二月三十一日").as_deref(),
            Some("2023-12-31")
        );
        assert_eq!(standalone_date("2021年13月12日"), None);
        assert_eq!(standalone_date("2021年10月12日印发"), None);
    }

    #[test]
    fn jurisdictions() {
        for (body, want) in [
            ("中共相山区委办公室", Some("相山区")),
            ("惠州市人民政府办公室", Some("惠州市")),
            ("广东省惠州市惠城区人民政府", Some("惠城区")),
            ("雪岭藏族自治州人民政府办公室", Some("雪岭藏族自治州")),
            ("桐川县人民政府办公室", Some("桐川县")),
            ("国务院办公厅", None),
        ] {
            assert_eq!(jurisdiction_of(body).as_deref(), want, "{body}");
        }
    }

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
