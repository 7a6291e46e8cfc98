//! What surrounds a document as it is published: the page chrome of a government web page saved
//! as text (`data/lexicon/page_chrome.txt`), the site's info table (`info_fields.txt`) and the
//! closing block after the last measure (`closing.txt`). All of them are read on normalized
//! text (full-width punctuation, no white space).

use std::sync::LazyLock;

/// How a chrome word matches a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Match {
    Start,
    Has,
    Tail,
    End,
    Note,
}

fn rules(text: &'static str) -> Vec<(Match, &'static str, bool)> {
    super::entries(text)
        .filter_map(|(kind, fields)| {
            let m = match kind {
                "start" => Match::Start,
                "has" => Match::Has,
                "tail" => Match::Tail,
                "end" => Match::End,
                "note" => Match::Note,
                _ => return None,
            };
            Some((m, *fields.first()?, fields.get(1) == Some(&"line")))
        })
        .collect()
}

static CHROME: LazyLock<Vec<(Match, &'static str, bool)>> =
    LazyLock::new(|| rules(include_str!("../../data/lexicon/page_chrome.txt")));
static CLOSING: LazyLock<Vec<(Match, &'static str, bool)>> =
    LazyLock::new(|| rules(include_str!("../../data/lexicon/closing.txt")));
static FIELDS: LazyLock<Vec<(&'static str, InfoField)>> = LazyLock::new(|| {
    super::entries(include_str!("../../data/lexicon/info_fields.txt"))
        .filter_map(|(name, fields)| Some((name, InfoField::parse(fields.first()?)?)))
        .collect()
});

/// A line of page chrome.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Chrome {
    /// The line alone is page chrome.
    Line,
    /// The line and every line after it (`相关链接` and its links, the footer).
    Tail,
}

/// The first characters of the words that match at a line's start (chrome `start` and `tail`,
/// closing `start`), sorted: a line that starts with none of them is not looked up word by word.
static FIRST_CHARS: LazyLock<Vec<char>> = LazyLock::new(|| {
    let mut first: Vec<char> = CHROME
        .iter()
        .chain(CLOSING.iter())
        .filter(|r| matches!(r.0, Match::Start | Match::Tail))
        .filter_map(|r| r.1.chars().next())
        .collect();
    first.sort_unstable();
    first.dedup();
    first
});

/// Could the line start with a word of a `start` or `tail` rule?
fn may_start_with_a_word(line: &str) -> bool {
    line.chars()
        .next()
        .is_some_and(|c| FIRST_CHARS.binary_search(&c).is_ok())
}

/// The `has` words of the chrome rules, searched for all at once.
static CHROME_HAS: LazyLock<Option<aho_corasick::AhoCorasick>> =
    LazyLock::new(|| aho_corasick::AhoCorasick::new(CHROME.iter().filter(|r| r.0 == Match::Has).map(|r| r.1)).ok());

/// Is the (normalized) line page chrome: breadcrumbs, source and view counts, font-size and
/// print buttons, share prompts, related links, the footer?
pub(crate) fn chrome(line: &str) -> Option<Chrome> {
    let by_start = |&(m, w, _): &(Match, &str, bool)| match m {
        Match::Start if line.starts_with(w) => Some(Chrome::Line),
        Match::Tail if line.starts_with(w) => Some(Chrome::Tail),
        _ => None,
    };
    let start = if may_start_with_a_word(line) {
        CHROME.iter().find_map(by_start)
    } else {
        None
    };
    // Chrome is a short line without sentences: prose that quotes a chrome word is not chrome.
    start.or_else(|| {
        let short = line.len() <= 450 && !line.contains('。');
        (short && CHROME_HAS.as_ref().is_some_and(|ac| ac.is_match(line))).then_some(Chrome::Line)
    })
}

/// Does the (normalized) line belong to the closing block: 抄送…, 联系人…, `…2022年3月15日印发`,
/// `（此件公开发布）`?
pub(crate) fn is_closing_line(line: &str) -> bool {
    closing_rule(line, false)
}

