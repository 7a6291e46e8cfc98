//! Places: administrative levels (`data/lexicon/levels.txt`), place names that open a body's
//! name, and the jurisdiction of an issuing body.

use regex::Regex;
use std::sync::LazyLock;

/// One administrative level.
#[derive(Debug)]
struct Level {
    /// The word that ends a place name of this level (市, 自治州).
    word: &'static str,
    /// Whether the level may stand alone before a body's name (区法院).
    alone: bool,
    /// The characters after which this level character still belongs to the place's name
    /// (惠州 + 市).
    joins: &'static str,
}

static LEVELS: LazyLock<Vec<Level>> = LazyLock::new(|| {
    super::entries(include_str!("../../data/lexicon/levels.txt"))
        .map(|(word, flags)| Level {
            word,
            alone: flags.contains(&"alone"),
            joins: flags.iter().find_map(|f| f.strip_prefix("joins=")).unwrap_or(""),
        })
        .collect()
});

/// Is `c` a level that may stand alone before a body's name (省, 市, 州, 县, 区, 镇, 乡, 旗)?
pub(crate) fn is_alone_level(c: char) -> bool {
    let mut buf = [0u8; 4];
    let s: &str = c.encode_utf8(&mut buf);
    LEVELS.iter().any(|l| l.alone && l.word == s)
}

/// Is `s` only levels (`省`, `自治区`, `镇街`, `县（区）`), as written after 各 in a list of
/// recipients (`各省、自治区、直辖市人民政府`)?
pub(crate) fn is_levels_only(s: &str) -> bool {
    let mut rest = s.trim_matches(|c| c == '（' || c == '）');
    while !rest.is_empty() {
        let longest = LEVELS
            .iter()
            .map(|l| l.word)
            .chain(["街", "街道", "乡镇", "镇街"])
            .filter(|w| rest.starts_with(w))
            .max_by_key(|w| w.len());
        match longest {
            Some(w) => rest = rest[w.len()..].trim_start_matches(['（', '）', '、']),
            None => return false,
        }
    }
    true
}

/// The regex alternation of the levels: `自治区|…|州(?:市|县|区)?|…`.
fn alternation() -> String {
    LEVELS
        .iter()
        .map(|l| {
            if l.joins.is_empty() {
                regex::escape(l.word)
            } else {
                let next: Vec<String> = l.joins.chars().map(|c| regex::escape(&c.to_string())).collect();
                format!("{}(?:{})?", regex::escape(l.word), next.join("|"))
            }
        })
        .collect::<Vec<_>>()
        .join("|")
}

/// Place names ending in a level, chained: 广东省惠州市, 雪岭藏族自治州, 相山区.
static PLACES: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"^(?:中共)?((?:\p{{Han}}{{1,8}}?(?:{}))+)", alternation())).expect("valid regex")
});

static PLACE_UNIT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"\p{{Han}}{{1,8}}?(?:{})", alternation())).expect("valid regex"));

/// The first place name that opens an agency's name, at least two characters before its level
/// (`淮北市` in `淮北市相山区法院`, `雪岭州`; not `区市…`, where the level character is a prefix).
static PLACE_PREFIX: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"^(?:中共)?\p{{Han}}{{2,8}}?(?:{})", alternation())).expect("valid regex"));

/// The first place name that opens an agency's name; strip it and call again for the next.
pub(crate) fn place_prefix(name: &str) -> Option<&str> {
    PLACE_PREFIX.find(name).map(|m| m.as_str())
}

/// The most specific place an issuing body belongs to: 中共相山区委办公室 → 相山区,
/// 广东省惠州市人民政府 → 惠州市, 雪岭藏族自治州人民政府办公室 → 雪岭藏族自治州.
pub(crate) fn jurisdiction_of(body: &str) -> Option<String> {
    let chain = PLACES.captures(body)?.get(1)?.as_str();
    PLACE_UNIT.find_iter(chain).last().map(|m| m.as_str().to_owned())
}

