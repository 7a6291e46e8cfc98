//! Annexes (附件): task tables and rosters, read from the source lines, whose white space
//! still separates table cells and roster columns.

use super::clause::{build_mentions, parse_mentions};
use super::model::{AnnexEntry, AnnexNote, AnnexTask, Lines, Mention, RosterEntry, Warning, WarningKind};
use crate::lexicon::roles::Role;
use crate::normalize::{fold_text, is_page_number_unfolded, is_space, normalize_joined};
use crate::span::Span;
use regex::Regex;
use std::sync::LazyLock;

static ROSTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:(\p{Han}[\p{Han} \u{3000}\u{a0}]{0,8}?)[：:][ \t\u{a0}\u{3000}]*)?(\p{Han}(?:[ \u{3000}\u{a0}]{0,2}\p{Han}){1,3})[ \t\u{a0}\u{3000}]{2,}(\S.*)$")
        .expect("valid regex")
});

/// Table header words, longest first where one begins another.
const HEADER_WORDS: &[&str] = &[
    "序号",
    "主要任务",
    "工作任务",
    "任务",
    "责任单位",
    "牵头单位",
    "配合单位",
    "姓名",
    "单位及职务",
    "单位",
    "职务",
    "备注",
    "具体措施",
    "工作措施",
    "重点任务",
    "完成时限",
    "完成时间",
    "时间节点",
    "时限要求",
];

/// How a column a table's header names is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Column {
    /// 序号.
    Number,
    /// The task's name, or after it what the task involves.
    Task,
    /// Responsible units, with the role its header gives.
    Units(Option<Role>),
    /// 完成时限 and its kind.
    Deadline,
    /// 备注, and what else the header names.
    Other,
}

fn column(word: &str) -> Column {
    match word {
        "序号" => Column::Number,
        "主要任务" | "工作任务" | "任务" | "具体措施" | "工作措施" | "重点任务" => Column::Task,
        "牵头单位" => Column::Units(Some(Role::Lead)),
        "配合单位" => Column::Units(Some(Role::Supporting)),
        "责任单位" | "单位" => Column::Units(None),
        "完成时限" | "完成时间" | "时间节点" | "时限要求" => Column::Deadline,
        _ => Column::Other,
    }
}

const POST_WORDS: &[&str] = &[
    "党组",
    "党委委员",
    "党工委",
    "常务副",
    "副",
    "主任",
    "局长",
    "部长",
    "书记",
    "委员",
    "常委",
    "院长",
    "检察长",
    "镇长",
    "区长",
    "县长",
    "市长",
    "州长",
    "处长",
    "科长",
    "调研员",
    "主席",
    "秘书长",
    "（挂职）",
];

/// A line of the annex source, trimmed: a table cell or a roster line.
struct Cell<'a> {
    text: &'a str,
    span: Span,
}

/// Parses the annex that starts at byte `start` of `source`. Returns the annex title, its
/// entries and warnings.
///
/// `paragraphs` are the annex's normalized paragraphs with their source spans: text that is
/// neither a task nor a roster entry is kept as the paragraph it belongs to, so that a note
/// wrapped over several lines stays one note.
pub(super) fn parse_annex(
    source: &str,
    start: usize,
    paragraphs: &[(Span, &str)],
) -> (Option<String>, Vec<AnnexEntry>, Vec<Warning>) {
    let cells = source_cells(source, start);
    let mut warnings = Vec::new();
    let mut entries = Vec::new();
    let (title, body_start, mut columns) = headings(&cells, start, paragraphs);
    // The columns a row's cells fill: the number is the row's own.
    columns.retain(|c| *c != Column::Number);
    if columns.len() < 2 || !columns.contains(&Column::Task) {
        columns.clear();
    }
    let i = cells
        .iter()
        .position(|c| c.span.start >= body_start)
        .unwrap_or(cells.len());
    let cells = &cells[i..];
    let numbers: Vec<usize> = (0..cells.len()).filter(|&k| is_number_cell(cells[k].text)).collect();
    if numbers.len() >= 2 {
        parse_table(source, cells, &numbers, &columns, &mut entries, &mut warnings);
    } else {
        roster_or_notes(cells, paragraphs, &mut entries);
    }
    (title, entries, warnings)
}

