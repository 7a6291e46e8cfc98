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
    // Without the fields after the bodies (`，完成时限：2023年底`).
    let fields = c.contains(['：', ':']) || c.contains(|ch: char| ch.is_ascii_digit() || ('０'..='９').contains(&ch));
    let end = c
        .match_indices(['；', '，'])
        .map(|(i, sep)| i + sep.len())
        .find(|&i| fields && is_other_field(&c[i..]))
        .map_or(c.len(), |i| i - '，'.len_utf8());
    let c = c[..end].trim_end_matches(['。', '；']);
    if c.chars().count() < 3 {
        return false;
    }
    c.split(['；', '，']).any(|seg| label_at(seg).is_some())
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
    // A label with its colon after a sentence, outside brackets, opens a clause that runs to
    // the end of the paragraph (`…查处侵权行为。责任单位：市公安局、市法院。`).
    let groups = bracket_groups(p);
    let inline = p
        .match_indices(['。', '；', '！', '？'])
        .map(|(i, end)| i + end.len())
        .filter(|&i| !groups.iter().any(|&(open, close)| open < i && i < close))
        .find(|&i| label_at(&p[i..]).is_some_and(|(_, n)| p[..i + n].ends_with(['：', ':'])));
    let mut out = Vec::new();
    for (open, close) in groups
        .into_iter()
        .filter(|&(_, close)| inline.is_none_or(|i| close <= i))
    {
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
    out.extend(inline.map(|i| i..p.len()));
    let bracketed = out.clone();
    out.extend(
        run_in_clauses(p)
            .into_iter()
            .filter(|r| !bracketed.iter().any(|b| b.start < r.end && r.start < b.end)),
    );
    out.sort_by_key(|r| r.start);
    out
}

/// Clauses written into the sentences without brackets or labels (`…，由省发展改革委牵头，
/// 省财政厅配合。`, `省教育厅负责。`): the last pieces of a sentence between commas that are
/// each bodies with a role word or a duty phrase, with the sentence's final mark.
fn run_in_clauses(p: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    // Most sentences end otherwise: only those that end with a role or duty are split.
    let ends_with_role = |s: &str| {
        let s = s.trim_end();
        duty_phrases().iter().any(|w| s.ends_with(w)) || role_words().iter().any(|(w, _)| s.ends_with(w))
    };
    let any = p
        .match_indices(['。', '；', '！', '？'])
        .map(|(i, _)| i)
        .chain([p.len()])
        .any(|i| ends_with_role(&p[..i]));
    if !any {
        return out;
    }
    let sentences = split_outside(p, 0..p.len(), &['。', '；', '！', '？']);
    for sentence in sentences.into_iter().filter(|r| ends_with_role(&p[r.clone()])) {
        let pieces = split_outside(p, sentence.clone(), &['，']);
        let mut k = pieces.len();
        while k > 0 && bodies_with_role(&p[pieces[k - 1].clone()]) {
            k -= 1;
        }
        if k < pieces.len() {
            let close = p[sentence.end..].chars().next().filter(|c| matches!(c, '。' | '；'));
            out.push(pieces[k].start..sentence.end + close.map_or(0, char::len_utf8));
        }
    }
    out
}

/// Is the piece bodies and the role or duty they are given (`由省发展改革委牵头`,
/// `省财政厅、省自然资源厅配合`, `各地按职责分工负责`)?
fn bodies_with_role(piece: &str) -> bool {
    let mut t = piece.trim().strip_prefix('由').unwrap_or(piece.trim());
    let mut role = false;
    loop {
        let before = t.len();
        for w in duty_phrases()
            .iter()
            .copied()
            .chain(role_words().iter().map(|(w, _)| *w))
        {
            if let Some(rest) = t.strip_suffix(w).filter(|r| r.chars().count() >= 2) {
                (t, role) = (rest, true);
                break;
            }
        }
        if t.len() == before {
            break;
        }
    }
    // A body's name, or a short collective (`各市县`); no sentence (`各单位要明确专人`).
    let body = |b: &str| {
        let n = b.chars().count();
        (2..=30).contains(&n)
            && !b.contains(['：', '“', '《', '要', '应', '将', '把', '的'])
            && (orgs::ends_like_agency(b) || (b.starts_with('各') && n <= 10))
    };
    role && t.split(['、']).flat_map(|b| b.split("会同")).all(body)
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

/// The role segments of a clause inside its outer brackets: split on `；` and `。`, and before
/// each bracketed label (`【牵头单位】A【配合单位】B`).
fn role_segments(clause: &str) -> Vec<Range<usize>> {
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
    split_outside(clause, range, &['；', '。'])
        .into_iter()
        .flat_map(|seg| {
            let mut cuts: Vec<usize> = bracketed_labels(&clause[seg.clone()])
                .into_iter()
                .map(|k| seg.start + k)
                .collect();
            cuts.push(seg.end);
            let mut start = seg.start;
            cuts.into_iter()
                .map(|end| std::mem::replace(&mut start, end)..end)
                .collect::<Vec<_>>()
        })
        .collect()
}

/// Parses the mentions of a clause (its full text, brackets included).
///
/// Splits on `；` into role segments (`牵头单位：…；配合单位：…`), on `，` into pieces that may
/// end in `牵头` / `配合`, and on `、` outside brackets into bodies; `A（B、C）` is one body with
/// aliases; `A等市直有关部门` gives `A` and the collective `市直有关部门`.
pub(crate) fn parse_mentions(clause: &str) -> Vec<RawMention> {
    let mut out: Vec<RawMention> = Vec::new();
    let segments = role_segments(clause);
    let mut labelled = false;
    for seg in segments {
        let (mut seg_role, skip) = match label_at(&clause[seg.clone()]) {
            Some(found) => {
                labelled = true;
                found
            }
            None => (Role::Responsible, 0),
        };
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
            // `牵头单位：A，配合单位：B`: a label after a comma.
            if let Some((r, n)) = label_at(&clause[p.clone()]) {
                (seg_role, labelled) = (r, true);
                p.start += n;
            }
            // Another field (`完成时限：2022年底前`, `责任领导：…`) or a date ends the bodies.
            if is_other_field(&clause[p.clone()]) {
                break;
            }
            out.extend(piece_mentions(clause, p, seg_role));
        }
    }
    // `（A负责，B配合）`: without labels, the body that answers beside a supporting one leads.
    if !labelled && out.iter().any(|m| m.role == Role::Supporting) && !out.iter().any(|m| m.role == Role::Lead) {
        for m in out.iter_mut().filter(|m| m.role == Role::Responsible) {
            m.role = Role::Lead;
        }
    }
    out
}

