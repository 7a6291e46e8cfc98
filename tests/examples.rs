//! Runs the example binaries as a user would and checks what they print.

mod common;

use std::path::PathBuf;
use std::process::{Command, Output};

/// Runs an example built alongside this test (cargo builds examples for `cargo test`).
fn run(example: &str, args: &[&str]) -> Output {
    let deps = std::env::current_exe().unwrap().parent().unwrap().to_owned();
    let exe: PathBuf = deps.parent().unwrap().join("examples").join(example);
    let mut cmd = if exe.exists() {
        Command::new(exe)
    } else {
        let mut c = Command::new(env!("CARGO"));
        c.args(["run", "--quiet", "--example", example, "--"]);
        c
    };
    cmd.args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("example runs")
}

fn stdout(out: &Output) -> String {
    assert!(out.status.success(), "failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout.clone()).expect("UTF-8 output")
}

#[test]
fn inspect_prints_both_bundled_outlines() {
    let text = stdout(&run("inspect", &[]));
    assert!(text.contains("关于强化知识产权保护的实施方案"));
    assert!(text.contains("惠州市关于强化知识产权保护的若干措施"));
    assert!(text.contains("1. 加大侵权假冒行为惩戒力度  [2.1.1]"));
    assert!(text.contains("(二十二) 加强宣传引导  [7.22]"));
}

#[test]
fn inspect_json_follows_the_contract() {
    let text = stdout(&run(
        "inspect",
        &["--format", "json", "corpus/xiangshan_2021_ip_protection_plan.txt"],
    ));
    let doc: serde_json::Value = serde_json::from_str(&text).expect("valid JSON");
    assert_eq!(doc["title"], "关于强化知识产权保护的实施方案");
    assert_eq!(doc["doc_number"], "相区办发〔2021〕40号");
    assert_eq!(doc["date"], "2021-10-12");
    assert_eq!(doc["jurisdiction"], "相山区");
    let measures = doc["measures"].as_array().unwrap();
    assert_eq!(measures.len(), 21);
    for m in measures {
        for key in ["id", "label", "title", "text"] {
            assert!(m[key].is_string(), "{key} in {m}");
        }
        assert!(m["path"].is_array());
        for a in m["agencies"].as_array().unwrap() {
            assert!(a["mention"].is_string());
            assert!(["lead", "supporting", "responsible"].contains(&a["role"].as_str().unwrap()));
            assert!(a["agency"].is_null() || a["agency"].is_string());
            assert!(a["functions"].is_array());
        }
    }
    assert_eq!(measures[0]["agencies"][6]["mention"], "区市场监管局（知识产权局）");
    assert!(doc["cited"].as_array().unwrap().len() == 2);
    assert!(doc["annex"].as_array().unwrap().iter().any(|e| e["kind"] == "member"));
    assert!(doc["warnings"].is_array());
}

#[test]
fn inspect_reads_a_gbk_file() {
    let dir = std::env::temp_dir().join(format!("policy-align-examples-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("county_gbk.txt");
    let text = std::fs::read_to_string(common::fixture("county_articles.txt")).unwrap();
    std::fs::write(&path, encoding_rs::GBK.encode(&text).0).unwrap();
    let out = stdout(&run("inspect", &[path.to_str().unwrap()]));
    assert!(out.contains("第三条 加大行政执法力度  [2.3]"), "{out}");
    assert!(out.contains("gb18030"));
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn examples_fail_cleanly_on_bad_input() {
    let out = run("inspect", &["no/such/file.txt"]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.starts_with("inspect: no/such/file.txt: cannot read"), "{err}");
    assert_eq!(err.lines().count(), 1);

    let out = run("inspect", &["--format", "yaml"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("unknown format \"yaml\""));

    let out = run("compare", &["only-one.txt"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("expected two files"));

    let out = run("compare", &["Cargo.toml", "tests/fixtures/plain_paragraphs.txt"]);
    assert!(!out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("Cargo.toml: no measures found"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn compare_prints_the_bundled_pair_side_by_side() {
    let text = stdout(&run("compare", &[]));
    let first = text.lines().next().unwrap();
    assert!(
        first.starts_with("关于强化知识产权保护的实施方案") && first.contains("│ 惠州市关于强化知识产权保护的若干措施")
    );
    // Columns line up: the separator sits at the same display column on every line.
    use unicode_width::UnicodeWidthStr;
    let cols: Vec<usize> = text.lines().map(|l| l[..l.find('│').unwrap()].width()).collect();
    assert!(cols.iter().all(|&c| c == cols[0]), "{cols:?}");
    insta::assert_snapshot!("compare_bundled", text);
}
