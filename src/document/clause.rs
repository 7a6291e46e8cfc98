//! Responsibility clauses (责任单位…) and the agency mentions in them.

use super::model::Mention;
use crate::lexicon::orgs;
use crate::lexicon::roles::{Role, bracketed_labels, duty_phrases, label_at, role_words};
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
    label_at(c).is_some()
        || duty_phrases().iter().any(|s| c.ends_with(s))
        || role_words().iter().any(|(w, _)| c.ends_with(w))
}

/// Is this the inside of a bare list of bodies (`大连海关`, `市公安局、市检察院`)? Every item,
/// split on 、 outside brackets, is a name of two to thirty characters that ends like a body's,
/// and nothing reads as a sentence.
fn is_bare_list(c: &str) -> bool {
    if c.is_empty() || c.contains(['。', '，', '；', '：', '！', '？']) || c.starts_with("以下简称") {
        return false;
    }
    split_outside(c, 0..c.len(), &['、']).into_iter().all(|r| {
        let item = c[r].trim();
        let name = item.split('（').next().unwrap_or(item);
        (2..=30).contains(&item.chars().count()) && orgs::ends_like_agency(name)
    })
}

/// The top-level bracket groups of a paragraph (any of （〔【 with its closer), as
/// `(start of the opener, end of the closer)`.
fn bracket_groups(p: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut start = 0;
    for (i, c) in p.char_indices() {
        match c {
            '（' | '〔' | '【' => {
                if depth == 0 {
                    start = i;
                }
                depth += 1;
            }
            '）' | '〕' | '】' if depth > 0 => {
                depth -= 1;
                if depth == 0 {
                    out.push((start, i + c.len_utf8()));
                }
            }
            _ => {}
        }
    }
    out
}