/// Is the line a closing line by a rule that holds for a single line of hard-wrapped text
/// (`lines_only`), or by any rule?
fn closing_rule(line: &str, lines_only: bool) -> bool {
    // The length in characters only where a rule's cheaper test holds (every line is asked).
    let short = |most: usize| line.len() <= most || line.chars().count() <= most;
    let dated = || line.contains('年') && line.contains('月') && line.contains('日');
    let note = line.starts_with(['（', '(']) && line.ends_with(['）', ')']);
    let may_start = may_start_with_a_word(line);
    CLOSING.iter().filter(|r| r.2 || !lines_only).any(|&(m, w, _)| match m {
        Match::Start => may_start && line.starts_with(w),
        Match::End => line.ends_with(w) && short(60) && (!lines_only || dated()),
        Match::Note => note && short(30) && line.contains(w),
        _ => false,
    })
}

/// Is the sentence a closing provision (`本措施自印发之日起施行`, `由县市场监管局负责解释`): what
/// follows the last measure, even when extraction ran it into the measure's paragraph?
pub(crate) fn is_closing_sentence(s: &str) -> bool {
    EFFECTIVE.is_match(s) || s.contains("负责解释")
}

/// `本措施自印发之日起施行`, `本方案从2022年1月1日起实施`, `本办法有效期五年`.
static EFFECTIVE: LazyLock<regex::Regex> = LazyLock::new(|| {
    regex::Regex::new(r"^本\p{Han}{1,8}?(?:(?:自|从)[^。]{1,20}?(?:之日|日)起?(?:施行|实施|执行|生效)|有效期)")
        .expect("valid regex")
});

/// A field of a government site's info table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum InfoField {
    /// 索引号.
    Index,
    /// 主题分类.
    Topic,
    /// 发文机关.
    Issuer,
    /// 成文日期.
    Date,
    /// 标题.
    Title,
    /// 发文字号.
    DocNumber,
    /// 发布日期.
    Published,
    /// Anything else the table names.
    Other,
}

impl InfoField {
    fn parse(s: &str) -> Option<InfoField> {
        Some(match s {
            "index" => InfoField::Index,
            "topic" => InfoField::Topic,
            "issuer" => InfoField::Issuer,
            "date" => InfoField::Date,
            "title" => InfoField::Title,
            "doc_number" => InfoField::DocNumber,
            "published" => InfoField::Published,
            "other" => InfoField::Other,
            _ => return None,
        })
    }
}

/// The first characters of the field names, for a quick refusal.
static FIELD_STARTS: LazyLock<Vec<char>> =
    LazyLock::new(|| FIELDS.iter().filter_map(|(name, _)| name.chars().next()).collect());

/// The field name (and its colon) that opens `s`, if any.
fn field_at(s: &str) -> Option<(InfoField, usize)> {
    let first = s.chars().next()?;
    if !FIELD_STARTS.contains(&first) {
        return None;
    }
    FIELDS.iter().find_map(|&(name, f)| {
        let rest = s.strip_prefix(name)?;
        let colon = rest.chars().next().filter(|&c| c == '：' || c == ':')?;
        Some((f, name.len() + colon.len_utf8()))
    })
}

/// The fields of an info-table line (`索引号：…主题分类：…`), in order, with their values;
/// empty when the line does not start with a field name and a colon.
pub(crate) fn info_fields(line: &str) -> Vec<(InfoField, String)> {
    let Some((first, len)) = field_at(line) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let (mut field, mut value_start) = (first, len);
    let mut i = len;
    while i < line.len() {
        if let Some((next, len)) = field_at(&line[i..]) {
            out.push((field, line[value_start..i].trim().to_owned()));
            (field, value_start) = (next, i + len);
            i += len;
            continue;
        }
        i += line[i..].chars().next().map_or(1, char::len_utf8);
    }
    out.push((field, line[value_start..].trim().to_owned()));
    out
}

