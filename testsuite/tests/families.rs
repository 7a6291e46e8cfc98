//! Alignment quality on labelled families of documents: documents written for the purpose,
//! each answer rewording, reordering, merging, splitting, adding and dropping measures of the
//! document it answers, with decoys. The families of `tests/families/` (and the bundled pair)
//! were used to design and tune the aligner; those of `tests/heldout*/` were written by others
//! afterwards, and run only once the aligner was fixed: their figures say how it does on
//! documents it was not tuned on. A held-out family that was then used to change the aligner
//! moves to `tests/families/` (rural_revival did).

use policy_align::{Document, Evaluation, Pipeline, evaluate, read_gold};
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

static PIPELINE: LazyLock<Pipeline> = LazyLock::new(Pipeline::new);

/// One labelled pair of a family: its gold file and the two documents.
struct Case {
    family: String,
    name: String,
    gold: PathBuf,
    left: PathBuf,
    right: PathBuf,
}

/// Every `LEFT__RIGHT.gold.json` of every family of `tests/{set}`, in name order.
fn cases(set: &str) -> Vec<Case> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests").join(set);
    let mut families: Vec<PathBuf> = std::fs::read_dir(&root)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    families.sort();
    let mut out = Vec::new();
    for dir in families {
        let mut golds: Vec<PathBuf> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.to_string_lossy().ends_with(".gold.json"))
            .collect();
        golds.sort();
        for gold in golds {
            let stem = gold.file_name().unwrap().to_string_lossy().replace(".gold.json", "");
            let (l, r) = stem
                .split_once("__")
                .expect("gold files are named LEFT__RIGHT.gold.json");
            out.push(Case {
                family: dir.file_name().unwrap().to_string_lossy().into_owned(),
                name: stem.clone(),
                left: dir.join(format!("{l}.txt")),
                right: dir.join(format!("{r}.txt")),
                gold,
            });
        }
    }
    out
}

/// The default pipeline's alignment of a case, against its gold.
fn run(case: &Case) -> Evaluation {
    let gold = read_gold(
        &std::fs::read_to_string(&case.gold).unwrap(),
        &case.gold.display().to_string(),
    )
    .unwrap();
    let (l, r) = (
        Document::from_path(&case.left).unwrap(),
        Document::from_path(&case.right).unwrap(),
    );
    let c = PIPELINE.compare(l, r).unwrap();
    evaluate(&c.heading_pairs(), &gold, c.left(), c.right()).unwrap()
}

/// The figures of a set of families, one line per labelled pair, and the pairs that fall short
/// (F1 under 0.9, a decoy paired, a merge or split link missed).
fn figures(set: &str) -> (String, Vec<String>) {
    let mut failures = Vec::new();
    let mut table = String::new();
    for case in cases(set) {
        let ev = run(&case);
        table.push_str(&format!(
            "{set:<9} {:<14} {:<26} P {:.3} R {:.3} F1 {:.3}  decoys paired {}  merges/splits {}/{}\n",
            case.family,
            case.name,
            ev.precision,
            ev.recall,
            ev.f1,
            ev.decoys_paired.len(),
            ev.many_found.0,
            ev.many_found.1
        ));
        if ev.f1 < 0.9 || !ev.decoys_paired.is_empty() || ev.many_found.0 < ev.many_found.1 {
            failures.push(format!("{}/{}: {ev}", case.family, case.name));
        }
    }
    (table, failures)
}