/// Finds every responsibility clause of a normalized paragraph, in order: a whole paragraph
/// that starts with a role label (`牵头单位：…；配合单位：…`); or bracketed groups whose content
/// assigns bodies (`〔责任单位：…〕`, `（…按职责分工负责）`, `（A牵头，B配合）`) where they end the
/// paragraph or stand between sentences; or bare lists of bodies (`（大连海关）`) that follow a
/// sentence or end the paragraph. A clause that ends the paragraph takes its final 。 or ；.
/// Returns byte ranges in the paragraph.
pub(crate) fn find_clauses(p: &str) -> Vec<Range<usize>> {
    if label_at(p).is_some() {
        return std::iter::once(0..p.len()).collect();
    }
    let sentence_end = |c: char| matches!(c, '。' | '；' | '！' | '？');
    let mut out = Vec::new();
    for (open, close) in bracket_groups(p) {
        let o = p[open..].chars().next().map_or(0, char::len_utf8);
        let c = p[..close].chars().next_back().map_or(0, char::len_utf8);
        let content = &p[open + o..close - c];
        let rest = &p[close..];
        let ends = rest.trim_start_matches(['。', '；']).is_empty();
        let after_sentence = p[..open].chars().next_back().is_none_or(sentence_end);
        let before_sentence = rest.chars().next().is_some_and(sentence_end);
        // A role label in brackets (`…工作。【责任单位】市应急局`) opens a clause that runs to
        // the end of the paragraph, further labels included.
        if after_sentence && label_at(&p[open..]).is_some_and(|(_, n)| n >= close - open) {
            out.push(open..p.len());
            break;
        }
        let clause = is_clause_content(content) && (ends || after_sentence || before_sentence);
        let bare = !clause && (ends || after_sentence) && is_bare_list(content);
        if clause || bare {
            out.push(open..if ends { p.len() } else { close });
        }
    }
    out
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
    let mut out: Vec<RawMention> = Vec::new();
    let segments = split_outside(clause, range, &['；', '。']).into_iter().flat_map(|seg| {
        // `【牵头单位】A【配合单位】B`: each bracketed label starts a segment.
        let mut cuts: Vec<usize> = bracketed_labels(&clause[seg.clone()])
            .into_iter()
            .map(|k| seg.start + k)
            .collect();
        cuts.push(seg.end);
        let mut start = seg.start;
        cuts.into_iter()
            .map(|end| std::mem::replace(&mut start, end)..end)
            .collect::<Vec<_>>()
    });
    for seg in segments {
        let (seg_role, skip) = label_at(&clause[seg.clone()]).unwrap_or((Role::Responsible, 0));
        let seg = seg.start + skip..seg.end;
        for piece in split_outside(clause, seg, &['，']) {
            // `，以下简称X` names the body before it.
            if let Some(alias) = defined_alias(clause, piece.clone()) {
                if let Some(last) = out.last_mut() {
                    last.aliases.push(alias);
                }
                continue;
            }
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

/// The name a `以下简称X` (or `简称“X”`) piece defines, without its quotes.
fn defined_alias(s: &str, r: Range<usize>) -> Option<Range<usize>> {
    let text = &s[r.clone()];
    let prefix = ["以下简称", "下称", "简称"].iter().find(|p| text.starts_with(**p))?;
    let mut a = r.start + prefix.len()..r.end;
    let quotes = ['“', '”', '"', '「', '」', '‘', '’'];
    while let Some(c) = s[a.clone()].chars().next().filter(|c| quotes.contains(c)) {
        a.start += c.len_utf8();
    }
    while let Some(c) = s[a.clone()].chars().next_back().filter(|c| quotes.contains(c)) {
        a.end -= c.len_utf8();
    }
    (!a.is_empty()).then_some(a)
}

fn mention(s: &str, r: Range<usize>, role: Role) -> RawMention {
    let text = &s[r.clone()];
    // Aliases only from a bracket group that closes the mention: 区市场监管局（知识产权局）.
    if text.ends_with('）')
        && let Some(open) = matching_open(&text[..text.len() - '）'.len_utf8()], '（', '）')
        && open > 0
    {
        let inner = r.start + open + '（'.len_utf8()..r.end - '）'.len_utf8();
        let name = r.start..r.start + open;
        // `A（以下简称B）` defines B: the mention is A alone.
        if let Some(alias) = defined_alias(s, inner.clone()) {
            return RawMention {
                range: name.clone(),
                name,
                aliases: vec![alias],
                role,
            };
        }
        let aliases = split_outside(s, inner, &['、', '，']);
        return RawMention {
            name,
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
            &p[find_clauses(p)[0].clone()],
            "〔责任单位：区法院、区检察院按职责分工负责〕"
        );
        let p = "加强宣传。（市直有关部门按职责分工负责）";
        assert_eq!(&p[find_clauses(p)[0].clone()], "（市直有关部门按职责分工负责）");
        let p = "牵头单位：县市场监督管理局；配合单位：县公安局";
        assert_eq!(find_clauses(p), std::iter::once(0..p.len()).collect::<Vec<_>>());
        assert!(find_clauses("通过国家企业信用信息公示系统（广东）").is_empty());
        assert!(find_clauses("（此件公开发布）").is_empty());
        assert!(find_clauses("某某管理办法（试行）").is_empty());
        assert!(find_clauses("本办法由省人民政府（法制办）负责解释。").is_empty());
        // Clauses between sentences, bare lists after a sentence, in order.
        let p = "完善配套制度。（发展改革委、工业和信息化部按职责分工负责）推进修订。（司法部牵头，各成员单位按职责分工负责）加强口岸执法。（大连海关）";
        let got: Vec<&str> = find_clauses(p).into_iter().map(|r| &p[r]).collect();
        assert_eq!(
            got,
            [
                "（发展改革委、工业和信息化部按职责分工负责）",
                "（司法部牵头，各成员单位按职责分工负责）",
                "（大连海关）"
            ]
        );
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
        let got =
            names("（牵头单位：市打击侵权假冒工作领导小组办公室，以下简称市双打办；配合单位：市工商局、市质监局）");
        assert_eq!(
            got,
            vec![
                ("市打击侵权假冒工作领导小组办公室".into(), vec!["市双打办".into()], Lead),
                ("市工商局".into(), vec![], Supporting),
                ("市质监局".into(), vec![], Supporting),
            ]
        );
        let got = names("（公安部牵头，最高人民检察院、最高人民法院参与）");
        assert_eq!(
            got.iter().map(|g| (g.0.as_str(), g.2)).collect::<Vec<_>>(),
            [
                ("公安部", Lead),
                ("最高人民检察院", Supporting),
                ("最高人民法院", Supporting)
            ]
        );
        let got = names("（全国打击侵权假冒工作领导小组办公室（以下简称“全国双打办”）牵头）");
        assert_eq!(got[0].1, ["全国双打办"]);
        let got = names("〔各县（市）人民政府、州直有关部门按职责分工负责〕");
        assert_eq!(
            got.iter().map(|g| g.0.as_str()).collect::<Vec<_>>(),
            ["各县（市）人民政府", "州直有关部门"]
        );
    }
}
