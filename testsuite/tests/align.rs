//! Alignment: the bundled pair against its gold, the strategies, corpus clusters, determinism,
//! and properties of scores and assignments.

mod common;

use policy_align::report::Format;
use policy_align::{
    Aligner, Comparison, Document, FeatureSet, LinkKind, Pipeline, ScoreMatrix, Scorer, Strategy, choose_pairs, corpus,
    evaluate, read_gold,
};
use proptest::prelude::*;
use proptest::strategy::Strategy as _;

use common::{DOCS, REGISTRY, SEGMENTER};

fn compare(left: &Document, right: &Document, aligner: Aligner) -> Comparison {
    let pipeline = Pipeline::builder().aligner(aligner).build();
    pipeline.compare(left.clone(), right.clone()).unwrap()
}

fn pairs(c: &Comparison) -> Vec<(String, String)> {
    c.alignment()
        .pairs
        .iter()
        .map(|p| (p.left.clone(), p.right.clone()))
        .collect()
}

#[test]
fn bundled_pair_against_the_gold() {
    let (x, h) = (&DOCS[0], &DOCS[1]);
    let c = compare(x, h, Aligner::default());
    let gold = read_gold(include_str!("../../corpus/gold_xiangshan_huizhou.json"), "gold").unwrap();
    assert_eq!(gold.pairs.len(), 18);
    let ev = evaluate(&c.heading_pairs(), &gold, x, h).unwrap();
    assert!(ev.f1 >= 0.95, "F1 {:.3}: {ev:?}", ev.f1);
    assert_eq!(ev.precision, 1.0, "{:?}", ev.false_positives);
    // The peer pipeline pairs 建立知识产权快保护机制 with 提供海外维权援助服务 (both say 维权援助).
    assert!(!pairs(&c).contains(&("m2.3.10".into(), "m5.13".into())));
    assert!(pairs(&c).contains(&("m2.4.11".into(), "m5.13".into())));
    // Measures with no counterpart stay unmatched on both sides.
    assert!(
        c.alignment().unmatched_left.contains(&"m2.1.4".to_owned()),
        "加强商业秘密保护"
    );
    assert!(
        c.alignment().unmatched_right.contains(&"m5.12".to_owned()),
        "深入参与粤港澳大湾区合作"
    );
    // Each pair explains itself.
    let first = &c.alignment().pairs[0];
    assert!(
        first.shared_terms[..2].contains(&"侵权假冒".to_owned()),
        "{:?}",
        first.shared_terms
    );
    assert!(
        ["words", "bigrams", "heading", "position"]
            .iter()
            .all(|k| first.components.contains_key(k))
    );
}

#[test]
fn gold_errors_name_the_heading() {
    let bad = r#"[{"left": "不存在的措施", "right": "严厉打击侵权假冒行为"}]"#;
    let gold = read_gold(bad, "bad.json").unwrap();
    let err = evaluate(&[], &gold, &DOCS[0], &DOCS[1]).unwrap_err();
    assert!(err.to_string().contains("不存在的措施"), "{err}");
    let err = read_gold("[{\"left\": 1}]", "broken.json").unwrap_err();
    assert!(err.to_string().starts_with("broken.json:1"), "{err}");
}

#[test]
fn strategies() {
    let (x, h) = (&DOCS[0], &DOCS[1]);
    let with = |s: Strategy| pairs(&compare(x, h, Aligner::builder().strategy(s).build().unwrap()));
    let (one, mutual, many) = (
        with(Strategy::OneToOne),
        with(Strategy::MutualBest),
        with(Strategy::ManyToMany),
    );
    // One-to-one: no measure twice.
    let mut lefts: Vec<&String> = one.iter().map(|p| &p.0).collect();
    let mut rights: Vec<&String> = one.iter().map(|p| &p.1).collect();
    lefts.dedup();
    rights.sort();
    rights.dedup();
    assert_eq!((lefts.len(), rights.len()), (one.len(), one.len()));
    // Mutual best pairs are each other's best: a subset of the one-to-one pairs here.
    assert!(
        !mutual.is_empty() && mutual.iter().all(|p| one.contains(p)),
        "{mutual:?}"
    );
    // Many-to-many holds every pair above the threshold, so both others, and more.
    assert!(one.iter().all(|p| many.contains(p)) && many.len() > one.len());
    // A higher threshold never adds one-to-one pairs (a measure it leaves over may join a
    // merge instead).
    let strict = compare(x, h, Aligner::builder().threshold(0.4).build().unwrap());
    let strict_one: Vec<(String, String)> = strict
        .alignment()
        .pairs
        .iter()
        .filter(|p| p.kind == LinkKind::OneToOne)
        .map(|p| (p.left.clone(), p.right.clone()))
        .collect();
    assert!(strict.alignment().pairs.len() < one.len(), "{strict_one:?}");
    assert!(strict_one.iter().all(|p| one.contains(p)), "{strict_one:?} {one:?}");
}