#[test]
fn held_out_families_align_with_the_defaults() {
    let mut report = String::new();
    let mut failures = Vec::new();
    for set in ["heldout", "heldout2", "heldout3"] {
        for case in cases(set) {
            let ev = run(&case);
            let name = format!("{}/{}", case.family, case.name);
            report.push_str(&format!(
                "{set:<9} {name:<40} P {:.3} R {:.3} F1 {:.3}  decoys paired {}  merges/splits {}/{}\n",
                ev.precision,
                ev.recall,
                ev.f1,
                ev.decoys_paired.len(),
                ev.many_found.0,
                ev.many_found.1
            ));
            // F1 0.9, no decoy paired, every merge or split link but one found.
            if ev.f1 < 0.9 || !ev.decoys_paired.is_empty() || ev.many_found.0 + 1 < ev.many_found.1 {
                failures.push(format!("{name}: {ev}"));
            }
        }
    }
    println!("{report}");
    assert!(failures.is_empty(), "{report}\n{}", failures.join("\n"));
}

#[test]
fn tuning_families_stay_aligned() {
    let (table, _) = figures("families");
    println!("{table}");
    // Tuned on: a regression guard. F1 0.9 and no decoy everywhere; merge and split links are
    // missed only where they share too little with the measure they would help explain:
    // 推行“双随机、一公开”监管 (business_env), 加强知识产权信用监管 (lanjiang_ip), and in
    // rural_revival 加强耕地保护和用途管控 and 加强农村基础设施建设 ~ 实施农村道路提档升级.
    let known = [
        ("business_env/city_a__city_b", 1),
        ("lanjiang_ip/province__city", 1),
        ("rural_revival/province__county", 2),
    ];
    for case in cases("families") {
        let ev = run(&case);
        let name = format!("{}/{}", case.family, case.name);
        let missed = known.iter().find(|k| k.0 == name).map_or(0, |k| k.1);
        assert!(
            ev.f1 >= 0.9 && ev.decoys_paired.is_empty() && ev.many_found.0 + missed >= ev.many_found.1,
            "{name}: {ev}\n{table}"
        );
    }
}

#[test]
fn every_family_has_a_gold_that_reads() {
    let tuning = cases("families");
    let held_out: Vec<Case> = ["heldout", "heldout2", "heldout3"]
        .iter()
        .flat_map(|s| cases(s))
        .collect();
    assert!(
        tuning.len() >= 8 && held_out.len() >= 4,
        "{} and {} labelled pairs",
        tuning.len(),
        held_out.len()
    );
    let families = |cases: &[Case]| {
        cases
            .iter()
            .map(|c| c.family.clone())
            .collect::<std::collections::BTreeSet<_>>()
    };
    assert!(families(&tuning).len() >= 5 && families(&held_out).len() >= 3);
}

/// A pipeline that loads only the dictionary words of the documents it compares
/// (`dictionary_per_run`, as the command-line `compare` does) gives the same report, to the
/// byte, as one with the whole dictionary: on every labelled pair, and on the parser fixtures
/// paired in turn (web pages, traditional script, articles, plain paragraphs).
#[test]
fn a_dictionary_per_run_changes_nothing() {
    use policy_align::report::Format;
    let per_run = Pipeline::builder().dictionary_per_run(true).build();
    let mut pairs: Vec<(PathBuf, PathBuf)> = ["families", "heldout", "heldout2", "heldout3"]
        .iter()
        .flat_map(|set| cases(set))
        .map(|c| (c.left, c.right))
        .collect();
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut texts: Vec<PathBuf> = std::fs::read_dir(&fixtures)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    texts.sort();
    pairs.extend(texts.windows(2).map(|w| (w[0].clone(), w[1].clone())));
    assert!(pairs.len() >= 20, "{} pairs", pairs.len());
    let renderer = Format::Json.renderer();
    let mut compared = 0;
    for (l, r) in &pairs {
        let read = |p: &Path| Document::from_path(p).unwrap();
        let (Ok(whole), Ok(small)) = (PIPELINE.compare(read(l), read(r)), per_run.compare(read(l), read(r))) else {
            continue; // a fixture without measures
        };
        assert_eq!(
            small.render(&*renderer).unwrap(),
            whole.render(&*renderer).unwrap(),
            "{} ~ {}",
            l.display(),
            r.display()
        );
        compared += 1;
    }
    assert!(compared >= 20, "{compared} pairs compared");
}