/// The mentions of a piece of a clause between commas, `role` unless a role word ends it
/// (`A牵头`, `B配合`) or `会同` joins two bodies (`A会同B负责`: A leads, B supports).
fn piece_mentions(clause: &str, mut p: Range<usize>, mut role: Role) -> Vec<RawMention> {
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
    let mut parts = vec![(p.clone(), role)];
    if let Some(k) = clause[p.clone()].find("会同").filter(|&k| k > 0) {
        let lead = role == Role::Responsible;
        parts = vec![
            (p.start..p.start + k, if lead { Role::Lead } else { role }),
            (
                p.start + k + "会同".len()..p.end,
                if lead { Role::Supporting } else { role },
            ),
        ];
    }
    parts
        .into_iter()
        .flat_map(|(p, role)| {
            bodies_of(clause, p)
                .into_iter()
                .map(move |b| annotated(clause, b, role))
        })
        .collect()
}

/// Is this piece of a clause another field than bodies: a label of its own followed by a colon
/// (`完成时限：`, `责任领导：`), or a date or time (`2022年底前完成`)?
fn is_other_field(piece: &str) -> bool {
    let piece = piece.trim();
    let field = piece
        .char_indices()
        .take(8)
        .find(|&(_, c)| matches!(c, '：' | ':'))
        .is_some_and(|(i, _)| !piece[..i].contains(['、', '（', '）']) && label_at(piece).is_none());
    field || piece.starts_with(|c: char| c.is_ascii_digit() || ('０'..='９').contains(&c))
}

/// The bodies of a piece of a clause, split on 、 and 等, a collective continued (`各级党委、政府`).
fn bodies_of(clause: &str, p: Range<usize>) -> Vec<Range<usize>> {
    let items = split_outside(clause, p, &['、']);
    let mut bodies: Vec<Range<usize>> = Vec::new();
    for item in items {
        for body in split_etc(clause, item) {
            let text = &clause[body.clone()];
            let continues =
                COLLECTIVE_TAILS.contains(&text) && bodies.last().is_some_and(|b| clause[b.clone()].starts_with('各'));
            match bodies.last_mut() {
                Some(prev) if continues => prev.end = body.end,
                _ => bodies.push(body),
            }
        }
    }
    bodies
}

/// The mention of a body, whose role a bracketed role word after it may give (`A（牵头）`).
fn annotated(clause: &str, mut b: Range<usize>, role: Role) -> RawMention {
    if let Some(inner) = clause[b.clone()].strip_suffix('）') {
        let inner = inner.strip_suffix("单位").unwrap_or(inner);
        for &(word, r) in role_words() {
            if let Some(name) = inner.strip_suffix(word).and_then(|n| n.strip_suffix('（'))
                && !name.is_empty()
            {
                b.end = b.start + name.len();
                return mention(clause, b, r);
            }
        }
    }
    mention(clause, b, role)
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

/// `A等市直有关部门` → `A`, `市直有关部门`; `A等` → `A`; `A及相关部门` → `A`, `相关部门`.
fn split_etc(s: &str, r: Range<usize>) -> Vec<Range<usize>> {
    let text = &s[r.clone()];
    if let Some(k) = ["及相关", "及有关", "及其他"].iter().filter_map(|w| text.find(w)).min()
        && k > 0
    {
        let right = r.start + k + '及'.len_utf8()..r.end;
        let mut out = split_etc(s, r.start..r.start + k);
        out.push(right);
        return out;
    }
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
            // `A等部门`, `A等单位`: the others are no body of their own.
            if right.is_empty() || ["部门", "单位", "单位部门"].contains(&&s[right.clone()]) {
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

/// The bodies a paragraph names with `（以下简称X）` outside any clause (`青禾市审批服务局（以下
/// 简称市审批局）、…要密切配合`), as `(X, the name before the bracket)`: the name runs back to
/// the punctuation before it and must end like a body's.
pub(crate) fn aliases_in_text(p: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for prefix in ["（以下简称", "（以下簡稱", "（下称", "（下稱"] {
        for (at, _) in p.match_indices(prefix) {
            let inner = &p[at + prefix.len()..];
            let Some(close) = inner.find('）') else { continue };
            let alias = inner[..close].trim_matches(['“', '”', '"', '「', '」']);
            let start = p[..at]
                .char_indices()
                .rev()
                .find(|&(_, c)| "，。、；：:（）“”《》 \t".contains(c) || c.is_ascii_punctuation())
                .map_or(0, |(i, c)| i + c.len_utf8());
            let name = &p[start..at];
            let (n, a) = (name.chars().count(), alias.chars().count());
            if (3..=30).contains(&n) && (2..=12).contains(&a) && orgs::ends_like_agency(name) {
                out.push((alias.to_owned(), name.to_owned()));
            }
        }
    }
    out
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
#[path = "clause_tests.rs"]
mod tests;