#[test]
fn corpus_clusters_across_three_jurisdictions() {
    let prefecture = Document::from_path(common::fixture("prefecture_plan.txt")).unwrap();
    let docs: Vec<&Document> = vec![&DOCS[0], &DOCS[1], &prefecture];
    let agencies: Vec<_> = docs.iter().map(|d| REGISTRY.resolve_document(d)).collect();
    let features = FeatureSet::build(&SEGMENTER, &docs, &agencies).unwrap();
    let corpus = Aligner::default().align_corpus(&features);
    let cluster_of = |d: usize, id: &str| {
        corpus
            .clusters
            .iter()
            .find(|c| c.members.iter().any(|(dd, m)| *dd == d && m == id))
            .map(|c| c.id.clone())
    };
    // Equivalent measures of the three jurisdictions, each in one cluster.
    for triple in [
        ["m2.1.1", "m2.1", "m2.1.1"], // 加大侵权假冒行为惩戒力度 / 严厉打击侵权假冒行为 / 加大侵权假冒行为打击力度
        ["m2.2.7", "m2.3", "m2.3.8"], // 强化信用监管 / 完善案件执行机制 / 加强知识产权信用监管
        ["m2.6.17", "m6.17", "m2.4.10"], // 人才队伍建设 / 加强人才培育提升 / 加强知识产权人才队伍建设
        ["m3.4", "m7.22", "m2.4.11"], // 强化宣传引导 / 加强宣传引导 / 强化知识产权宣传教育
    ] {
        let c = cluster_of(0, triple[0]);
        assert!(
            c.is_some() && c == cluster_of(1, triple[1]) && c == cluster_of(2, triple[2]),
            "{triple:?}"
        );
    }
    // Pairs that only two have stay apart from the third, and nothing is in two clusters.
    assert_eq!(cluster_of(0, "m3.1"), cluster_of(1, "m7.19"));
    let members: usize = corpus.clusters.iter().map(|c| c.members.len()).sum();
    assert_eq!(members, docs.iter().map(|d| d.measures.len()).sum::<usize>());
    // The coverage matrix: one row per cluster, one column per document.
    assert_eq!(corpus.documents, 3);
    for (k, c) in corpus.clusters.iter().enumerate() {
        let row = corpus.coverage_row(k);
        assert_eq!(row.len(), 3);
        assert_eq!(row.iter().flatten().count(), c.members.len());
        for (d, id) in &c.members {
            assert_eq!(corpus.measure_of(k, *d), Some(id.as_str()));
        }
    }
    assert_eq!(corpus.measure_of(corpus.clusters.len(), 0), None);
    assert!(corpus.shared_by_all().count() >= 4);
    // A cluster never holds two measures of one document.
    for c in &corpus.clusters {
        let mut ds: Vec<usize> = c.members.iter().map(|m| m.0).collect();
        ds.dedup();
        assert_eq!(ds.len(), c.members.len());
    }
}

#[test]
fn output_is_deterministic() {
    let run = || {
        let c = Pipeline::new().compare(DOCS[0].clone(), DOCS[1].clone()).unwrap();
        c.render(&*Format::Json.renderer()).unwrap()
    };
    assert_eq!(run(), run());
}

#[test]
fn swapping_the_bundled_pair_gives_the_same_pairs() {
    let a = compare(&DOCS[0], &DOCS[1], Aligner::default());
    let b = compare(&DOCS[1], &DOCS[0], Aligner::default());
    let mut swapped: Vec<(String, String)> = pairs(&b).into_iter().map(|(l, r)| (r, l)).collect();
    swapped.sort();
    let mut direct = pairs(&a);
    direct.sort();
    assert_eq!(direct, swapped);
}

fn pieces() -> impl proptest::strategy::Strategy<Value = String> {
    prop::sample::select(vec![
        "加强知识产权保护",
        "严厉打击侵权假冒",
        "商业秘密",
        "地理标志",
        "维权援助",
        "专利导航",
        "行政裁决",
        "建立健全",
        "工作机制",
        "市场监管局",
        "公安局",
        "，",
        "。",
        "、",
        "推动",
        "快速处理",
        "电子商务",
        "人才培养",
        "宣传引导",
        "组织领导",
    ])
    .prop_map(str::to_owned)
}

