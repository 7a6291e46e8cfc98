//! Annexes (附件): task tables and rosters, read from the source lines, whose white space
//! still separates table cells and roster columns.

use super::{Mention, Span, build_mentions, clause::parse_mentions};
use crate::normalize::{is_space, normalize_joined};
use regex::Regex;
use serde::Serialize;
use std::sync::LazyLock;

/// A row of an annex task table (序号 / 主要任务 / 责任单位).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AnnexTask {
    /// The row number as printed.
    pub number: u32,
    /// The task's name.
    pub task: String,
    /// What the task involves.
    pub description: String,
    /// The responsible units, parsed as clause mentions (role `responsible`).
    pub units: Vec<Mention>,
    /// Byte span of the row in the source.
    pub span: Span,
}

/// A member of a roster (成员名单): name, agency and post.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RosterEntry {
    /// The member's role in the body the roster lists (召集人, 成员…), when printed.
    pub role: Option<String>,
    /// The person's name, spaces removed.
    pub name: String,
    /// The agency the member comes from (区法院), when it can be told from the post.
    pub agency: String,
    /// The post (党组成员、副院长).
    pub post: String,
    /// Byte span of the line in the source.
    pub span: Span,
}

/// Annex text that is neither a task nor a roster entry, kept so that nothing is dropped.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AnnexNote {
    /// The text, normalized.
    pub text: String,
    /// Byte span in the source.
    pub span: Span,
}

/// One entry of an annex.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[non_exhaustive]
pub enum AnnexEntry {
    /// A row of a task table.
    Task(AnnexTask),
    /// A roster member.
    Member(RosterEntry),
    /// Other text.
    Note(AnnexNote),
}

static ROSTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:(\p{Han}[\p{Han} \u{3000}]{0,8}?)[：:][ \t\u{a0}\u{3000}]*)?(\p{Han}(?:[ \u{3000}\u{a0}]{0,2}\p{Han}){1,3})[ \t\u{a0}\u{3000}]{2,}(\S.*)$")
        .expect("valid regex")
});

const HEADER_WORDS: &[&str] = &["序号", "主要任务", "责任单位", "牵头单位", "配合单位", "姓名", "单位及职务", "职务", "单位", "备注", "任务", "工作任务", "具体措施", "完成时限"];

const POST_WORDS: &[&str] = &[
    "党组", "党委委员", "党工委", "常务副", "副", "主任", "局长", "部长", "书记", "委员", "常委", "院长", "检察长", "镇长",
    "区长", "县长", "市长", "州长", "处长", "科长", "调研员", "主席", "秘书长", "（挂职）",
];

struct Cell<'a> {
    text: &'a str,
    start: usize,
    end: usize,
}

fn squeeze(s: &str) -> String {
    crate::normalize::normalize(s).text.replace('\n', "")
}

/// Parses the annex that starts at byte `start` of `source`. Returns the annex title, its
/// entries and warnings.
pub(crate) fn parse_annex(source: &str, start: usize) -> (Option<String>, Vec<AnnexEntry>, Vec<String>) {
    let mut cells = Vec::new();
    let mut pos = start;
    for line in source[start..].split_inclusive('\n') {
        let t = line.trim_matches(|c: char| is_space(c) || c == '\n' || c == '\r');
        if !t.is_empty() {
            let off = pos + (t.as_ptr() as usize - line.as_ptr() as usize);
            cells.push(Cell { text: t, start: off, end: off + t.len() });
        }
        pos += line.len();
    }
    let mut warnings = Vec::new();
    let mut entries = Vec::new();
    let mut title: Option<String> = None;

    // Headings: 附件 lines, the annex title, table headers.
    let mut i = 0;
    while i < cells.len() {
        let t = squeeze(cells[i].text);
        let after = t.trim_start_matches("附件").trim_start_matches(|c: char| c.is_ascii_digit()).trim_start_matches('：');
        if t.starts_with("附件") && t.chars().count() <= 60 {
            if title.is_none() && !after.is_empty() {
                title = Some(after.to_owned());
            }
        } else if title.as_deref() == Some(t.as_str()) || title.is_none() && i <= 2 && !ROSTER.is_match(cells[i].text) && !is_number_cell(&t) {
            title.get_or_insert(t);
        } else if !HEADER_WORDS.contains(&t.as_str()) && !t.split('、').all(|w| HEADER_WORDS.contains(&w)) && !t.starts_with("姓名") {
            break;
        }
        i += 1;
    }
    let cells = &cells[i..];
    let numbers: Vec<usize> = (0..cells.len()).filter(|&k| is_number_cell(cells[k].text)).collect();
    if numbers.len() >= 2 {
        parse_table(source, cells, &numbers, &mut entries, &mut warnings);
    } else {
        for c in cells {
            entries.push(match roster_entry(c) {
                Some(m) => AnnexEntry::Member(m),
                None => AnnexEntry::Note(AnnexNote { text: squeeze(c.text), span: Span { start: c.start, end: c.end } }),
            });
        }
    }
    (title, entries, warnings)
}

