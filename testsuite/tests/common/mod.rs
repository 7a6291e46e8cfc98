//! Helpers shared by the integration tests: fingerprints of parsed documents, a PDF-noise
//! generator, and the expected outlines of the hand-written fixture documents.
#![allow(dead_code)]

use policy_align::{AgencyRegistry, AnnexEntry, Document, Segmenter, corpus};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::LazyLock;

/// The agency registry, built once per test binary.
pub static REGISTRY: LazyLock<AgencyRegistry> = LazyLock::new(AgencyRegistry::new);
/// The bundled pair, parsed once.
pub static DOCS: LazyLock<Vec<Document>> =
    LazyLock::new(|| corpus::BUNDLED.iter().map(|b| b.parse().unwrap()).collect());
/// A segmenter that knows the registry's and the bundled pair's agency names, built once.
pub static SEGMENTER: LazyLock<Segmenter> = LazyLock::new(|| {
    Segmenter::builder()
        .agencies(&REGISTRY)
        .document_agencies(DOCS.iter())
        .build()
});

/// The crate's root directory (the testsuite's parent).
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the testsuite sits in the crate")
        .to_owned()
}

/// Path of a fixture under tests/fixtures.
pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)
}

/// Everything a researcher relies on in a parsed document, spans and as-written labels aside.
pub fn fingerprint(doc: &Document) -> String {
    let mut out = String::new();
    let m = &doc.meta;
    out += &format!(
        "title={}\nnumber={:?}\ndate={:?}\njurisdiction={:?}\n",
        m.title, m.doc_number, m.date, m.jurisdiction
    );
    for c in &doc.cited {
        out += &format!("cites {} {:?}\n", c.title, c.doc_number);
    }
    for me in &doc.measures {
        let label = policy_align::normalize(&me.label).text;
        out += &format!(
            "measure {} {label} {} | {:?}\n  text={}\n",
            me.id, me.title, me.path, me.text
        );
        for mention in me.mentions() {
            out += &format!("  mention {} {:?}\n", mention.text, mention.role);
        }
    }
    for e in &doc.annex {
        match e {
            AnnexEntry::Task(t) => {
                let units: Vec<&str> = t.units.iter().map(|u| u.text.as_str()).collect();
                // Where a wrapped table cell ends (task name or description) cannot be told
                // once noise has put spaces inside words, so the two are compared joined.
                out += &format!("task {} {}{} | {}\n", t.number, t.task, t.description, units.join("、"));
            }
            AnnexEntry::Member(r) => out += &format!("member {} {} {}\n", r.name, r.agency, r.post),
            AnnexEntry::Note(n) => out += &format!("note {}\n", n.text),
            _ => out += "other\n",
        }
    }
    out
}

/// Asserts that two documents parse to the same measures, metadata and annex; on failure shows
/// the first differing line.
pub fn assert_same(expected: &Document, got: &Document, what: &str) {
    let (a, b) = (fingerprint(expected), fingerprint(got));
    if a != b {
        let (xs, ys): (Vec<&str>, Vec<&str>) = (a.lines().collect(), b.lines().collect());
        let k = (0..xs.len().max(ys.len()))
            .find(|&k| xs.get(k) != ys.get(k))
            .unwrap_or(0);
        panic!(
            "{what}: parse differs from the clean text\nfirst difference:\n  clean: {:?}\n  noisy: {:?}",
            xs.get(k),
            ys.get(k)
        );
    }
}

/// How to damage a text the way PDF extraction does.
#[derive(Debug, Clone, Copy)]
pub struct Noise {
    /// Hard-wrap every line at this many CJK characters' width (0: no wrapping).
    pub wrap: usize,
    /// Per mille of CJK character pairs that get a space (or U+00A0) inserted between them.
    pub spaces: u32,
    /// Replace full-width ，（）：； with their half-width forms.
    pub halfwidth: bool,
    /// Insert a page break (blank line, `- N -`, blank line) every this many output lines (0: none).
    pub page_every: usize,
    /// Indent the first line of long paragraphs with two ideographic spaces.
    pub indent: bool,
}

/// A small deterministic generator, so that noised copies are the same on every run.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

fn is_cjk(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c)
}