/// The non-blank lines of the source from `start` on, page numbers left out. A line whose
/// parts are separated by tabs (a table row of a Word document or a web page) gives a cell per
/// part: the table's own columns.
fn source_cells(source: &str, start: usize) -> Vec<Cell<'_>> {
    let mut cells = Vec::new();
    let mut pos = start;
    for piece in source[start..].split_inclusive(['\n', '\t']) {
        let t = piece.trim_matches(|c: char| is_space(c) || c == '\n' || c == '\r' || c == '\t');
        if !t.is_empty() && !is_page_number_unfolded(t) {
            let off = pos + (t.as_ptr() as usize - piece.as_ptr() as usize);
            cells.push(Cell {
                text: t,
                span: Span::new(off, off + t.len()),
            });
        }
        pos += piece.len();
    }
    cells
}

/// The annex title and where its body starts: 附件 lines, the title, table headers, read from
/// the normalized paragraphs (a title wrapped over two lines is one paragraph).
fn headings(cells: &[Cell], start: usize, paragraphs: &[(Span, &str)]) -> (Option<String>, usize, Vec<Column>) {
    let mut title: Option<String> = None;
    let mut body_start = start;
    let mut columns = Vec::new();
    // A header may stand a word a line (a table cell a line): its words add up.
    let mut header_of = |t: &str| match header_words(t) {
        Some(words) => {
            columns.extend(words.into_iter().map(column));
            true
        }
        None => false,
    };
    for (k, (span, t)) in paragraphs.iter().enumerate() {
        let after = t
            .trim_start_matches("附件")
            .trim_start_matches(|c: char| c.is_ascii_digit())
            .trim_start_matches('：');
        let header = if t.starts_with("附件") && t.chars().count() <= 60 {
            if title.is_none() && !after.is_empty() {
                title = Some(after.to_owned());
            }
            true
        } else if let Some(rest) = title.as_deref().and_then(|ti| t.strip_prefix(ti)) {
            // The title again, possibly run together with the table header.
            rest.is_empty() || header_of(rest)
        } else if title.is_none()
            && k <= 2
            && !cells.iter().any(|c| {
                c.span.start >= span.start
                    && c.span.start < span.end
                    && (ROSTER.is_match(c.text) || is_number_cell(c.text))
            })
        {
            title = Some((*t).to_owned());
            true
        } else {
            header_of(t)
        };
        if !header {
            break;
        }
        body_start = span.end;
    }
    (title, body_start, columns)
}

/// An annex without a task table: roster lines, and notes (each the paragraph it belongs to).
fn roster_or_notes(cells: &[Cell], paragraphs: &[(Span, &str)], entries: &mut Vec<AnnexEntry>) {
    let mut last_note: Option<usize> = None;
    for c in cells {
        if let Some(m) = roster_entry(c) {
            entries.push(AnnexEntry::Member(m));
            continue;
        }
        match paragraphs
            .iter()
            .position(|(span, _)| span.start <= c.span.start && c.span.start < span.end.max(span.start + 1))
        {
            Some(p) if last_note == Some(p) => {}
            Some(p) => {
                last_note = Some(p);
                entries.push(AnnexEntry::Note(AnnexNote {
                    text: paragraphs[p].1.to_owned(),
                    span: paragraphs[p].0,
                }));
            }
            None => entries.push(AnnexEntry::Note(AnnexNote {
                text: fold_text(c.text),
                span: c.span,
            })),
        }
    }
}

