//! Responsibility clauses: the role labels (`data/lexicon/role_labels.txt`), the words that end
//! a piece with a role (`role_words.txt`) and the phrases that close a list of bodies
//! (`duty_phrases.txt`).

use serde::Serialize;
use std::sync::LazyLock;

/// The role a clause gives an agency.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Role {
    /// 牵头单位, 主责单位, `A牵头`.
    Lead,
    /// 配合单位, 协办单位, `B配合`.
    Supporting,
    /// 责任单位, or a plain list (`A、B按职责分工负责`).
    Responsible,
}

impl Role {
    /// The role's name as it appears in JSON and CSV (`lead`, `supporting`, `responsible`).
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Lead => "lead",
            Role::Supporting => "supporting",
            Role::Responsible => "responsible",
        }
    }

    fn parse(s: &str) -> Option<Role> {
        match s {
            "lead" => Some(Role::Lead),
            "supporting" => Some(Role::Supporting),
            "responsible" => Some(Role::Responsible),
            _ => None,
        }
    }
}

fn with_roles(text: &'static str) -> Vec<(&'static str, Role)> {
    super::entries(text)
        .filter_map(|(word, fields)| Some((word, Role::parse(fields.first()?)?)))
        .collect()
}

static LABELS: LazyLock<Vec<(&'static str, Role)>> =
    LazyLock::new(|| with_roles(include_str!("../../data/lexicon/role_labels.txt")));
static ROLE_WORDS: LazyLock<Vec<(&'static str, Role)>> =
    LazyLock::new(|| with_roles(include_str!("../../data/lexicon/role_words.txt")));
static DUTY_PHRASES: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| super::words(include_str!("../../data/lexicon/duty_phrases.txt")));

/// The role label that opens `s` (`牵头单位：`, `责任单位`, or in brackets as web pages and
/// tables set it: `【责任单位】`, `[牵头单位]`, `〔配合单位〕：`), with its length including the
/// brackets and a following `：` or `:`.
pub(crate) fn label_at(s: &str) -> Option<(Role, usize)> {
    let (open, close) = match s.chars().next() {
        Some('【') => ('【'.len_utf8(), Some('】')),
        Some('[') => (1, Some(']')),
        Some('〔') => ('〔'.len_utf8(), Some('〕')),
        _ => (0, None),
    };
    let rest = &s[open..];
    LABELS.iter().find(|(l, _)| rest.starts_with(l)).and_then(|&(l, role)| {
        let mut len = open + l.len();
        if let Some(close) = close {
            // A bracketed label is only the label: `〔责任单位：市公安局〕` is a clause in
            // brackets, not a bracketed label.
            if !s[len..].starts_with(close) {
                return None;
            }
            len += close.len_utf8();
        }
        if let Some(colon) = s[len..].chars().next().filter(|c| matches!(c, '：' | ':')) {
            len += colon.len_utf8();
        }
        Some((role, len))
    })
}

/// Where each role label in brackets (`【配合单位】`) starts in `s`, after its first character.
pub(crate) fn bracketed_labels(s: &str) -> Vec<usize> {
    s.char_indices()
        .skip(1)
        .filter(|&(i, c)| matches!(c, '【' | '[' | '〔') && label_at(&s[i..]).is_some())
        .map(|(i, _)| i)
        .collect()
}

/// Does the text open with a role label (`牵头单位：`, `责任单位`…)? Such a line starts a clause
/// paragraph of its own.
pub(crate) fn starts_with_role_label(s: &str) -> bool {
    label_at(s).is_some()
}

/// The words that end a piece of a clause with a role (`牵头`, `配合`…), in order.
pub(crate) fn role_words() -> &'static [(&'static str, Role)] {
    &ROLE_WORDS
}

/// The phrases that close a list of responsible bodies, longest first.
pub(crate) fn duty_phrases() -> &'static [&'static str] {
    &DUTY_PHRASES
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_and_phrases() {
        assert_eq!(label_at("牵头单位：市公安局"), Some((Role::Lead, "牵头单位：".len())));
        assert_eq!(label_at("配合单位市法院"), Some((Role::Supporting, "配合单位".len())));
        assert_eq!(label_at("市公安局牵头"), None);
        assert_eq!(
            label_at("【责任单位】市安委办"),
            Some((Role::Responsible, "【责任单位】".len()))
        );
        assert_eq!(label_at("[牵头单位]:市应急局"), Some((Role::Lead, "[牵头单位]:".len())));
        assert_eq!(label_at("〔责任单位：市公安局〕"), None);
        assert_eq!(
            bracketed_labels("【牵头单位】市应急局【配合单位】市财政局"),
            ["【牵头单位】市应急局".len()]
        );
        assert_eq!(role_words()[0], ("牵头", Role::Lead));
        assert_eq!(duty_phrases()[0], "按职责分工抓好落实");
        assert_eq!(duty_phrases().last(), Some(&"落实"));
    }
}
