//! Document numbers (发文字号) and dates (成文日期).

use super::numbering::chinese_numeral;
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

/// 发文字号 in normalized text: 相区办发〔2021〕40号, 桐政办〔2022〕7号 (from `[2022]`).
static DOC_NUMBER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(\p{Han}{1,12})[〔【（](\d{4})[〕】）](\d{1,5})号").expect("valid regex"));

static DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(\d{4}|[〇零一二三四五六七八九]{4})年(\d{1,2}|[一二三四五六七八九十]{1,3})月(\d{1,2}|[一二三四五六七八九十]{1,3})日$")
        .expect("valid regex")
});

/// A document number found in normalized text, as the canonical `机关代字〔年份〕序号号`, with
/// its byte range in `s`.
pub(crate) fn doc_number_in(s: &str) -> Option<(String, Range<usize>)> {
    let c = DOC_NUMBER.captures(s)?;
    let m = c.get(0)?;
    Some((
        format!("{}〔{}〕{}号", &c[1], &c[2], c[3].trim_start_matches('0')),
        m.range(),
    ))
}

/// The parts of the first document number in `s`: the agency code, the year and the serial
/// number, and the whole, as byte ranges of `s`.
pub(crate) fn doc_number_parts(s: &str) -> Option<[Range<usize>; 4]> {
    let c = DOC_NUMBER.captures(s)?;
    Some([
        c.get(1)?.range(),
        c.get(2)?.range(),
        c.get(3)?.range(),
        c.get(0)?.range(),
    ])
}

/// A date as 成文日期 fields and web pages print it: `2022年3月15日`, `2022年03月15日`,
/// `2022-03-15`, `2022/3/15`, `2022.03.15`; ISO 8601.
pub(crate) fn loose_date(s: &str) -> Option<String> {
    if let Some(d) = standalone_date(s) {
        return Some(d);
    }
    let parts: Vec<&str> = s.split(['-', '/', '.']).collect();
    let [y, m, d] = parts.as_slice() else { return None };
    let (y, m, d): (u32, u32, u32) = (y.parse().ok()?, m.parse().ok()?, d.parse().ok()?);
    ((1..=12).contains(&m) && (1..=31).contains(&d) && (1900..=2200).contains(&y))
        .then(|| format!("{y:04}-{m:02}-{d:02}"))
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

/// Days since 1970-01-01 of an ISO date (`2021-06-30`).
pub(crate) fn days_since_epoch(date: &str) -> Option<i64> {
    let mut parts = date.splitn(3, '-').map(|p| p.parse::<i64>().ok());
    let (y, m, d) = (parts.next()??, parts.next()??, parts.next()??);
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return None;
    }
    // Days from civil (Howard Hinnant's algorithm).
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some(era * 146_097 + doe - 719_468)
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
        assert_eq!(loose_date("2022年03月15日").as_deref(), Some("2022-03-15"));
        assert_eq!(loose_date("2022-03-18").as_deref(), Some("2022-03-18"));
        assert_eq!(loose_date("2022-13-18"), None);
    }

    #[test]
    fn days_between_dates() {
        let days = days_since_epoch;
        assert_eq!(days("1970-01-01"), Some(0));
        assert_eq!(days("2021-06-30").zip(days("2021-08-02")).map(|(a, b)| b - a), Some(33));
        assert_eq!(days("2020-02-28").zip(days("2020-03-01")).map(|(a, b)| b - a), Some(2));
        assert_eq!(days("2021-13-01"), None);
        assert_eq!(days("2021"), None);
    }
}