/// Does a line start a block of its own (chrome that opens with its word, an info-table row, a
/// closing line), never continuing the paragraph before it? (Chrome found by a word inside the
/// line is told on paragraphs, by [`chrome`].)
pub(crate) fn starts_block(line: &str) -> bool {
    let chrome_start = may_start_with_a_word(line)
        && CHROME
            .iter()
            .any(|&(m, w, _)| matches!(m, Match::Start | Match::Tail) && line.starts_with(w));
    // A closing provision (本措施自印发之日起施行) opens its own paragraph.
    chrome_start
        || field_at(line).is_some()
        || closing_rule(line, true)
        || (line.starts_with('本') && EFFECTIVE.is_match(line))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chrome_lines() {
        assert_eq!(chrome("当前位置：首页〉政务公开〉政策文件"), Some(Chrome::Line));
        assert_eq!(
            chrome("来源：桐川县人民政府办公室作者：发布时间：2022-03-1809:30"),
            Some(Chrome::Line)
        );
        assert_eq!(chrome("【打印本页】【关闭窗口】"), Some(Chrome::Line));
        assert_eq!(chrome("相关链接："), Some(Chrome::Tail));
        assert_eq!(chrome("（一）加强知识产权行政保护。"), None);
    }

    #[test]
    fn info_table_rows() {
        let got = info_fields("索引号：11469025MB/2022-00123主题分类：市场监管、安全生产监管");
        assert_eq!(
            got,
            [
                (InfoField::Index, "11469025MB/2022-00123".to_owned()),
                (InfoField::Topic, "市场监管、安全生产监管".to_owned())
            ]
        );
        assert_eq!(
            info_fields("发文字号:桐政办〔2022〕8号"),
            [(InfoField::DocNumber, "桐政办〔2022〕8号".to_owned())]
        );
        assert!(info_fields("标题党的建设").is_empty());
    }

    #[test]
    fn closing_lines() {
        for l in [
            "抄送：市委各部门，市人大常委会办公室。",
            "海湾市人民政府办公室2016年4月12日印发",
            "（此件公开发布）",
            "联系人：王某某电话：0898-12345678",
        ] {
            assert!(is_closing_line(l), "{l}");
        }
        assert!(!is_closing_line("（一）加强宣传。"));
        assert!(is_closing_sentence(
            "本措施自印发之日起施行，由县市场监管局（县知识产权局）负责解释。"
        ));
        assert!(is_closing_sentence("本方案自2022年1月1日起实施。"));
        assert!(is_closing_sentence("本办法有效期五年。"));
        assert!(!is_closing_sentence("本地区自行组织实施专项行动。"));
        assert!(!is_closing_sentence("加强知识产权保护，确保各项措施落到实处。"));
        assert!(starts_block("抄送：市委各部门。") && !starts_block("电话：8261347。"));
        assert!(is_closing_line("电话：8261347。"));
        assert!(starts_block("海湾市人民政府办公室2016年4月12日印发") && !starts_block("经市政府同意，现予印发"));
        assert!(!is_closing_line("建立公开透明的执法机制，推动执法信息公开"));
    }

    #[test]
    fn closing_lengths_count_characters_and_every_start_word_is_tried() {
        // `end` rules hold for 60 characters or fewer, `note` rules for 30, whatever the bytes.
        let dated = "桐川县人民政府办公室2022年3月15日印发";
        let long = |n: usize| format!("{}{dated}", "办".repeat(n - dated.chars().count()));
        assert!(is_closing_line(&long(60)) && starts_block(&long(60)));
        assert!(!is_closing_line(&long(61)) && !starts_block(&long(61)));
        let note = |n: usize| format!("（此件{}）", "公".repeat(n - 4));
        assert!(is_closing_line(&note(30)) && !is_closing_line(&note(31)));
        // The first-character filter lets every start and tail word through.
        for &(m, w, _) in CHROME.iter().chain(CLOSING.iter()) {
            if matches!(m, Match::Start | Match::Tail) {
                assert!(may_start_with_a_word(w), "{w}");
            }
        }
        for &(m, w, _) in CHROME.iter() {
            match m {
                Match::Start => assert_eq!(chrome(&format!("{w}首页")), Some(Chrome::Line), "{w}"),
                Match::Tail => assert_eq!(chrome(&format!("{w}首页")), Some(Chrome::Tail), "{w}"),
                _ => {}
            }
        }
    }
}