fn document(name: &str, measures: &[(Vec<String>, Vec<String>)]) -> Document {
    let mut text = String::from("某某市关于强化知识产权保护的措施\n一、主要措施\n");
    for (k, (title, body)) in measures.iter().enumerate() {
        text += &format!(
            "{}.{}。{}。〔责任单位：市公安局、市法院按职责分工负责〕\n",
            k + 1,
            title.concat(),
            body.concat()
        );
    }
    Document::from_text(&text, name).unwrap()
}

fn measures() -> impl proptest::strategy::Strategy<Value = Vec<(Vec<String>, Vec<String>)>> {
    prop::collection::vec(
        (
            prop::collection::vec(pieces(), 1..4),
            prop::collection::vec(pieces(), 0..12),
        ),
        1..8,
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    /// Every score and every component is in [0, 1], whatever the documents say.
    #[test]
    fn scores_are_in_the_unit_interval(a in measures(), b in measures()) {
        let (left, right) = (document("a.txt", &a), document("b.txt", &b));
        let agencies = [REGISTRY.resolve_document(&left), REGISTRY.resolve_document(&right)];
        let features = FeatureSet::build(&SEGMENTER, &[&left, &right], &agencies).unwrap();
        let scorer = Scorer::default();
        for x in &features.docs[0] {
            for y in &features.docs[1] {
                let s = scorer.score(x, y);
                prop_assert!((0.0..=1.0).contains(&s.score), "{s:?}");
                prop_assert!(s.components.values().all(|v| (0.0..=1.0).contains(v)), "{s:?}");
                // Scores are symmetric.
                prop_assert!((scorer.score(y, x).score - s.score).abs() < 1e-12);
            }
        }
    }

    /// Swapping left and right gives the same one-to-one pairs.
    #[test]
    fn one_to_one_is_symmetric(a in measures(), b in measures()) {
        let (left, right) = (document("a.txt", &a), document("b.txt", &b));
        let direct = compare(&left, &right, Aligner::default());
        let swapped = compare(&right, &left, Aligner::default());
        let mut back: Vec<(usize, usize)> = swapped.alignment().pairs.iter().map(|p| (p.right_index, p.left_index)).collect();
        back.sort();
        let there: Vec<(usize, usize)> = direct.alignment().pairs.iter().map(|p| (p.left_index, p.right_index)).collect();
        prop_assert_eq!(there, back);
    }

    /// Every pair carries a p-value in [0, 1] and a margin in [-1, 1], its kind agrees with the
    /// links around it, and the same documents give the same pairs, bit for bit.
    #[test]
    fn pairs_are_reproducible_with_their_evidence(a in measures(), b in measures()) {
        let (left, right) = (document("a.txt", &a), document("b.txt", &b));
        let first = compare(&left, &right, Aligner::default());
        let again = compare(&left, &right, Aligner::default());
        prop_assert_eq!(first.alignment(), again.alignment());
        let pairs = &first.alignment().pairs;
        for p in pairs {
            prop_assert!((0.0..=1.0).contains(&p.p_value), "{p:?}");
            prop_assert!((-1.0..=1.0).contains(&p.margin), "{p:?}");
            let on_left = pairs.iter().filter(|q| q.left_index == p.left_index).count();
            let on_right = pairs.iter().filter(|q| q.right_index == p.right_index).count();
            let expected = match (on_left, on_right) {
                (1, 1) => LinkKind::OneToOne,
                (1, _) => LinkKind::ManyToOne,
                (_, 1) => LinkKind::OneToMany,
                _ => return Err(TestCaseError::fail(format!("a measure in a merge and a split: {pairs:?}"))),
            };
            prop_assert_eq!(p.kind, expected, "{:?}", pairs);
        }
    }

    /// On any score matrix: pairs are above the threshold, one-to-one uses each side once, and
    /// transposing the matrix transposes the pairs, for every strategy.
    #[test]
    fn assignments_on_random_matrices(rows in prop::collection::vec(prop::collection::vec(0.0f64..1.0, 1..9), 1..9), t in 0.0f64..1.0) {
        let width = rows.iter().map(Vec::len).min().unwrap();
        let scores: Vec<Vec<f64>> = rows.into_iter().map(|r| r[..width].to_vec()).collect();
        let m = ScoreMatrix::new(0, 1, scores).unwrap();
        for strategy in [Strategy::OneToOne, Strategy::MutualBest, Strategy::ManyToMany] {
            let p = choose_pairs(&m, strategy, t);
            prop_assert!(p.iter().all(|&(i, j)| m.get(i, j).unwrap() >= t));
            let mut back: Vec<(usize, usize)> = choose_pairs(&m.transposed(), strategy, t).into_iter().map(|(j, i)| (i, j)).collect();
            back.sort();
            prop_assert_eq!(&p, &back, "{:?}", strategy);
            if strategy == Strategy::OneToOne {
                let mut is: Vec<usize> = p.iter().map(|x| x.0).collect();
                let mut js: Vec<usize> = p.iter().map(|x| x.1).collect();
                is.dedup();
                js.sort();
                js.dedup();
                prop_assert_eq!((is.len(), js.len()), (p.len(), p.len()));
            }
        }
    }
}

/// The synthetic corpora keep their shape: every jurisdiction named once, and blocking pairs
/// each document with the others of its prefecture's group (2 to 5 documents in a row that
/// share the prefecture's measure) and with no other, whatever the number of documents.
#[test]
fn synthetic_corpora_pair_within_their_groups() {
    use policy_align::diffusion::{BlockingOptions, candidate_pairs};
    for n in [60, 300] {
        let texts = corpus::synthetic(n, 42);
        let mut names: Vec<&str> = texts.iter().map(|d| d.name.rsplit('_').next().unwrap()).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), n, "a jurisdiction named twice");
        let docs: Vec<Document> = texts
            .iter()
            .map(|d| Document::from_text(&d.text, &d.name).unwrap())
            .collect();
        let refs: Vec<&Document> = docs.iter().collect();
        // A passage of six documents or fewer is distinctive: more than a group, far fewer than
        // the documents made from one bundled document.
        let options = BlockingOptions {
            all_pairs_up_to: 0,
            max_df: 6,
            ..BlockingOptions::default()
        };
        let b = candidate_pairs(&refs, &[], &options);
        let across: Vec<_> = b
            .pairs
            .iter()
            .filter(|&&(i, j)| j - i > 4)
            .map(|&(i, j)| (&texts[i].name, &texts[j].name))
            .collect();
        assert!(across.is_empty(), "{n}: pairs across groups: {across:?}");
        let mut paired = vec![false; n];
        for &(i, j) in &b.pairs {
            paired[i] = true;
            paired[j] = true;
        }
        assert!(paired.iter().all(|&p| p), "{n}: a document with no pair");
        // Groups of 2 to 5: between n/5 and n/2 groups, C(2,2) to C(5,2) pairs each.
        let pairs = b.pairs.len();
        assert!(pairs >= n / 5 && pairs <= n / 2 * 10, "{n}: {pairs} pairs");
    }
}

