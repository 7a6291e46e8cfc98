//! Responsibility clauses (责任单位…) and the agency mentions in them.

use super::model::Mention;
use crate::lexicon::roles::{Role, duty_phrases, label_at, role_words};
use crate::span::Span;
use std::ops::Range;

/// Words that name no body on their own and continue a collective (`各级党委、政府`).
const COLLECTIVE_TAILS: &[&str] = &["政府", "人民政府", "党委", "管委会", "人大", "政协", "部门", "单位"];

/// Is this the inside of a responsibility clause?
fn is_clause_content(c: &str) -> bool {
    let c = c.trim_end_matches(['。', '；']);
    if c.chars().count() < 3 {
        return false;
    }
    label_at(c).is_some() || duty_phrases().iter().any(|s| c.ends_with(s)) || c.ends_with("牵头") || c.ends_with("配合")
}

/// Finds the responsibility clause in a normalized paragraph: a whole paragraph that starts
/// with a role label (`牵头单位：…；配合单位：…`), or a bracketed clause that ends it
/// (`〔责任单位：…〕`, `（…按职责分工负责）`). Returns its byte range in the paragraph.
pub(crate) fn find_clause(p: &str) -> Option<Range<usize>> {
    if label_at(p).is_some() {
        return Some(0..p.len());
    }
    let t = p.trim_end_matches(['。', '；']);
    let (open_c, close_c) = match t.chars().next_back()? {
        '〕' => ('〔', '〕'),
        '）' => ('（', '）'),
        '】' => ('【', '】'),
        _ => return None,
    };
    let inner_end = t.len() - close_c.len_utf8();
    let open = matching_open(&t[..inner_end], open_c, close_c)?;
    let content = &t[open + open_c.len_utf8()..inner_end];
    is_clause_content(content).then_some(open..p.len())
}

fn matching_open(s: &str, open: char, close: char) -> Option<usize> {
    let mut depth = 0usize;
    for (i, c) in s.char_indices().rev() {
        if c == close {
            depth += 1;
        } else if c == open {
            if depth == 0 {
                return Some(i);
            }
            depth -= 1;
        }
    }
    None
}

/// A mention found in a clause: byte ranges relative to the clause text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct RawMention {
    pub range: Range<usize>,
    pub name: Range<usize>,
    pub aliases: Vec<Range<usize>>,
    pub role: Role,
}

/// Splits `s[range]` on any of `seps` outside brackets, returning trimmed non-empty pieces.
fn split_outside(s: &str, range: Range<usize>, seps: &[char]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut depth = 0i32;
    let mut start = range.start;
    for (i, c) in s[range.clone()].char_indices() {
        let i = i + range.start;
        match c {
            '（' | '〔' | '【' | '《' | '“' => depth += 1,
            '）' | '〕' | '】' | '》' | '”' => depth = (depth - 1).max(0),
            _ if depth == 0 && seps.contains(&c) => {
                out.push(start..i);
                start = i + c.len_utf8();
            }
            _ => {}
        }
    }
    out.push(start..range.end);
    out.into_iter().filter(|r| !s[r.clone()].trim().is_empty()).collect()
}

/// Parses the mentions of a clause (its full text, brackets included).
///
/// Splits on `；` into role segments (`牵头单位：…；配合单位：…`), on `，` into pieces that may
/// end in `牵头` / `配合`, and on `、` outside brackets into bodies; `A（B、C）` is one body with
/// aliases; `A等市直有关部门` gives `A` and the collective `市直有关部门`.
pub(crate) fn parse_mentions(clause: &str) -> Vec<RawMention> {
    // Strip the outer brackets.
    let mut range = 0..clause.len();
    let t = clause.trim_end_matches(['。', '；']);
    range.end = t.len();
    if let Some(first) = t.chars().next()
        && matches!(first, '〔' | '（' | '【')
        && matching_open(
            &t[..t.len() - t.chars().next_back().map_or(0, char::len_utf8)],
            first,
            closing(first),
        ) == Some(0)
    {
        range = first.len_utf8()..t.len() - closing(first).len_utf8();
    }
    let mut out = Vec::new();
    for seg in split_outside(clause, range, &['；', '。']) {
        let (seg_role, skip) = label_at(&clause[seg.clone()]).unwrap_or((Role::Responsible, 0));
        let seg = seg.start + skip..seg.end;
        for piece in split_outside(clause, seg, &['，']) {
            let mut p = piece;
            let mut role = seg_role;
            strip_suffix(clause, &mut p);
            for &(suffix, r) in role_words() {
                if clause[p.clone()].ends_with(suffix) && clause[p.clone()].chars().count() > 2 {
                    p.end -= suffix.len();
                    role = r;
                    strip_suffix(clause, &mut p);
                }
            }
            if clause[p.clone()].starts_with('由') {
                p.start += '由'.len_utf8();
            }
            let items = split_outside(clause, p, &['、']);
            let mut bodies: Vec<Range<usize>> = Vec::new();
            for item in items {
                for body in split_etc(clause, item) {
                    let text = &clause[body.clone()];
                    let continues = COLLECTIVE_TAILS.contains(&text)
                        && bodies.last().is_some_and(|b| clause[b.clone()].starts_with('各'));
                    match bodies.last_mut() {
                        Some(prev) if continues => prev.end = body.end,
                        _ => bodies.push(body),
                    }
                }
            }
            out.extend(bodies.into_iter().map(|b| mention(clause, b, role)));
        }
    }
    out
}