/// A PDF-noised copy of `text`.
pub fn pdf_noise(text: &str, seed: u64, noise: Noise) -> String {
    let mut rng = Rng::new(seed);
    let mut lines: Vec<String> = Vec::new();
    // Whether the previous non-blank line ended a paragraph (only then is the next indented).
    let mut paragraph_start = true;
    for line in text.lines() {
        let starts = paragraph_start;
        if !line.trim().is_empty() {
            paragraph_start = line.trim_end().ends_with(['。', '〕', '）', ')', '：', ':']);
        }
        let mut l = String::new();
        let chars: Vec<char> = line.chars().collect();
        for (i, &c) in chars.iter().enumerate() {
            let c = match c {
                '，' if noise.halfwidth => ',',
                '（' if noise.halfwidth => '(',
                '）' if noise.halfwidth => ')',
                '：' if noise.halfwidth => ':',
                '；' if noise.halfwidth => ';',
                c => c,
            };
            l.push(c);
            if is_cjk(c) && chars.get(i + 1).is_some_and(|&n| is_cjk(n)) && rng.below(1000) < noise.spaces as u64 {
                l.push(if rng.below(2) == 0 { ' ' } else { '\u{a0}' });
            }
        }
        let long = l.chars().count() > noise.wrap.max(40);
        if noise.indent && long && starts {
            l.insert_str(0, "\u{3000}\u{3000}");
        }
        // Lines laid out with runs of spaces (signatures, colophons, roster columns) are
        // positioned, not flowed: a PDF does not wrap them.
        if noise.wrap == 0 || line.contains("   ") || line.contains("\u{a0} \u{a0}") {
            lines.push(l);
            continue;
        }
        // Wrap by display width, as a PDF does: CJK characters take two columns, ASCII one.
        let budget = 2 * noise.wrap;
        let mut cur = String::new();
        let mut width = 0;
        for c in l.chars() {
            let w = if c.is_ascii() || c == '\u{a0}' { 1 } else { 2 };
            if width + w > budget {
                lines.push(std::mem::take(&mut cur));
                width = 0;
            }
            cur.push(c);
            width += w;
        }
        lines.push(cur);
    }
    let mut out = String::new();
    let mut page = 1;
    for (i, l) in lines.iter().enumerate() {
        if noise.page_every > 0 && i > 0 && i % noise.page_every == 0 {
            page += 1;
            out += &format!("\n- {page} -\n\n");
        }
        out += l;
        out.push('\n');
    }
    out
}

/// The hand-labelled expectation of a fixture document (`NAME.expected.json`).
#[derive(Debug, serde::Deserialize)]
pub struct Expected {
    pub title: String,
    pub doc_number: Option<String>,
    pub date: Option<String>,
    pub jurisdiction: Option<String>,
    pub cited: Vec<ExpectedCitation>,
    pub measures: Vec<ExpectedMeasure>,
    #[serde(default)]
    pub roster: Vec<ExpectedMember>,
    /// Where the jurisdiction was read (`issuer`, `title`, `doc_number`, `file_name`).
    #[serde(default)]
    pub jurisdiction_source: Option<String>,
    #[serde(default)]
    pub issuers: Option<Vec<String>>,
    /// Fragments of the closing lines: in the document's closing, in no measure.
    #[serde(default)]
    pub closing: Vec<String>,
    /// Fragments of page chrome: in no measure, title, issuer or recipient.
    #[serde(default)]
    pub chrome: Vec<String>,
}

#[derive(Debug, serde::Deserialize)]
pub struct ExpectedCitation {
    pub title: String,
    pub doc_number: Option<String>,
}

#[derive(Debug, serde::Deserialize)]
pub struct ExpectedMeasure {
    pub label: String,
    pub title: String,
    pub path: Vec<String>,
    pub mentions: Vec<ExpectedMention>,
}

#[derive(Debug, serde::Deserialize)]
pub struct ExpectedMention {
    pub name: String,
    pub role: String,
    /// The index of the clause the mention belongs to, within its measure.
    #[serde(default)]
    pub subtask: Option<usize>,
    /// Names defined for the body (`以下简称X`).
    #[serde(default)]
    pub aliases: Vec<String>,
}

#[derive(Debug, serde::Deserialize)]
pub struct ExpectedMember {
    pub name: String,
    pub post_and_agency: String,
}

pub fn expected(name: &str) -> Expected {
    let text = std::fs::read_to_string(fixture(&format!("{name}.expected.json"))).expect("expected file");
    serde_json::from_str(&text).expect("expected file is valid")
}

/// Document numbers compare in canonical form: the parser writes `[2022]` as `〔2022〕`.
pub fn canonical_number(n: &str) -> String {
    n.replace(['[', '［'], "〔").replace([']', '］'], "〕")
}

/// `cargo run -p policy-align WHAT -- ARGS` (in the profile this test was built in, so that it
/// is never a stale binary), from the crate's root.
pub fn cargo(what: &[&str], args: &[&str]) -> Command {
    let mut cmd = Command::new(env!("CARGO"));
    cmd.args(["run", "--quiet", "-p", "policy-align"]).args(what);
    if !cfg!(debug_assertions) {
        cmd.arg("--release");
    }
    cmd.arg("--").args(args).current_dir(root());
    cmd
}

/// The first Python block of the README after `heading`.
pub fn python_after<'a>(readme: &'a str, heading: &str) -> &'a str {
    let from = readme
        .find(heading)
        .unwrap_or_else(|| panic!("no {heading} in the README"));
    let start = readme[from..].find("```python\n").unwrap() + from + "```python\n".len();
    &readme[start..start + readme[start..].find("```").unwrap()]
}