/// The header words the text is made of, in order, if it is only those (`序号主要任务责任单位`,
/// `姓名单位及职务`).
fn header_words(t: &str) -> Option<Vec<&'static str>> {
    let mut rest = t;
    let mut words = Vec::new();
    while !rest.is_empty() {
        let w = HEADER_WORDS.iter().find(|w| rest.starts_with(**w))?;
        words.push(*w);
        rest = rest[w.len()..].trim_start_matches('、');
    }
    Some(words)
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
    let rest = fold_text(&caps[3]);
    let cut = POST_WORDS
        .iter()
        .flat_map(|w| {
            rest.match_indices(w)
                .filter(|(i, _)| !(*w == "委员" && rest[i + w.len()..].starts_with('会')))
        })
        .map(|(i, _)| i)
        .filter(|&i| i > 0)
        .min();
    let (agency, post) = match cut {
        Some(k) => (rest[..k].to_owned(), rest[k..].to_owned()),
        None => (String::new(), rest),
    };
    Some(RosterEntry {
        role: caps
            .get(1)
            .map(|r| r.as_str().chars().filter(|&ch| !is_space(ch)).collect()),
        name,
        agency,
        post,
        span: c.span,
    })
}

fn looks_like_units(t: &str) -> bool {
    t.contains('、')
        || t.ends_with([
            '局', '院', '部', '委', '办', '会', '门', '府', '）', '室', '位', '厅', '所', '心', '处', '队', '（',
        ])
}

