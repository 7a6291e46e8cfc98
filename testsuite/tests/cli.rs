//! Runs the `policy-align` command-line tool as a user would and checks what it prints, writes
//! and exits with.

mod common;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Output, Stdio};

const XIANGSHAN: &str = "corpus/xiangshan_2021_ip_protection_plan.txt";
const HUIZHOU: &str = "corpus/huizhou_2021_ip_protection_measures.txt";

/// Runs `policy-align ARGS`, standard input empty.
fn run(args: &[&str]) -> Output {
    common::cargo(&["--bin", "policy-align"], args)
        .output()
        .expect("policy-align runs")
}

/// Runs `policy-align ARGS` with `input` on standard input.
fn run_with_stdin(args: &[&str], input: &[u8]) -> Output {
    let mut child = common::cargo(&["--bin", "policy-align"], args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("policy-align starts");
    let mut stdin = child.stdin.take().expect("piped standard input");
    let input = input.to_vec();
    // Written from a thread, so that a tool that writes before it has read all cannot deadlock.
    let writer = std::thread::spawn(move || {
        // The tool may stop reading early (an error); that is for the assertions to judge.
        let _ = stdin.write_all(&input);
    });
    let out = child.wait_with_output().expect("policy-align runs");
    writer.join().unwrap();
    out
}

/// Runs an example with `cargo run --example`, as examples.rs does.
fn run_example(example: &str, args: &[&str]) -> Output {
    common::cargo(&["--example", example], args)
        .output()
        .expect("example runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).expect("UTF-8 output")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Standard output of a successful run.
fn stdout(out: &Output) -> String {
    assert_eq!(out.status.code(), Some(0), "failed: {}", stderr(out));
    text(&out.stdout)
}

/// Standard output of a successful run that must print nothing on standard error.
fn quiet_stdout(out: &Output) -> String {
    let s = stdout(out);
    assert_eq!(stderr(out), "", "standard error is not empty");
    s
}

/// Asserts that the run failed with `code`, printed nothing on standard output, and said
/// `needle` on standard error; returns standard error.
fn failure(out: &Output, code: i32, needle: &str) -> String {
    let err = stderr(out);
    assert_eq!(out.status.code(), Some(code), "exit status; stderr: {err}");
    assert!(
        out.stdout.is_empty(),
        "stdout: {}",
        String::from_utf8_lossy(&out.stdout)
    );
    assert!(err.contains(needle), "{needle:?} not in stderr: {err}");
    err
}

/// Asserts that standard error carries the parser's warning about the bundled Huizhou document,
/// with its file and line.
fn warns_of_huizhou(out: &Output) {
    let err = stderr(out);
    assert!(
        err.lines().any(|l| {
            l.split_once("huizhou_2021_ip_protection_measures.txt:")
                .is_some_and(|(_, rest)| rest.starts_with(|c: char| c.is_ascii_digit()))
                && l.contains("printed twice")
        }),
        "no warning with file and line about the task printed twice: {err}"
    );
}

/// A fresh directory for one test, removed when dropped.
struct TempDir(PathBuf);

impl TempDir {
    fn new(test: &str) -> TempDir {
        let dir = std::env::temp_dir().join(format!("policy-align-cli-{test}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        TempDir(dir)
    }

    fn path(&self, name: &str) -> PathBuf {
        self.0.join(name)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn s(p: &Path) -> &str {
    p.to_str().expect("UTF-8 path")
}

/// The version in the crate's Cargo.toml (the testsuite's own is 0.0.0).
fn crate_version() -> String {
    let manifest = std::fs::read_to_string(common::root().join("Cargo.toml")).unwrap();
    manifest
        .lines()
        .find_map(|l| l.strip_prefix("version = \""))
        .and_then(|v| v.strip_suffix('"'))
        .expect("a version in Cargo.toml")
        .to_owned()
}

/// The UTF-8 fixture re-encoded as GBK.
fn gbk_fixture(name: &str) -> Vec<u8> {
    let utf8 = std::fs::read_to_string(common::fixture(name)).unwrap();
    let (bytes, _, unmappable) = encoding_rs::GBK.encode(&utf8);
    assert!(!unmappable, "{name} has characters GBK cannot encode");
    bytes.into_owned()
}

#[test]
fn version_and_help_of_every_subcommand() {
    let version = stdout(&run(&["--version"]));
    assert_eq!(version, format!("policy-align {}\n", crate_version()));
    assert!(version.starts_with("policy-align 0.1.0"), "{version}");

    let threshold = format!("default {}", policy_align::Aligner::default().threshold());
    let has_example = |help: &str, sub: &str| {
        let line = format!("  policy-align {sub}");
        assert!(
            help.lines().any(|l| l.starts_with(&line)),
            "no example of {sub}: {help}"
        );
    };

    let help = stdout(&run(&["help", "compare"]));
    for needle in [
        "--strategy",
        "one-to-one",
        "mutual-best",
        "many-to-many",
        "[default: one-to-one]",
        "--threshold",
        &threshold,
        "--format",
        "[default: text]",
        "--outlines",
        "--out",
        "--csv-bom",
        "[possible values: text, markdown, csv, json, html, parquet]",
    ] {
        assert!(help.contains(needle), "compare help lacks {needle:?}: {help}");
    }
    has_example(&help, "compare");

    let help = stdout(&run(&["inspect", "--help"]));
    for needle in [
        "--format",
        "[default: text]",
        "[possible values: text, json]",
        "m2.1.3",
        "--out",
    ] {
        assert!(help.contains(needle), "inspect help lacks {needle:?}: {help}");
    }
    has_example(&help, "inspect");

    let help = stdout(&run(&["help", "corpus"]));
    for needle in [
        "--keep-going",
        "status 3",
        "--threshold",
        &threshold,
        "[default: text]",
        "[possible values: text, markdown, csv, json, html, parquet]",
    ] {
        assert!(help.contains(needle), "corpus help lacks {needle:?}: {help}");
    }
    has_example(&help, "corpus");

    let help = stdout(&run(&["graph", "--help"]));
    for needle in [
        "--format",
        "[default: text]",
        "[possible values: text, dot, graphml, json]",
        "--out",
    ] {
        assert!(help.contains(needle), "graph help lacks {needle:?}: {help}");
    }
    has_example(&help, "graph");

    let help = stdout(&run(&["help", "eval"]));
    for needle in [
        "--gold",
        "--strategy",
        "[default: one-to-one]",
        "--threshold",
        &threshold,
    ] {
        assert!(help.contains(needle), "eval help lacks {needle:?}: {help}");
    }
    has_example(&help, "eval");

    let help = stdout(&run(&["help", "diffuse"]));
    for needle in [
        "--reference",
        "--copied-share",
        "[default: 0.5]",
        "--min-chars",
        "[default: 8]",
        "[possible values: text, markdown, csv, json, html, dot, graphml, parquet]",
        "--keep-going",
    ] {
        assert!(help.contains(needle), "diffuse help lacks {needle:?}: {help}");
    }
    has_example(&help, "diffuse");
}

#[test]
fn compare_prints_what_the_example_prints() {
    // JSON, quiet: the same bytes as the example, nothing on standard error.
    let bin = run(&["--quiet", "compare", "--format", "json"]);
    let example = run_example("compare", &["--format", "json"]);
    let json = quiet_stdout(&bin);
    assert_eq!(json, stdout(&example), "compare --format json differs from the example");
    let v: serde_json::Value = serde_json::from_str(&json).expect("valid JSON");
    assert_eq!(v["pairs"].as_array().map(Vec::len), Some(17));

    // Text: the same bytes, and the parser's warnings on standard error.
    let bin = run(&["compare"]);
    let example = run_example("compare", &[]);
    let report = stdout(&bin);
    assert_eq!(report, stdout(&example), "compare (text) differs from the example");
    assert_eq!(report.lines().next(), Some("相山区 ~ 惠州市"));
    warns_of_huizhou(&bin);
}

#[test]
fn inspect_prints_outlines_and_json() {
    let out = run(&["inspect"]);
    let outline = stdout(&out);
    assert!(outline.contains("关于强化知识产权保护的实施方案"), "{outline}");
    assert!(outline.contains("惠州市关于强化知识产权保护的若干措施"), "{outline}");
    assert!(outline.contains("[m2.1.1]"), "{outline}");
    warns_of_huizhou(&out);

    // Quiet: the warnings stay in the JSON, not on standard error.
    let json = quiet_stdout(&run(&["-q", "inspect", "--format", "json", HUIZHOU]));
    let doc: serde_json::Value = serde_json::from_str(&json).expect("valid JSON");
    assert_eq!(doc["title"], "惠州市关于强化知识产权保护的若干措施");
    assert_eq!(doc["measures"].as_array().map(Vec::len), Some(22));
    assert!(
        doc["warnings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|w| w.as_str().is_some_and(|w| w.contains("printed twice"))),
        "{}",
        doc["warnings"]
    );
}

#[test]
fn graph_in_every_format() {
    let dir = TempDir::new("graph_in_every_format");
    let out = run(&["graph"]);
    let report = stdout(&out);
    assert!(
        report.starts_with("Policy graph: 2 documents, 43 measures, 26 agencies"),
        "{report}"
    );
    warns_of_huizhou(&out);

    let dot = quiet_stdout(&run(&["--quiet", "graph", "--format", "dot"]));
    assert!(dot.starts_with("digraph") && dot.trim_end().ends_with('}'), "{dot}");

    let json: serde_json::Value =
        serde_json::from_str(&stdout(&run(&["graph", "--format", "json"]))).expect("valid JSON");
    assert_eq!(json["nodes"].as_array().map(Vec::len), Some(2 + 43 + 26));

    // GraphML to a file: nothing on standard output, the whole graph in the file.
    let file = dir.path("graph.graphml");
    let out = run(&["-q", "graph", "--format", "graphml", "--out", s(&file)]);
    assert_eq!(quiet_stdout(&out), "");
    let xml = std::fs::read_to_string(&file).expect("--out written");
    assert!(xml.starts_with("<?xml"), "{xml}");
    let (nodes, edges) = policy_align::read_graphml(&xml).expect("valid GraphML");
    assert_eq!(nodes.len(), 2 + 43 + 26);
    assert_eq!(edges.len(), json["links"].as_array().unwrap().len());
    let names: Vec<String> = std::fs::read_dir(&dir.0)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["graph.graphml"], "temporary files left behind");
}

#[test]
fn eval_scores_the_bundled_pair() {
    let out = run(&["eval"]);
    let report = stdout(&out);
    let first = report.lines().next().unwrap_or_default();
    assert!(
        first.starts_with("pairs 17 (one-to-one, threshold 0.23)  true 17"),
        "{first}"
    );
    warns_of_huizhou(&out);
}

#[test]
fn corpus_reports_skips_and_exit_status() {
    let dir = TempDir::new("corpus_reports_skips_and_exit_status");
    let prefecture = common::fixture("prefecture_plan.txt");

    // Three files; the parser's warnings go to standard error here too.
    let out = run(&["corpus", XIANGSHAN, HUIZHOU, s(&prefecture)]);
    let report = stdout(&out);
    assert!(report.starts_with("3 documents, 55 measures"), "{report}");
    warns_of_huizhou(&out);

    // A directory of three documents (one with an upper-case extension), a file that is not
    // .txt, a sub-directory and a binary .txt.
    let docs = dir.path("docs");
    std::fs::create_dir_all(docs.join("sub")).unwrap();
    std::fs::copy(common::fixture("county_articles.txt"), docs.join("a.txt")).unwrap();
    std::fs::copy(&prefecture, docs.join("b.txt")).unwrap();
    std::fs::copy(common::fixture("province_measures.txt"), docs.join("C.TXT")).unwrap();
    std::fs::write(docs.join("notes.md"), "# notes\n").unwrap();
    std::fs::write(docs.join("broken.txt"), b"\x00\x01\x02 binary").unwrap();

    let out = run(&["corpus", s(&docs)]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(3), "exit status; stderr: {err}");
    let report = text(&out.stdout);
    assert!(report.starts_with("3 documents"), "{report}");
    let has_line = |err: &str, needles: &[&str]| {
        assert!(
            err.lines().any(|l| needles.iter().all(|n| l.contains(n))),
            "no line with {needles:?} on stderr: {err}"
        );
    };
    has_line(&err, &["notes.md: not a document (.txt, .pdf, .docx, .html)"]);
    has_line(&err, &["sub: a directory"]);
    has_line(&err, &["broken.txt", "binary data"]);
    has_line(&err, &["3 of 4 files aligned, 1 skipped"]);
    // The three documents are neither ignored nor skipped (warnings about them may be).
    assert!(
        !err.lines().any(|l| {
            (l.contains("ignored") || l.contains("skipped"))
                && ["a.txt", "b.txt", "C.TXT"].iter().any(|n| l.contains(n))
        }),
        "a document was left out: {err}"
    );

    // --keep-going: status 0; a nonexistent file is skipped and named the same way.
    let missing = dir.path("missing.txt");
    let out = run(&["corpus", "--keep-going", s(&docs), s(&missing)]);
    let report = stdout(&out);
    assert!(report.starts_with("3 documents"), "{report}");
    let err = stderr(&out);
    has_line(&err, &["broken.txt", "binary data"]);
    has_line(&err, &["skipped", "missing.txt"]);
    has_line(&err, &["3 of 5 files aligned, 2 skipped"]);

    // Fewer than two readable documents: an error.
    let out = run(&["corpus", s(&docs.join("a.txt")), s(&docs.join("broken.txt"))]);
    failure(&out, 1, "2 documents or more are needed");
}

#[test]
fn dash_reads_standard_input() {
    let dir = TempDir::new("dash_reads_standard_input");
    let gbk = gbk_fixture("county_articles.txt");
    let file = dir.path("county_gbk.txt");
    std::fs::write(&file, &gbk).unwrap();
    let plain = common::fixture("plain_paragraphs.txt");

    // The same outline from the file and from standard input (the outline shows no file name).
    let from_file = run(&["inspect", s(&file), s(&plain)]);
    let outline = stdout(&from_file);
    assert!(
        outline.contains("桐川县知识产权保护工作措施") && outline.contains("gb18030"),
        "{outline}"
    );
    let from_stdin = run_with_stdin(&["inspect", "-", s(&plain)], &gbk);
    assert_eq!(stdout(&from_stdin), outline, "inspect - differs from inspect FILE");
    // A document with no numbering: a warning naming the file.
    for out in [&from_file, &from_stdin] {
        let err = stderr(out);
        assert!(
            err.lines()
                .any(|l| l.contains("plain_paragraphs.txt") && l.contains("no numbered items")),
            "{err}"
        );
    }

    let out = run_with_stdin(&["compare", "-", s(&common::fixture("prefecture_plan.txt"))], &gbk);
    let report = stdout(&out);
    assert_eq!(report.lines().next(), Some("桐川县 ~ 雪岭藏族自治州"), "{report}");

    let out = run_with_stdin(&["inspect", "-", "-"], &gbk);
    failure(&out, 1, "standard input");
}

#[test]
fn options_that_do_not_apply_are_errors() {
    failure(
        &run(&["compare", "--csv-bom"]),
        1,
        "--csv-bom applies to --format csv only",
    );
    failure(
        &run(&["compare", "--outlines", "--format", "json"]),
        1,
        "--outlines applies to --format text only",
    );
    let err = failure(&run(&["inspect", "--format", "csv"]), 2, "--format");
    assert!(
        err.contains("'csv'") && err.contains("[possible values: text, json]"),
        "{err}"
    );
    let err = failure(&run(&["graph", "--format", "html"]), 2, "--format");
    assert!(
        err.contains("'html'") && err.contains("[possible values: text, dot, graphml, json]"),
        "{err}"
    );
    let err = failure(&run(&["compare", "--threshold", "2"]), 2, "between 0 and 1");
    assert!(err.contains("--threshold"), "{err}");
    failure(&run(&["compare", XIANGSHAN]), 1, "expected two files");
}

#[test]
fn out_writes_whole_files_or_none() {
    let dir = TempDir::new("out_writes_whole_files_or_none");

    // A failing run leaves no file, and says why in one line naming the file.
    let failed = dir.path("failed.json");
    let out = run(&[
        "compare",
        "--format",
        "json",
        "--out",
        s(&failed),
        "missing.txt",
        XIANGSHAN,
    ]);
    let err = failure(&out, 1, "missing.txt");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(!failed.exists(), "a failing run wrote {}", failed.display());

    // An unwritable destination.
    let out = run(&["compare", "--out", "/nonexistent-dir/x.txt"]);
    let err = failure(&out, 1, "cannot write");
    assert!(
        err.contains("/nonexistent-dir/x.txt") && !err.contains("cannot read"),
        "{err}"
    );

    // CSV with a byte-order mark, to a file.
    let csv_file = dir.path("pairs.csv");
    let out = run(&["-q", "compare", "--format", "csv", "--csv-bom", "--out", s(&csv_file)]);
    assert_eq!(quiet_stdout(&out), "");
    let bytes = std::fs::read(&csv_file).expect("--out written");
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").expect("starts with the UTF-8 BOM");
    let mut reader = csv::Reader::from_reader(body);
    assert_eq!(
        reader.headers().unwrap().iter().collect::<Vec<_>>(),
        policy_align::report::COMPARISON_CSV_COLUMNS
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.iter().filter(|r| &r[0] == "pair").count(), 17);
    let names: Vec<String> = std::fs::read_dir(&dir.0)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["pairs.csv"], "temporary files left behind");
}

/// A damaged PDF is named as such and fails; a UTF-8 file with a stray byte is read, with a warning
/// naming the line and byte.
#[test]
fn other_kinds_of_file_and_stray_bytes() {
    let dir = TempDir::new("other_kinds_of_file_and_stray_bytes");
    let pdf = dir.path("notice.pdf");
    std::fs::write(
        &pdf,
        b"%PDF-1.4\n%\xE2\xE3\xCF\xD3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n",
    )
    .unwrap();
    let out = run(&["inspect", s(&pdf)]);
    let err = failure(&out, 1, "a PDF document: the PDF cannot be read");
    assert!(err.contains("notice.pdf"), "{err}");

    let text = "桐溪县工作措施\n一、压实责任。落实责任人。\n二、排查隐患。开展检查。\n";
    let mut bytes = text.as_bytes().to_vec();
    bytes.insert(text.find("开展").unwrap(), 0xE6);
    let stray = dir.path("stray.txt");
    std::fs::write(&stray, &bytes).unwrap();
    let out = run(&["inspect", s(&stray)]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains(&format!(
            "invalid UTF-8 byte sequence 0xE6 at line 3 (byte {}), read as U+FFFD",
            text.find("开展").unwrap()
        )),
        "{err}"
    );
    assert!(stdout(&out).contains("排查隐患"));
}

/// The same inputs give byte-identical output in every format, whatever the number of threads.
#[test]
fn output_is_byte_identical_across_runs_and_threads() {
    let files = [XIANGSHAN, HUIZHOU, "testsuite/tests/fixtures/prefecture_plan.txt"];
    for (command, formats) in [
        ("compare", &["text", "markdown", "csv", "json", "html"][..]),
        ("corpus", &["text", "csv", "json", "html"][..]),
        ("graph", &["text", "dot", "graphml", "json"][..]),
    ] {
        for format in formats {
            let mut args = vec!["-q", command, "--format", format];
            args.extend(if command == "compare" { &files[..2] } else { &files[..] });
            let outputs: Vec<Vec<u8>> = ["1", "2", "2"]
                .iter()
                .map(|threads| {
                    let out = common::cargo(&["--bin", "policy-align"], &args)
                        .env("RAYON_NUM_THREADS", threads)
                        .output()
                        .unwrap();
                    assert!(out.status.success(), "{command} {format}: {}", stderr(&out));
                    out.stdout
                })
                .collect();
            assert!(
                outputs.windows(2).all(|w| w[0] == w[1]),
                "{command} --format {format} differs between runs"
            );
        }
    }
}

/// `diffuse` on the labelled corpus: the JSON keys of the contract, CSV tables in a directory
/// (ids as text), the HTML grid and timeline, the graph exports; bad options named.
#[test]
fn diffuse_writes_every_table_and_format() {
    let (boluo, huidong) = (
        "corpus/diffusion/boluo_2022_ip_measures.txt",
        "corpus/diffusion/huidong_2022_ip_measures.txt",
    );
    let base = ["--quiet", "diffuse", "--reference", HUIZHOU, XIANGSHAN, boluo, huidong];
    let json = stdout(&run(&[&base[..], &["--format", "json"]].concat()));
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    for key in ["documents", "adoptions", "additions", "dyads", "passages", "graph"] {
        assert!(v.get(key).is_some(), "no {key}");
    }
    let doc = &v["documents"][2];
    for key in [
        "id",
        "path",
        "title",
        "jurisdiction",
        "level",
        "province",
        "date",
        "doc_number",
        "cites",
    ] {
        assert!(doc.get(key).is_some(), "documents lack {key}: {doc}");
    }
    assert_eq!(doc["cites"], serde_json::json!(["huizhou_2021_ip_protection_measures"]));
    assert_eq!(doc["level"], "county");
    let copied = v["adoptions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["document"] == "boluo_2022_ip_measures" && a["reference_measure"] == "m2.2")
        .unwrap();
    assert_eq!(
        (copied["status"].as_str(), copied["measure"].as_str()),
        (Some("copied"), Some("m1.2"))
    );
    let span = &copied["spans"][0];
    assert!(span["reference"][1].as_u64() > span["reference"][0].as_u64() && span["document"].is_array());
    let dropped = v["adoptions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["document"] == "boluo_2022_ip_measures" && a["status"] == "dropped")
        .unwrap();
    assert!(dropped["measure"].is_null());
    let dyad = &v["dyads"][1];
    for key in [
        "earlier",
        "later",
        "days_apart",
        "relation",
        "cites",
        "similarity",
        "coverage_earlier",
        "coverage_later",
        "verbatim_share",
    ] {
        assert!(dyad.get(key).is_some(), "dyads lack {key}: {dyad}");
    }
    assert_eq!(
        (dyad["days_apart"].as_i64(), dyad["relation"].as_str()),
        (Some(49), Some("vertical"))
    );

    // CSV: one file per table in the directory --out names.
    let dir = TempDir::new("diffuse");
    let out = dir.path("tables");
    let csv = run(&[&base[..], &["--format", "csv", "--out", s(&out)]].concat());
    assert!(csv.status.success(), "{}", stderr(&csv));
    for name in [
        "documents.csv",
        "adoptions.csv",
        "adoption_spans.csv",
        "additions.csv",
        "dyads.csv",
        "passages.csv",
        "edges.csv",
    ] {
        let text = std::fs::read_to_string(out.join(name)).unwrap();
        let mut r = csv::Reader::from_reader(text.as_bytes());
        assert!(r.records().count() > 0, "{name} is empty");
    }
    let dyads = std::fs::read_to_string(out.join("dyads.csv")).unwrap();
    assert!(
        dyads.starts_with("earlier,later,days_apart,relation,cites,similarity,"),
        "{dyads}"
    );
    assert!(dyads.contains("huizhou_2021_ip_protection_measures,boluo_2022_ip_measures,49,vertical,true,"));
    failure(
        &run(&["diffuse", "--format", "csv", XIANGSHAN, HUIZHOU]),
        1,
        "--format csv writes one file per table: name a directory with --out",
    );

    // HTML: the status grid with its cells opening onto passages, and the timeline.
    let html = stdout(&run(&[&base[..], &["--format", "html"]].concat()));
    for needle in [
        "class=\"grid\"",
        "class=\"s copied\"",
        "href=\"#c-boluo_2022_ip_measures-m2.2\"",
        "id=\"c-boluo_2022_ip_measures-m2.2\"",
        "<mark>",
        "<h2>Timeline</h2>",
    ] {
        assert!(html.contains(needle), "html lacks {needle}");
    }
    let graphml = stdout(&run(&[&base[..], &["--format", "graphml"]].concat()));
    assert!(graphml.contains("<data key=\"d7\">citation</data>") && graphml.contains("<data key=\"d7\">reuse</data>"));
    assert!(stdout(&run(&[&base[..], &["--format", "dot"]].concat())).starts_with("digraph {"));

    // The text report fits 100 columns; a reference without measures, a bad share, are named.
    let text = stdout(&run(&base));
    let widest = text.lines().map(unicode_width::UnicodeWidthStr::width).max().unwrap();
    assert!(widest <= 100, "{widest}");
    assert!(
        text.contains("#3 boluo_2022_ip_measures: 4 copied, 1 reworded, 17 dropped, 1 added"),
        "{text}"
    );
    failure(
        &run(&["diffuse", "--copied-share", "2", XIANGSHAN, HUIZHOU]),
        1,
        "--copied-share 2 is not between 0 and 1",
    );
    let empty = dir.path("empty.txt");
    std::fs::write(&empty, "没有措施的文本。\n").unwrap();
    failure(
        &run(&["diffuse", "--reference", s(&empty), XIANGSHAN]),
        1,
        "the reference holds no measures",
    );
}

/// `inspect` reads PDF, Word and web pages, and `--source` prints the text extracted, which
/// every span points into (Word's generated list numbers written out).
#[test]
fn inspect_reads_other_formats_and_prints_their_source() {
    let docx = "testsuite/tests/formats/xiangshan.docx";
    let source = stdout(&run(&["--quiet", "inspect", "--source", docx]));
    assert!(source.starts_with(&format!("==> {docx} (DOCX) <==\n")), "{source}");
    assert!(source.lines().any(|l| l.starts_with("5.")), "{source}");
    let outline = stdout(&run(&["--quiet", "inspect", "testsuite/tests/formats/huizhou.pdf"]));
    assert!(outline.contains("22 measures | PDF"), "{outline}");
    failure(
        &run(&["inspect", "--source", "--format", "json", docx]),
        1,
        "--source applies to --format text only, not json",
    );
}
