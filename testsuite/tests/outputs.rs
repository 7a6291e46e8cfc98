//! The outputs load right where researchers load them: every CSV through pandas' `read_csv` with
//! its default settings, joined back to the JSON on ids without loss (`scripts/check_csv.py`).
//! `.ci/run` installs pandas into `.venv-ci`; where no Python with pandas is found, the same
//! promise is checked from Rust: no id cell reads as a number.

mod common;

use policy_align::report::{self, DocumentReport, Format, Renderer};
use policy_align::{Document, Pipeline};
use std::path::{Path, PathBuf};
use std::process::Command;

/// A Python with pandas and networkx: `$POLICY_ALIGN_PYTHON`, the CI's `.venv-ci`, or `python3`.
fn python_with_pandas() -> Option<PathBuf> {
    let mut candidates: Vec<PathBuf> = std::env::var_os("POLICY_ALIGN_PYTHON")
        .map(PathBuf::from)
        .into_iter()
        .collect();
    candidates.push(common::root().join(".venv-ci/bin/python3"));
    candidates.push(PathBuf::from("python3"));
    candidates.into_iter().find(|p| {
        Command::new(p)
            .args(["-c", "import pandas, networkx"])
            .output()
            .is_ok_and(|o| o.status.success())
    })
}

/// Would pandas or R read this cell as a number?
fn numeric_looking(cell: &str) -> bool {
    let t = cell.trim();
    !t.is_empty() && (t.parse::<f64>().is_ok() || t.eq_ignore_ascii_case("nan") || t.eq_ignore_ascii_case("inf"))
}

/// The cells of the columns named `columns` in a CSV text.
fn cells(csv_text: &str, columns: &[&str]) -> Vec<String> {
    let mut reader = csv::Reader::from_reader(csv_text.as_bytes());
    let headers = reader.headers().unwrap().clone();
    let at: Vec<usize> = columns
        .iter()
        .map(|c| {
            headers
                .iter()
                .position(|h| h == *c)
                .unwrap_or_else(|| panic!("no column {c}"))
        })
        .collect();
    reader
        .records()
        .flat_map(|r| {
            let r = r.unwrap();
            at.iter().map(|&i| r[i].to_owned()).collect::<Vec<_>>()
        })
        .collect()
}