/// Where the columns of a table row end: the task name (cells `..t`), the description
/// (`t..d_end`) and the responsible units (`d_end..u_end`); what follows is not the table's.
fn row_columns(row: &[Cell]) -> (usize, usize, usize) {
    let mut t = 0;
    while t + 1 < row.len()
        && !row[t].text.contains('。')
        && row[t].text.split(is_space).all(|seg| seg.chars().count() <= 12)
    {
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
    let mut open = 0i32;
    while u_end < row.len() {
        let cell = fold_text(row[u_end].text);
        // A unit list may wrap inside a bracket: `市市场监管局（` / `市知识产权` / `局）`.
        if open == 0 && !looks_like_units(&cell) {
            break;
        }
        open += cell.matches('（').count() as i32 - cell.matches('）').count() as i32;
        u_end += 1;
    }
    (t, d_end, u_end)
}

/// The responsible units of a row, from the source text of their cells joined.
fn units(source: &str, cells: &[Cell]) -> Vec<Mention> {
    let (Some(first), Some(last)) = (cells.first(), cells.last()) else {
        return Vec::new();
    };
    let (a, b) = (first.span.start, last.span.end);
    let norm = normalize_joined(&source[a..b]);
    let raw = parse_mentions(&norm.text);
    build_mentions(&norm.text, raw, |r| norm.map_span(r, &source[a..b]).shifted(a))
}

/// A row of a task table as read: its fields, and the cells it used (`..end`) and left as notes.
struct RowRead {
    task: String,
    description: String,
    deadline: Option<String>,
    units: Vec<Mention>,
    end: usize,
    notes: Vec<usize>,
}

/// Reads a row (its cells after the number): by the header's columns after 序号 (empty when the
/// header names no task and one other column) when it has one cell for each, else by what its
/// cells look like ([`row_columns`]).
fn read_row(source: &str, row: &[Cell], columns: &[Column]) -> RowRead {
    let join = |cs: &[Cell]| cs.iter().map(|c| fold_text(c.text)).collect::<String>();
    let groups = cell_groups(row);
    if columns.is_empty() || columns.len() != groups.len() {
        let (t, d_end, u_end) = row_columns(row);
        return RowRead {
            task: join(&row[..t]),
            description: join(&row[t..d_end]),
            deadline: None,
            units: units(source, &row[d_end..u_end.max(d_end)]),
            end: u_end,
            notes: Vec::new(),
        };
    }
    let mut read = RowRead {
        task: String::new(),
        description: String::new(),
        deadline: None,
        units: Vec::new(),
        end: row.len(),
        notes: Vec::new(),
    };
    let mut tasks = 0;
    for (group, col) in groups.into_iter().zip(columns.iter().copied()) {
        let text = join(&row[group.clone()]);
        match col {
            Column::Task if tasks == 0 => (read.task, tasks) = (text, 1),
            Column::Task => read.description.push_str(&text),
            Column::Units(role) => read.units.extend(units(source, &row[group]).into_iter().map(|mut m| {
                if let Some(r) = role {
                    m.role = r;
                }
                m
            })),
            Column::Deadline => read.deadline = Some(text),
            Column::Number | Column::Other => read.notes.extend(group),
        }
    }
    read
}

/// The cells of a row grouped into the table's cells: a cell that ends inside a list or a
/// bracket (`区委宣传部、` / `区机关事务管理局`) goes on in the next.
fn cell_groups(row: &[Cell]) -> Vec<std::ops::Range<usize>> {
    let mut groups: Vec<std::ops::Range<usize>> = Vec::new();
    let mut open = 0i32;
    let mut continues = false;
    for (k, cell) in row.iter().enumerate() {
        match groups.last_mut() {
            Some(last) if continues || open > 0 => last.end = k + 1,
            _ => groups.push(k..k + 1),
        }
        open += cell.text.matches('（').count() as i32 - cell.text.matches('）').count() as i32;
        open = open.max(0);
        continues = cell.text.ends_with(['、', '，']);
    }
    groups
}

fn parse_table(
    source: &str,
    cells: &[Cell],
    numbers: &[usize],
    columns: &[Column],
    entries: &mut Vec<AnnexEntry>,
    warnings: &mut Vec<Warning>,
) {
    let note = |c: &Cell| {
        AnnexEntry::Note(AnnexNote {
            text: fold_text(c.text),
            span: c.span,
        })
    };
    entries.extend(cells[..numbers[0]].iter().map(note));
    // Rows seen, by number: linear in the rows however many there are.
    let mut seen: std::collections::HashMap<u32, Vec<String>> = std::collections::HashMap::new();
    let lines = Lines::of(source);
    for (k, &n) in numbers.iter().enumerate() {
        let end = numbers.get(k + 1).copied().unwrap_or(cells.len());
        let row = &cells[n + 1..end];
        let number: u32 = cells[n].text.parse().unwrap_or(0);
        let read = read_row(source, row, columns);
        let (task, description, u_end) = (read.task, read.description, read.end);
        let span = Span::new(
            cells[n].span.start,
            row.get(u_end.max(1) - 1).map_or(cells[n].span.end, |c| c.span.end),
        );
        let warn = |kind, message| Warning::at(kind, message, &lines, span);
        // A repeated row is the same number with the same text; where the task name ends and
        // the description starts is not compared (it can shift with extraction noise).
        let key = format!("{task}{description}");
        let same_number = seen.entry(number).or_default();
        if same_number.contains(&key) {
            let message = format!("annex task {number} ({task}) is printed twice; kept once");
            warnings.push(warn(WarningKind::AnnexRowRepeated, message));
        } else {
            if !same_number.is_empty() {
                let message = format!("annex task number {number} is used by two different tasks");
                warnings.push(warn(WarningKind::AnnexNumberReused, message));
            }
            same_number.push(key);
            entries.push(AnnexEntry::Task(AnnexTask {
                number,
                task,
                description,
                deadline: read.deadline,
                units: read.units,
                span,
            }));
            entries.extend(read.notes.iter().map(|&k| note(&row[k])));
        }
        if u_end < row.len() {
            let rest: Vec<String> = row[u_end..].iter().map(|c| fold_text(c.text)).collect();
            let message = format!(
                "annex: text after task {number} is not part of the table: {}",
                rest.join(" / ")
            );
            warnings.push(warn(WarningKind::AnnexStrayText, message));
            entries.extend(row[u_end..].iter().map(note));
        }
    }
}
