//! Runs the example binaries as a user would and checks what they print.

mod common;

use std::process::Output;

/// Runs an example as a user would, with `cargo run --example` (in the profile this test was
/// built in), so that it is never a stale binary.
fn run(example: &str, args: &[&str]) -> Output {
    common::cargo(&["--example", example], args)
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
    assert!(text.contains("1. 加大侵权假冒行为惩戒力度  [m2.1.1]"));
    assert!(text.contains("(二十二) 加强宣传引导  [m7.22]"));
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
    let ip = &measures[0]["agencies"][6];
    assert_eq!(ip["mention"], "区市场监管局（知识产权局）");
    assert_eq!(ip["agency"], "market_regulation");
    assert_eq!(ip["functions"], serde_json::json!(["market_regulation", "ip_office"]));
    assert_eq!(
        measures[0]["agencies"][4]["functions"],
        serde_json::json!(["agriculture_rural", "water_resources"])
    );
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
    assert!(out.contains("第三条 加大行政执法力度  [m2.3]"), "{out}");
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

    let out = run(
        "compare",
        &["Cargo.toml", "testsuite/tests/fixtures/plain_paragraphs.txt"],
    );
    assert!(!out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("Cargo.toml: no measures found"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn compare_prints_pairs_unmatched_and_agencies() {
    let text = stdout(&run("compare", &[]));
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "相山区 ~ 惠州市");
    assert_eq!(
        lines[3..6],
        [
            "17 pairs (one-to-one, threshold 0.23), mean score 0.446",
            "相山区: 17 of 21 measures matched (81%)",
            "惠州市: 17 of 22 measures matched (77%)"
        ]
    );
    assert!(
        text.contains("加大侵权假冒行为惩戒力度") && text.contains("行为 侵权假冒 行动"),
        "{text}"
    );
    assert!(text.contains("Only in 相山区 (4)\n  4. 加强商业秘密保护"), "{text}");
    assert!(text.contains("(十二) 深入参与粤港澳大湾区合作"));
    assert!(text.contains(
        "Named in measures: 14 shared, 2 only in 相山区, 8 only in 惠州市, 2 collectives; 3 named only in\n  annex tables"
    ), "{text}");
    assert!(text.contains("惠州海关"));
    // Fits 100 columns, CJK characters counting two.
    use unicode_width::UnicodeWidthStr;
    assert!(
        text.lines().all(|l| l.width() <= 100),
        "a line is wider than 100 columns"
    );
    insta::assert_snapshot!("compare_bundled", text);
}

#[test]
fn compare_outlines_line_up() {
    let text = stdout(&run(
        "compare",
        &["--outlines", "--strategy", "mutual-best", "--threshold", "0.3"],
    ));
    let (columns, rest) = text.split_once("\n\n").unwrap();
    assert!(
        columns.starts_with("关于强化知识产权保护的实施方案")
            && columns.contains("│ 惠州市关于强化知识产权保护的若干措施")
    );
    use unicode_width::UnicodeWidthStr;
    let outline: String = text
        .lines()
        .take_while(|l| l.contains('│'))
        .collect::<Vec<_>>()
        .join("\n");
    let cols: Vec<usize> = outline.lines().map(|l| l[..l.find('│').unwrap()].width()).collect();
    assert!(cols.len() > 40 && cols.iter().all(|&c| c == cols[0]), "{cols:?}");
    assert!(!rest.is_empty() && text.contains("(mutual-best, threshold 0.3)"));
}

#[test]
fn eval_reports_f1_on_the_bundled_gold() {
    let text = stdout(&run("eval", &[]));
    let first = text.lines().next().unwrap();
    assert!(
        first.starts_with("pairs 17 (one-to-one, threshold 0.23)  true 17  precision 1.000  recall 0.944  F1 0.971"),
        "{first}"
    );
    let out = run("eval", &["--threshold", "2"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("threshold: 2 is not in 0..=1"));
}

#[test]
fn compare_json_gives_one_id_to_the_same_body() {
    let text = stdout(&run("compare", &["--format", "json"]));
    let v: serde_json::Value = serde_json::from_str(&text).expect("valid JSON");
    for side in ["left", "right"] {
        let doc = &v[side];
        assert!(doc["title"].is_string() && doc["measures"].as_array().unwrap().len() > 20);
    }
    let agency_of = |side: &str, mention: &str| -> Option<String> {
        v[side]["measures"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|m| m["agencies"].as_array().unwrap())
            .find_map(|a| (a["mention"] == mention).then(|| a["agency"].as_str().unwrap_or("null").to_owned()))
    };
    assert_eq!(agency_of("left", "区法院"), agency_of("right", "市法院"));
    assert_eq!(agency_of("left", "相山公安分局").as_deref(), Some("public_security"));
    assert_eq!(agency_of("right", "市公安局").as_deref(), Some("public_security"));
    assert_eq!(
        agency_of("left", "区人社局"),
        agency_of("right", "市人力资源社会保障局")
    );
    assert_eq!(agency_of("right", "市直有关部门").as_deref(), Some("null"));
    let rows = v["agencies"].as_array().unwrap();
    let customs = rows.iter().find(|r| r["id"] == "customs").unwrap();
    assert_eq!(
        (customs["side"].as_str(), customs["right"][0].as_str()),
        (Some("right_only"), Some("惠州海关"))
    );
    assert_eq!(v["crosswalk"]["shared"].as_array().unwrap().len(), 14);
    // Pairs and unmatched measures, as the contract says.
    let pairs = v["pairs"].as_array().unwrap();
    assert_eq!(pairs.len(), 17);
    assert_eq!(
        (pairs[0]["left"].as_str(), pairs[0]["right"].as_str()),
        (Some("m2.1.1"), Some("m2.1"))
    );
    assert!(
        pairs
            .iter()
            .all(|p| p["score"].as_f64().is_some_and(|s| (0.0..=1.0).contains(&s)))
    );
    assert!(pairs[0]["components"]["words"].is_number());
    assert!(
        pairs[0]["shared_terms"]
            .as_array()
            .unwrap()
            .iter()
            .any(|t| t == "侵权假冒")
    );
    assert!(v["unmatched_left"].as_array().unwrap().iter().any(|id| id == "m2.1.4"));
    assert!(v["unmatched_right"].as_array().unwrap().iter().any(|id| id == "m5.12"));
    assert!(
        v["crosswalk"]["left_only"]
            .as_array()
            .unwrap()
            .iter()
            .any(|id| id == "water_resources")
    );
}

#[test]
fn agency_graph_in_every_format() {
    let text = stdout(&run("agency_graph", &[]));
    assert!(
        text.starts_with("Policy graph: 2 documents, 43 measures, 26 agencies"),
        "{text}"
    );
    assert!(text.contains("Only in 惠州市: arbitration, civil_affairs, copyright, customs"));
    assert!(text.contains("Measures with no responsible body (8):"));
    let dot = stdout(&run("agency_graph", &["--format", "dot"]));
    assert!(dot.starts_with("digraph {") && dot.trim_end().ends_with('}'));
    let xml = stdout(&run("agency_graph", &["--format", "graphml"]));
    let (nodes, edges) = policy_align::read_graphml(&xml).unwrap();
    assert_eq!(nodes.len(), 2 + 43 + 26);
    assert!(edges.iter().any(|e| e.2 == "aligned"));
    let json: serde_json::Value = serde_json::from_str(&stdout(&run("agency_graph", &["--format", "json"]))).unwrap();
    assert_eq!(json["nodes"].as_array().unwrap().len(), nodes.len());
    assert_eq!(json["links"].as_array().unwrap().len(), edges.len());
    // Three documents: a corpus graph.
    let three = stdout(&run(
        "agency_graph",
        &[
            "corpus/xiangshan_2021_ip_protection_plan.txt",
            "corpus/huizhou_2021_ip_protection_measures.txt",
            "testsuite/tests/fixtures/prefecture_plan.txt",
        ],
    ));
    assert!(three.starts_with("Policy graph: 3 documents"), "{three}");
    let out = run("agency_graph", &["--format", "svg"]);
    assert!(!out.status.success() && String::from_utf8_lossy(&out.stderr).contains("unknown format \"svg\""));
    let out = run("agency_graph", &["corpus/xiangshan_2021_ip_protection_plan.txt"]);
    assert!(
        !out.status.success()
            && String::from_utf8_lossy(&out.stderr).contains("2 documents or more are needed, 1 given")
    );
}

fn html_ok(html: &str, headings: &[&str]) {
    assert!(html.starts_with("<!DOCTYPE html>") && html.trim_end().ends_with("</html>"));
    // The text a reader sees: tags (such as the <mark> of shared terms) removed.
    let mut visible = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => visible.push(c),
            _ => {}
        }
    }
    for h in headings {
        assert!(visible.contains(h), "heading {h} missing from the HTML");
    }
    // No resource from the network: no src/href/url/import pointing anywhere.
    // Links within the page (`href="#…"`) are fine.
    let lower = html.to_lowercase().replace("href=\"#", "");
    for bad in ["src=", "href=", "url(", "@import", "<script", "<link"] {
        assert!(!lower.contains(bad), "{bad} in the HTML");
    }
    assert!(!lower.contains("http://") && !lower.contains("https://"));
}

#[test]
fn compare_in_every_format() {
    let docs: Vec<policy_align::Document> = policy_align::corpus::BUNDLED
        .iter()
        .map(|b| b.parse().unwrap())
        .collect();
    let headings: Vec<&str> = docs
        .iter()
        .flat_map(|d| d.measures.iter().map(|m| m.title.as_str()))
        .collect();

    let md = stdout(&run("compare", &["--format", "markdown"]));
    assert!(
        md.starts_with("# 相山区 ~ 惠州市") && md.contains("| 相山区") && md.contains("## Only in 相山区 (4)"),
        "{md}"
    );

    let csv_text = stdout(&run("compare", &["--format", "csv"]));
    let mut reader = csv::Reader::from_reader(csv_text.as_bytes());
    assert_eq!(
        reader.headers().unwrap().iter().collect::<Vec<_>>(),
        policy_align::report::COMPARISON_CSV_COLUMNS
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.iter().filter(|r| &r[0] == "pair").count(), 17);
    assert_eq!(rows.iter().filter(|r| &r[0] == "unmatched_left").count(), 4);
    assert_eq!(rows.iter().filter(|r| &r[0] == "unmatched_right").count(), 5);
    assert!(
        rows.iter()
            .all(|r| r.len() == policy_align::report::COMPARISON_CSV_COLUMNS.len())
    );
    let bom = stdout(&run("compare", &["--format", "csv", "--csv-bom"]));
    assert!(bom.starts_with('\u{feff}') && bom['\u{feff}'.len_utf8()..] == csv_text);

    let json: serde_json::Value = serde_json::from_str(&stdout(&run("compare", &["--format", "json"]))).unwrap();
    for key in [
        "left",
        "right",
        "pairs",
        "unmatched_left",
        "unmatched_right",
        "agencies",
    ] {
        assert!(!json[key].is_null(), "{key}");
    }

    html_ok(&stdout(&run("compare", &["--format", "html"])), &headings);
}

#[test]
fn corpus_in_every_format() {
    let files = ["corpus", "testsuite/tests/fixtures/prefecture_plan.txt"];
    let text = stdout(&run("corpus", &files));
    assert!(text.starts_with("3 documents, 55 measures"), "{text}");
    assert!(text.contains("Coverage: clusters of equivalent measures × jurisdictions"));
    let with = |f: &str| {
        let mut a = vec!["--format", f];
        a.extend(files);
        stdout(&run("corpus", &a))
    };
    let csv_text = with("csv");
    let mut reader = csv::Reader::from_reader(csv_text.as_bytes());
    assert_eq!(
        reader.headers().unwrap().iter().collect::<Vec<_>>(),
        policy_align::report::CORPUS_CSV_COLUMNS
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    // One row per measure of a cluster: a cluster of three has three rows, one per document.
    let three: Vec<&csv::StringRecord> = rows.iter().filter(|r| &r[2] == "3").collect();
    assert!(!three.is_empty() && three.len().is_multiple_of(3));
    let documents: std::collections::BTreeSet<&str> = rows.iter().map(|r| &r[3]).collect();
    assert_eq!(
        documents.into_iter().collect::<Vec<_>>(),
        [
            "huizhou_2021_ip_protection_measures",
            "prefecture_plan",
            "xiangshan_2021_ip_protection_plan"
        ]
    );
    let json: serde_json::Value = serde_json::from_str(&with("json")).unwrap();
    let members: usize = json["clusters"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["members"].as_array().unwrap().len())
        .sum();
    assert_eq!(rows.len(), members);
    assert_eq!(json["documents"].as_array().unwrap().len(), 3);
    // No dense clusters × documents matrix: the clusters' members are the coverage.
    assert!(json.get("coverage").is_none());
    // The agency load is sparse: each agency lists only the documents that name it.
    let load = json["agency_load"].as_object().unwrap();
    let courts = load["court"].as_array().unwrap();
    assert!(!courts.is_empty() && courts.len() <= 3, "{courts:?}");
    for entries in load.values() {
        for e in entries.as_array().unwrap() {
            let total = ["lead", "supporting", "responsible"]
                .map(|k| e[k].as_u64().unwrap())
                .iter()
                .sum::<u64>();
            assert!(total > 0 && e["document"].as_u64().unwrap() < 3, "{e}");
        }
    }
    assert!(with("markdown").contains("## Coverage"));
    let html = with("html");
    let prefecture = policy_align::Document::from_path(common::fixture("prefecture_plan.txt")).unwrap();
    let mut headings: Vec<String> = policy_align::corpus::BUNDLED
        .iter()
        .flat_map(|b| b.parse().unwrap().measures.into_iter().map(|m| m.title))
        .collect();
    headings.extend(prefecture.measures.iter().map(|m| m.title.clone()));
    headings.push("Agency load across jurisdictions".into());
    html_ok(&html, &headings.iter().map(String::as_str).collect::<Vec<_>>());
    let out = run("corpus", &["corpus/xiangshan_2021_ip_protection_plan.txt"]);
    assert!(
        !out.status.success()
            && String::from_utf8_lossy(&out.stderr).contains("2 documents or more are needed, 1 given")
    );
}

#[test]
fn out_files_are_written_whole_or_not_at_all() {
    let dir = std::env::temp_dir().join(format!("policy-align-out-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let html = dir.join("report.html");
    let out = run("compare", &["--format", "html", "--out", html.to_str().unwrap()]);
    assert!(out.status.success() && out.stdout.is_empty());
    assert!(std::fs::read_to_string(&html).unwrap().trim_end().ends_with("</html>"));
    // A failing run leaves nothing at --out.
    let failed = dir.join("failed.json");
    let out = run(
        "compare",
        &[
            "--format",
            "json",
            "--out",
            failed.to_str().unwrap(),
            "missing.txt",
            "corpus/xiangshan_2021_ip_protection_plan.txt",
        ],
    );
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("missing.txt"));
    assert!(!failed.exists());
    // An unwritable destination is a clear error.
    let out = run("inspect", &["--out", "/nonexistent-dir/x.txt"]);
    assert!(!out.status.success() && String::from_utf8_lossy(&out.stderr).contains("/nonexistent-dir/x.txt"));
    let graph = dir.join("graph.graphml");
    assert!(
        run(
            "agency_graph",
            &["--format", "graphml", "--out", graph.to_str().unwrap()]
        )
        .status
        .success()
    );
    assert!(policy_align::read_graphml(&std::fs::read_to_string(&graph).unwrap()).is_ok());
    assert!(
        std::fs::read_dir(&dir)
            .unwrap()
            .all(|e| !e.unwrap().file_name().to_string_lossy().ends_with(".tmp"))
    );
    std::fs::remove_dir_all(&dir).ok();
}

/// The README's sample of `compare` is the tool's output, line for line up to its `…`: it cannot
/// drift from what the example prints. (Regenerate it with
/// `cargo run --release --example compare | head -24`.)
#[test]
fn readme_sample_is_what_compare_prints() {
    let readme = std::fs::read_to_string(common::root().join("README.md")).unwrap();
    let start = readme.find("```text\n相山区 ~ 惠州市").expect("the compare sample") + "```text\n".len();
    let sample = &readme[start..start + readme[start..].find("\n…\n").expect("the sample ends with …")];
    let printed = stdout(&run("compare", &[]));
    let lines: Vec<&str> = printed.lines().take(sample.lines().count()).collect();
    assert_eq!(sample, lines.join("\n"), "README sample out of date");
}

/// The README's usage lines are each example's own usage, option for option.
#[test]
fn readme_usage_lines_are_the_examples_usage() {
    let readme = std::fs::read_to_string(common::root().join("README.md")).unwrap();
    let start = readme.find("## Examples").unwrap();
    let block_start = start + readme[start..].find("```sh\n").unwrap() + "```sh\n".len();
    let block = &readme[block_start..block_start + readme[block_start..].find("```").unwrap()];
    // Each `cargo run … --example NAME -- ARGS` with its indented continuation lines.
    let mut usages: Vec<(String, String)> = Vec::new();
    for line in block.lines() {
        let line = line.split("  #").next().unwrap().trim_end();
        if let Some(rest) = line.split("--example ").nth(1) {
            let (name, args) = rest.split_once(" -- ").unwrap_or((rest, ""));
            usages.push((name.to_owned(), args.to_owned()));
        } else if let Some(last) = usages.last_mut() {
            last.1 = format!("{} {}", last.1, line.trim());
        }
    }
    let words = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    assert_eq!(usages.len(), 6, "{usages:?}");
    for (name, args) in usages {
        let out = run(&name, &["--help"]);
        let help = String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
        let usage = help.split("\n\n").next().unwrap();
        let own = usage
            .trim_start()
            .strip_prefix(&format!("usage: {name}"))
            .unwrap_or_else(|| panic!("{help}"));
        assert_eq!(words(&args), words(own), "README usage of {name}");
    }
}

#[test]
fn diffuse_on_the_bundled_pair_and_the_made_answers() {
    let text = stdout(&run("diffuse", &[]));
    assert!(
        text.starts_with("Diffusion of 4 documents, 6 dyads; reference #1: 惠州市关于强化知识产权保护的若干措施"),
        "{text}"
    );
    for needle in [
        "│ m2.2 健全规范证据标准",
        "#3 boluo_2022_ip_measures: 4 copied, 1 reworded, 17 dropped, 1 added",
        "#4 huidong_2022_ip_measures: 2 copied, 1 reworded, 19 dropped, 1 added",
        "Longest passages copied word for word",
    ] {
        assert!(text.contains(needle), "{needle} not in {text}");
    }
    let html = stdout(&run("diffuse", &["--format", "html"]));
    html_ok(
        &html,
        &[
            "Timeline",
            "Adoption of the reference's measures",
            "Dyads",
            "Additions (6)",
        ],
    );
    let first = stdout(&run("diffuse", &["--format", "json"]));
    let json: serde_json::Value = serde_json::from_str(&first).unwrap();
    assert_eq!(json["dyads"].as_array().map(Vec::len), Some(6));
    // The same inputs give the same bytes.
    assert!(stdout(&run("diffuse", &["--format", "json"])) == first);
    let dir = std::env::temp_dir().join(format!("policy-align-diffuse-example-{}", std::process::id()));
    let out = run("diffuse", &["--format", "csv", "--out", dir.to_str().unwrap()]);
    assert!(out.status.success());
    let dyads = std::fs::read_to_string(dir.join("dyads.csv")).unwrap();
    assert_eq!(dyads.lines().count(), 7);
    std::fs::remove_dir_all(&dir).unwrap();
}