/// Runs a Python snippet in `dir`; asserts it succeeds and returns what it printed.
fn run_snippet(python: &Path, dir: &Path, snippet: &str) -> String {
    let out = Command::new(python)
        .current_dir(dir)
        .args(["-c", snippet])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{snippet}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn csv_outputs_load_in_pandas_and_join_the_json() {
    let pipeline = Pipeline::new();
    let corpus_dir = common::root().join("corpus");
    let left = Document::from_path(corpus_dir.join("xiangshan_2021_ip_protection_plan.txt")).unwrap();
    let right = Document::from_path(corpus_dir.join("huizhou_2021_ip_protection_measures.txt")).unwrap();
    let prefecture = Document::from_path(common::fixture("prefecture_plan.txt")).unwrap();
    let comparison = pipeline.compare(left.clone(), right.clone()).unwrap();
    let corpus = pipeline.corpus(vec![left, right, prefecture]).unwrap();
    let render = |f: Format, c: &dyn Fn(&dyn policy_align::report::Renderer) -> String| c(&*f.renderer());
    let compare_csv = render(Format::Csv, &|r| comparison.render(r).unwrap());
    let compare_json = render(Format::Json, &|r| comparison.render(r).unwrap());
    let corpus_csv = render(Format::Csv, &|r| corpus.render(r).unwrap());
    let corpus_json = render(Format::Json, &|r| corpus.render(r).unwrap());

    // Ids and clusters are never numeric-looking, whatever reads them. (Labels are as written:
    // `1.` is one, so the README reads label columns with `dtype=str`.)
    let ids = cells(&compare_csv, &["left_id", "right_id"]);
    let ids2 = cells(&corpus_csv, &["cluster", "measure_id"]);
    assert!(ids.len() > 40 && ids2.len() > 40);
    let numeric: Vec<&String> = ids.iter().chain(&ids2).filter(|c| numeric_looking(c)).collect();
    assert!(numeric.is_empty(), "numeric-looking ids: {numeric:?}");

    let dir = std::env::temp_dir().join(format!("policy-align-outputs-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let files = [
        write(&dir, "pairs.csv", &compare_csv),
        write(&dir, "pairs.json", &compare_json),
        write(&dir, "clusters.csv", &corpus_csv),
        write(&dir, "clusters.json", &corpus_json),
    ];
    match python_with_pandas() {
        Some(python) => {
            let out = Command::new(&python)
                .arg(common::root().join("scripts/check_csv.py"))
                .args(&files)
                .output()
                .unwrap();
            let text = String::from_utf8_lossy(&out.stdout);
            assert!(out.status.success(), "{text}{}", String::from_utf8_lossy(&out.stderr));
            assert!(
                text.contains("ok compare: 17 pairs and 9 unmatched rows join the JSON"),
                "{text}"
            );
            assert!(
                text.contains("ok corpus: 55 rows join 29 clusters of the JSON"),
                "{text}"
            );
            // The README's pandas snippet runs as written on these files.
            let readme = std::fs::read_to_string(common::root().join("README.md")).unwrap();
            let snippet = common::python_after(&readme, "**CSV in pandas or R.**");
            let printed = run_snippet(&python, &dir, snippet);
            assert!(
                printed.contains(" m2.") && printed.contains("相山区") && printed.contains("measure_id"),
                "{printed}"
            );
            // And the networkx snippet, on the graph's node-link JSON and GraphML.
            let graph = comparison.graph();
            write(
                &dir,
                "graph.json",
                &serde_json::to_string(&graph.to_node_link()).unwrap(),
            );
            write(&dir, "graph.graphml", &graph.to_graphml());
            let snippet = common::python_after(&readme, "**Graphs in networkx or Gephi.**");
            let printed = run_snippet(&python, &dir, snippet);
            assert!(printed.contains("agency:ip_office"), "{printed}");
            let counts = format!("{} {}", graph.graph.node_count(), graph.graph.edge_count());
            assert!(printed.contains(&counts), "{printed}");
        }
        None => eprintln!("no Python with pandas: checked from Rust only (run .ci/run to install it)"),
    }
    std::fs::remove_dir_all(&dir).ok();
}

/// The diffusion tables: ids never numeric-looking, and the README's pandas snippet runs on them.
#[test]
fn diffusion_tables_load_in_pandas() {
    let root = common::root();
    let docs: Vec<Document> = [
        "corpus/huizhou_2021_ip_protection_measures.txt",
        "corpus/xiangshan_2021_ip_protection_plan.txt",
        "corpus/diffusion/boluo_2022_ip_measures.txt",
        "corpus/diffusion/huidong_2022_ip_measures.txt",
    ]
    .iter()
    .map(|p| Document::from_path(root.join(p)).unwrap())
    .collect();
    let study = Pipeline::new().diffuse(docs, Some(0)).unwrap();
    let tables = policy_align::report::CsvRenderer::default()
        .diffusion_tables(&study.report())
        .unwrap();
    let dir = std::env::temp_dir().join(format!("policy-align-diffusion-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("tables")).unwrap();
    for (name, text) in &tables {
        let columns: &[&str] = match name.as_str() {
            "documents.csv" => &["id"],
            "adoptions.csv" | "adoption_spans.csv" => &["document", "reference_measure", "measure"],
            "additions.csv" => &["document", "measure"],
            "dyads.csv" => &["earlier", "later"],
            "passages.csv" => &["earlier", "later", "earlier_measure", "later_measure"],
            _ => &["source", "target"],
        };
        let ids = cells(text, columns);
        assert!(!ids.is_empty() && !ids.iter().any(|c| numeric_looking(c)), "{name}");
        write(&dir.join("tables"), name, text);
    }
    match python_with_pandas() {
        Some(python) => {
            let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
            let snippet = common::python_after(&readme, "## Diffusion: who copied");
            let printed = run_snippet(&python, &dir, snippet);
            assert!(printed.contains("vertical") && printed.contains("copied"), "{printed}");
        }
        None => eprintln!("no Python with pandas: checked from Rust only (run .ci/run to install it)"),
    }
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn numeric_looking_cells() {
    for cell in ["4.10", "7", " 3.5 ", "1e3", "NaN", "-2", "1."] {
        assert!(numeric_looking(cell), "{cell}");
    }
    for cell in ["m4.10", "p3", "c12", "(一)", "1、", "m1.1-2", ""] {
        assert!(!numeric_looking(cell), "{cell}");
    }
}

/// Two documents of one jurisdiction (two years of one district's plan) keep distinct names in
/// every report: by year where their dates differ, by file name where they do not.
#[test]
fn documents_of_one_jurisdiction_keep_distinct_names() {
    let text = policy_align::corpus::XIANGSHAN.text;
    let a = Document::from_text(text, "plan_2021.txt").unwrap();
    let b = Document::from_text(&text.replace("2021年", "2023年"), "plan_2023.txt").unwrap();
    let c = Document::from_text(text, "copy.txt").unwrap();
    assert_eq!(policy_align::display_names(&[&a, &b]), ["相山区 2021", "相山区 2023"]);
    assert_eq!(
        policy_align::display_names(&[&a, &b, &c]),
        ["相山区 (plan_2021)", "相山区 2023", "相山区 (copy)"]
    );
    let pipeline = Pipeline::new();
    let comparison = pipeline.compare(a.clone(), b.clone()).unwrap();
    let text_report = comparison.render(&*Format::Text.renderer()).unwrap();
    assert!(text_report.starts_with("相山区 2021 ~ 相山区 2023\n"), "{text_report}");
    let html = comparison.render(&*Format::Html.renderer()).unwrap();
    assert!(html.contains("相山区 2021") && html.contains("相山区 2023"));
    let corpus = pipeline.corpus(vec![a, b, c]).unwrap();
    let json: serde_json::Value = serde_json::from_str(&corpus.render(&*Format::Json.renderer()).unwrap()).unwrap();
    assert_eq!(
        json["jurisdictions"],
        serde_json::json!(["相山区 (plan_2021)", "相山区 2023", "相山区 (copy)"])
    );
    let csv_text = corpus.render(&*Format::Csv.renderer()).unwrap();
    let documents: std::collections::BTreeSet<String> = cells(&csv_text, &["document"]).into_iter().collect();
    assert_eq!(documents.len(), 3);
}

/// Columns a terminal gives a string: two for CJK and fullwidth characters, one otherwise.
fn columns(s: &str) -> usize {
    s.chars()
        .map(|c| if matches!(c as u32, 0x1100..=0x115F | 0x2E80..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6 | 0x20000..=0x3FFFD) { 2 } else { 1 })
        .sum()
}

/// Text reports fit the 100 columns they promise, and read as a person writes: `1 measure`,
/// `no pairs`, no mean score of nothing.
#[test]
fn text_reports_fit_their_width_and_read_right() {
    let pipeline = Pipeline::new();
    let corpus_dir = common::root().join("corpus");
    let left = Document::from_path(corpus_dir.join("xiangshan_2021_ip_protection_plan.txt")).unwrap();
    let right = Document::from_path(corpus_dir.join("huizhou_2021_ip_protection_measures.txt")).unwrap();
    let comparison = pipeline.compare(left.clone(), right.clone()).unwrap();
    let corpus = pipeline.corpus(vec![left, right]).unwrap();
    for report in [
        comparison.render(&*Format::Text.renderer()).unwrap(),
        corpus.render(&*Format::Text.renderer()).unwrap(),
    ] {
        let wide: Vec<&str> = report.lines().filter(|l| columns(l) > 100).collect();
        assert!(wide.is_empty(), "lines over 100 columns: {wide:#?}");
    }

    let a = Document::from_text("青岚市防汛措施\n1.压实防汛责任。落实各级防汛责任人。\n", "a.txt").unwrap();
    let b = Document::from_text("白沙县招商措施\n1.优化营商环境。简化企业开办流程。\n", "b.txt").unwrap();
    let c = pipeline.compare(a, b).unwrap();
    let text = c.render(&*Format::Text.renderer()).unwrap();
    let head: Vec<&str> = text.lines().take(6).collect();
    assert_eq!(
        head[3..],
        [
            "no pairs (one-to-one, threshold 0.23)",
            "青岚市: 0 of 1 measure matched (0%)",
            "白沙县: 0 of 1 measure matched (0%)"
        ],
        "{text}"
    );
    assert!(!text.contains("mean score") && !text.contains("1 measures"), "{text}");
}

/// Where a person reads, measures are shown as their documents label and name them: the HTML
/// header cites each document's number and date, the graph and the coverage heatmap have a
/// legend, long headings are cut with an ellipsis and whole in a tooltip.
#[test]
fn html_shows_labels_legends_and_citations() {
    let pipeline = Pipeline::new();
    let corpus_dir = common::root().join("corpus");
    let left = Document::from_path(corpus_dir.join("xiangshan_2021_ip_protection_plan.txt")).unwrap();
    let right = Document::from_path(corpus_dir.join("huizhou_2021_ip_protection_measures.txt")).unwrap();
    let html = pipeline
        .compare(left.clone(), right.clone())
        .unwrap()
        .render(&*Format::Html.renderer())
        .unwrap();
    let number = right.meta.doc_number.clone().expect("Huizhou has a document number");
    assert!(html.contains(&number), "no document number in the header");
    assert!(html.contains("class=\"legend\"") && html.contains("sized by the number of measures"));
    // 构建快速处理渠道和风险预警机制 (14 characters): cut, and whole in the tooltip.
    assert!(
        html.contains("<title>9. 构建快速处理渠道和风险预警机制</title>"),
        "no tooltip"
    );
    assert!(html.contains(">9. 构建快速处理渠道和风险…</text>"), "no ellipsis");
    assert!(!html.contains(">m2.1.1 "), "an id where a person reads");
    let corpus_html = pipeline
        .corpus(vec![left, right])
        .unwrap()
        .render(&*Format::Html.renderer())
        .unwrap();
    assert!(corpus_html.contains("a cell holds the document's own label"));
    assert!(
        corpus_html.contains("title=\"(一) 严厉打击侵权假冒行为 (m2.1)\">(一)</td>"),
        "coverage cells"
    );
}

/// Every `.txt` document under `dir`, recursively, in path order.
fn text_documents(dir: &Path, found: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            text_documents(&path, found);
        } else if path.extension().is_some_and(|e| e == "txt") {
            found.push(path);
        }
    }
}

/// The JSON of documents (`inspect`, a corpus's `documents`) is written without a
/// `serde_json::Value` being made of each: its bytes are still those of the documented value
/// (`report::document_json`) pretty-printed, for every document the tests hold, whatever parts it
/// has (annex tasks, rosters and notes, subtasks, aliases, page chrome, unresolved names).
#[test]
fn documents_are_written_as_their_json_values() {
    let mut paths = Vec::new();
    text_documents(&common::root().join("corpus"), &mut paths);
    text_documents(&common::root().join("testsuite/tests"), &mut paths);
    let documents: Vec<Document> = paths.iter().filter_map(|p| Document::from_path(p).ok()).collect();
    assert!(documents.len() > 40, "{} documents", documents.len());
    let corpus = Pipeline::new().corpus(documents).unwrap();
    let reports: Vec<DocumentReport> = corpus
        .documents()
        .iter()
        .zip(corpus.agencies())
        .map(|(d, a)| DocumentReport::new(d, Some(a)).unwrap())
        .collect();
    let values: Vec<serde_json::Value> = reports.iter().map(report::document_json).collect();
    let renderer = report::JsonRenderer;
    for (one, value) in reports.iter().zip(&values) {
        let written = renderer.documents(std::slice::from_ref(one)).unwrap();
        assert_eq!(
            written,
            serde_json::to_string_pretty(value).unwrap() + "\n",
            "{}",
            one.document().name
        );
    }
    let all = renderer.documents(&reports).unwrap();
    assert_eq!(all, serde_json::to_string_pretty(&values).unwrap() + "\n");
    // The corpus JSON: its documents are those values, and the whole is the pretty form of
    // what it reads as.
    let written = corpus.render(&renderer).unwrap();
    let read: serde_json::Value = serde_json::from_str(&written).unwrap();
    assert_eq!(read["documents"], serde_json::Value::Array(values));
    assert_eq!(written, serde_json::to_string_pretty(&read).unwrap() + "\n");
    for part in [
        "\"kind\": \"member\"",
        "\"kind\": \"note\"",
        "\"subtasks\"",
        "\"abbreviations\"",
        "\"page\"",
    ] {
        assert!(all.contains(part), "no document has {part}");
    }
}
