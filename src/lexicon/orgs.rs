//! Organisation names: the suffixes a body's name ends with (`data/lexicon/org_suffixes.txt`).

use std::sync::LazyLock;

static SUFFIXES: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| super::words(include_str!("../../data/lexicon/org_suffixes.txt")));

static AGENCY_ENDINGS: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| super::words(include_str!("../../data/lexicon/agency_endings.txt")));

/// Does `s` end like the name of a body (局, 院, 海关, 银行, 中心…)?
pub(crate) fn ends_like_agency(s: &str) -> bool {
    AGENCY_ENDINGS.iter().any(|e| s.ends_with(e))
}

static BRANCHES: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| super::words(include_str!("../../data/lexicon/branches.txt")));

/// Is `s` a branch word, what follows a central body's name and a place in the name of one of
/// its local offices (`分局`, `中心支行`, `监管局`)?
pub(crate) fn is_branch(s: &str) -> bool {
    BRANCHES.contains(&s)
}

static UNITS: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| super::words(include_str!("../../data/lexicon/units.txt")));

/// Does `s` end like a unit inside a body (`网安支队`, `第四检察部`, `高新区分局`)?
pub(crate) fn ends_like_unit(s: &str) -> bool {
    UNITS.iter().any(|u| s.ends_with(u))
}

/// Is `s` a place name of two to six characters followed by a branch word (`岚江监管局`)?
pub(crate) fn is_place_branch(s: &str) -> bool {
    BRANCHES
        .iter()
        .filter_map(|b| s.strip_suffix(b))
        .any(|place| (2..=6).contains(&place.chars().count()))
}

/// Does `s` end with an organisation suffix?
pub(crate) fn ends_like_org(s: &str) -> bool {
    SUFFIXES.iter().any(|suf| s.ends_with(suf))
}

/// Does `s` start with an organisation suffix (the rest of a name broken over a line)?
pub(crate) fn starts_with_suffix(s: &str) -> bool {
    SUFFIXES.iter().any(|suf| s.starts_with(suf))
}

/// Does the paragraph read as the name of an organisation (a signature line): 3 to 40
/// characters, no sentence punctuation, ending with an organisation suffix?
pub(crate) fn is_org_name(s: &str) -> bool {
    let n = s.chars().count();
    (3..=40).contains(&n) && !s.contains(['。', '，', '：', '；']) && ends_like_org(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn org_names() {
        assert!(is_org_name("中共相山区委办公室"));
        assert!(is_org_name("惠州市人民政府"));
        assert!(!is_org_name("局"));
        assert!(!is_org_name("加强组织领导，市委宣传部"));
        assert!(starts_with_suffix("办公室"));
    }
}