/// The synthetic corpora of the benchmarks: reproducible, parseable, and clustered at most one
/// measure per document.
#[test]
fn synthetic_corpora() {
    let texts = corpus::synthetic(12, 42);
    assert_eq!(texts, corpus::synthetic(12, 42));
    assert_ne!(texts, corpus::synthetic(12, 43));
    let docs: Vec<Document> = texts
        .iter()
        .map(|d| Document::from_text(&d.text, &d.name).unwrap())
        .collect();
    assert!(
        docs.iter()
            .all(|d| d.measures.len() >= 15 && d.meta.jurisdiction.is_some())
    );
    let refs: Vec<&Document> = docs.iter().collect();
    let agencies: Vec<_> = docs.iter().map(|d| REGISTRY.resolve_document(d)).collect();
    // Renamed jurisdictions resolve like the originals: no unresolved agency.
    assert!(
        agencies
            .iter()
            .flat_map(|a| a.measures.iter().flatten())
            .all(|r| r.status != policy_align::AgencyStatus::Unresolved)
    );
    let features = FeatureSet::build(&SEGMENTER, &refs, &agencies).unwrap();
    let c = Aligner::default().align_corpus(&features);
    for cluster in &c.clusters {
        let mut ds: Vec<usize> = cluster.members.iter().map(|m| m.0).collect();
        ds.dedup();
        assert_eq!(ds.len(), cluster.members.len());
    }
    // Measures taken from the same original land together: far fewer clusters than measures.
    let measures: usize = docs.iter().map(|d| d.measures.len()).sum();
    assert!(
        c.clusters.len() * 4 < measures,
        "{} clusters for {measures} measures",
        c.clusters.len()
    );
}