fn closing(open: char) -> char {
    match open {
        '〔' => '〕',
        '（' => '）',
        _ => '】',
    }
}

fn strip_suffix(s: &str, r: &mut Range<usize>) {
    loop {
        let text = &s[r.clone()];
        match duty_phrases()
            .iter()
            .find(|suf| text.ends_with(*suf) && text.len() > suf.len())
        {
            Some(suf) => r.end -= suf.len(),
            None => break,
        }
    }
}

/// `A等市直有关部门` → `A`, `市直有关部门`; `A等` → `A`.
fn split_etc(s: &str, r: Range<usize>) -> Vec<Range<usize>> {
    let text = &s[r.clone()];
    let mut depth = 0i32;
    let mut at = None;
    for (i, c) in text.char_indices() {
        match c {
            '（' => depth += 1,
            '）' => depth -= 1,
            '等' if depth == 0 && i > 0 => at = Some(i),
            _ => {}
        }
    }
    match at {
        Some(i) => {
            let left = r.start..r.start + i;
            let right = r.start + i + '等'.len_utf8()..r.end;
            if right.is_empty() {
                vec![left]
            } else {
                vec![left, right]
            }
        }
        None => vec![r],
    }
}

fn mention(s: &str, r: Range<usize>, role: Role) -> RawMention {
    let text = &s[r.clone()];
    // Aliases only from a bracket group that closes the mention: 区市场监管局（知识产权局）.
    if text.ends_with('）')
        && let Some(open) = matching_open(&text[..text.len() - '）'.len_utf8()], '（', '）')
        && open > 0
    {
        let inner = r.start + open + '（'.len_utf8()..r.end - '）'.len_utf8();
        let aliases = split_outside(s, inner, &['、', '，']);
        return RawMention {
            name: r.start..r.start + open,
            range: r,
            aliases,
            role,
        };
    }
    RawMention {
        name: r.clone(),
        range: r,
        aliases: Vec::new(),
        role,
    }
}

/// Builds mentions from raw clause mentions; `map` turns a range of `text` into a source span.
pub(crate) fn build_mentions(text: &str, raw: Vec<RawMention>, map: impl Fn(Range<usize>) -> Span) -> Vec<Mention> {
    raw.into_iter()
        .map(|m| Mention {
            text: text[m.range.clone()].to_owned(),
            name: text[m.name].to_owned(),
            aliases: m.aliases.into_iter().map(|a| text[a].to_owned()).collect(),
            role: m.role,
            span: map(m.range),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(clause: &str) -> Vec<(String, Vec<String>, Role)> {
        parse_mentions(clause)
            .into_iter()
            .map(|m| {
                (
                    clause[m.name].to_owned(),
                    m.aliases.into_iter().map(|a| clause[a].to_owned()).collect(),
                    m.role,
                )
            })
            .collect()
    }

    #[test]
    fn finds_clauses() {
        let p = "加强宣传。〔责任单位：区法院、区检察院按职责分工负责〕";
        assert_eq!(
            &p[find_clause(p).unwrap()],
            "〔责任单位：区法院、区检察院按职责分工负责〕"
        );
        let p = "加强宣传。（市直有关部门按职责分工负责）";
        assert_eq!(&p[find_clause(p).unwrap()], "（市直有关部门按职责分工负责）");
        let p = "牵头单位：县市场监督管理局；配合单位：县公安局";
        assert_eq!(find_clause(p), Some(0..p.len()));
        assert_eq!(find_clause("通过国家企业信用信息公示系统（广东）"), None);
        assert_eq!(find_clause("（此件公开发布）"), None);
    }

    #[test]
    fn splits_mentions_with_aliases_and_roles() {
        use Role::*;
        let got = names("〔市委宣传部（市委网信办、市版权局）、市法院、市市场监管局（市知识产权局）按职责分工负责〕");
        assert_eq!(
            got,
            vec![
                (
                    "市委宣传部".into(),
                    vec!["市委网信办".into(), "市版权局".into()],
                    Responsible
                ),
                ("市法院".into(), vec![], Responsible),
                ("市市场监管局".into(), vec!["市知识产权局".into()], Responsible),
            ]
        );
        let got = names("（牵头单位：省知识产权局；配合单位：省公安厅、省高级人民法院）");
        assert_eq!(
            got.iter().map(|g| (g.0.as_str(), g.2)).collect::<Vec<_>>(),
            [
                ("省知识产权局", Lead),
                ("省公安厅", Supporting),
                ("省高级人民法院", Supporting)
            ]
        );
        let got = names("〔市委组织部、市市场监管局（市知识产权局）等市直有关部门，各级党委、政府按职责分工负责〕");
        assert_eq!(
            got.iter().map(|g| g.0.as_str()).collect::<Vec<_>>(),
            ["市委组织部", "市市场监管局", "市直有关部门", "各级党委、政府"]
        );
        let got = names("（市公安局牵头，市法院、市检察院配合）");
        assert_eq!(
            got.iter().map(|g| (g.0.as_str(), g.2)).collect::<Vec<_>>(),
            [("市公安局", Lead), ("市法院", Supporting), ("市检察院", Supporting)]
        );
        let got = names("〔各县（市）人民政府、州直有关部门按职责分工负责〕");
        assert_eq!(
            got.iter().map(|g| g.0.as_str()).collect::<Vec<_>>(),
            ["各县（市）人民政府", "州直有关部门"]
        );
    }
}