fn is_number_cell(t: &str) -> bool {
    (1..=3).contains(&t.len()) && t.bytes().all(|b| b.is_ascii_digit())
}

fn roster_entry(c: &Cell) -> Option<RosterEntry> {
    let caps = ROSTER.captures(c.text)?;
    let name: String = caps[2].chars().filter(|&ch| !is_space(ch)).collect();
    if HEADER_WORDS.contains(&name.as_str()) {
        return None;
    }
    let rest = squeeze(&caps[3]);
    let cut = POST_WORDS
        .iter()
        .flat_map(|w| rest.match_indices(w).filter(|(i, _)| !(*w == "委员" && rest[i + w.len()..].starts_with('会'))))
        .map(|(i, _)| i)
        .filter(|&i| i > 0)
        .min();
    let (agency, post) = match cut {
        Some(k) => (rest[..k].to_owned(), rest[k..].to_owned()),
        None => (String::new(), rest),
    };
    Some(RosterEntry {
        role: caps.get(1).map(|r| r.as_str().chars().filter(|&ch| !is_space(ch)).collect()),
        name,
        agency,
        post,
        span: Span { start: c.start, end: c.end },
    })
}

fn looks_like_units(t: &str) -> bool {
    t.contains('、')
        || t.ends_with(['局', '院', '部', '委', '办', '会', '门', '府', '）', '室', '位', '厅', '所', '心', '处', '队', '（'])
}

fn parse_table(source: &str, cells: &[Cell], numbers: &[usize], entries: &mut Vec<AnnexEntry>, warnings: &mut Vec<String>) {
    let note = |c: &Cell| AnnexEntry::Note(AnnexNote { text: squeeze(c.text), span: Span { start: c.start, end: c.end } });
    for c in &cells[..numbers[0]] {
        entries.push(note(c));
    }
    let mut seen: Vec<(u32, String)> = Vec::new();
    for (k, &n) in numbers.iter().enumerate() {
        let end = numbers.get(k + 1).copied().unwrap_or(cells.len());
        let row = &cells[n + 1..end];
        let number: u32 = cells[n].text.parse().unwrap_or(0);
        let mut t = 0;
        while t + 1 < row.len() && !row[t].text.contains('。') && row[t].text.split(is_space).all(|seg| seg.chars().count() <= 12) {
            t += 1;
            // A task name is short: one or a few narrow cells.
            if t >= 3 {
                break;
            }
        }
        let t = t.max(1).min(row.len());
        let last_sentence = row.iter().rposition(|c| c.text.contains('。') || c.text.contains('；'));
        let d_end = match last_sentence {
            Some(p) if p >= t => p + 1,
            _ => (t + 1).min(row.len()),
        };
        let mut u_end = d_end;
        while u_end < row.len() && looks_like_units(&squeeze(row[u_end].text)) {
            u_end += 1;
        }
        let join = |cs: &[Cell]| cs.iter().map(|c| squeeze(c.text)).collect::<String>();
        let task = join(&row[..t]);
        let description = join(&row[t..d_end]);
        let units = if u_end > d_end {
            let (a, b) = (row[d_end].start, row[u_end - 1].end);
            let norm = normalize_joined(&source[a..b]);
            let raw = parse_mentions(&norm.text);
            build_mentions(&norm.text, raw, |r| {
                let s = norm.source_span(r, &source[a..b]);
                Span { start: a + s.start, end: a + s.end }
            })
        } else {
            Vec::new()
        };
        let span = Span { start: cells[n].start, end: row.get(u_end.max(1) - 1).map_or(cells[n].end, |c| c.end) };
        if seen.iter().any(|(num, tk)| *num == number && *tk == task) {
            warnings.push(format!("annex task {number} ({task}) is printed twice; kept once"));
        } else {
            if seen.iter().any(|(num, _)| *num == number) {
                warnings.push(format!("annex task number {number} is used by two different tasks"));
            }
            seen.push((number, task.clone()));
            entries.push(AnnexEntry::Task(AnnexTask { number, task, description, units, span }));
        }
        if u_end < row.len() {
            let rest: Vec<String> = row[u_end..].iter().map(|c| squeeze(c.text)).collect();
            warnings.push(format!("annex: text after task {number} is not part of the table: {}", rest.join(" / ")));
            entries.extend(row[u_end..].iter().map(note));
        }
    }
}