static PREFIXES: LazyLock<Vec<(&'static str, &'static str)>> = LazyLock::new(|| {
    super::entries(include_str!("../../data/lexicon/doc_number_prefixes.txt"))
        .filter_map(|(code, fields)| Some((code, *fields.first()?)))
        .collect()
});

static CENTRAL: LazyLock<Vec<(bool, &'static str)>> = LazyLock::new(|| {
    super::entries(include_str!("../../data/lexicon/central_bodies.txt"))
        .filter_map(|(kind, fields)| Some((kind == "start", *fields.first()?)))
        .collect()
});

/// The jurisdiction a document number's agency code stands for (`国办发` → 全国, `琼府办` → 海南省):
/// a code of the table, or a province's one-character abbreviation followed by 政, 府, 办, 发 or 委.
pub(crate) fn jurisdiction_of_code(code: &str) -> Option<&'static str> {
    PREFIXES.iter().find_map(|&(p, place)| {
        let rest = code.strip_prefix(p)?;
        let short = p.chars().count() == 1;
        (!short || rest.starts_with(['政', '府', '办', '发', '委'])).then_some(place)
    })
}

/// Is the body a central one (国务院办公厅, 公安部, 海关总署): a name that opens with a central
/// word, or ends like a ministry with no place before it?
pub(crate) fn is_central(body: &str) -> bool {
    // A level character before the name places it (区公安局), unless it starts a word (市场).
    let leveled = body.starts_with(is_alone_level) && !body.starts_with("市场");
    let placed = jurisdiction_of(body).is_some() || leveled;
    CENTRAL.iter().any(|&(start, w)| {
        if start {
            body.starts_with(w)
        } else {
            !placed && body.ends_with(w) && body.chars().count() > w.chars().count() + 1
        }
    })
}

/// The short forms of a place, without its level (`相山区` → `相山`), of two characters or
/// more, then the place itself: what a document writes for its own jurisdiction.
pub(crate) fn short_forms(place: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for level in LEVELS.iter() {
        if let Some(short) = place.strip_suffix(level.word)
            && short.chars().count() >= 2
            && !out.iter().any(|o| o == short)
        {
            out.push(short.to_owned());
        }
    }
    if !out.iter().any(|o| o == place) {
        out.push(place.to_owned());
    }
    out
}

/// Is the text a level's "directly subordinate" bodies (`市直有关部门`, `县直部门`)?
pub(crate) fn is_level_direct(text: &str) -> bool {
    let mut chars = text.chars();
    matches!((chars.next(), chars.next()), (Some(c), Some('直')) if is_alone_level(c))
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn prefixes_and_short_forms() {
        assert_eq!(place_prefix("淮北市相山区法院"), Some("淮北市"));
        assert_eq!(place_prefix("区市场监管局"), None);
        assert_eq!(short_forms("相山区"), ["相山", "相山区"]);
        assert_eq!(
            short_forms("雪岭藏族自治州"),
            ["雪岭藏族", "雪岭藏族自治", "雪岭藏族自治州"]
        );
        assert!(is_alone_level('区') && !is_alone_level('盟'));
        assert!(is_level_direct("市直有关部门") && !is_level_direct("直属机关"));
    }

    #[test]
    fn codes_and_central_bodies() {
        assert_eq!(jurisdiction_of_code("国办发"), Some("全国"));
        assert_eq!(jurisdiction_of_code("琼府办"), Some("海南省"));
        assert_eq!(jurisdiction_of_code("粤办发"), Some("广东省"));
        assert_eq!(jurisdiction_of_code("海府办"), None);
        assert_eq!(jurisdiction_of_code("琼海"), None);
        for b in [
            "国务院办公厅",
            "公安部",
            "海关总署",
            "市场监管总局",
            "最高人民法院",
            "中国人民银行",
        ] {
            assert!(is_central(b), "{b}");
        }
        for b in ["桐川县人民政府办公室", "市公安局", "区委宣传部", "惠州市人民政府"] {
            assert!(!is_central(b), "{b}");
        }
    }
}
