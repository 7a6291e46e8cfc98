//! Diffusion: documents in time and place, and dyads.

mod common;

use policy_align::diffusion::{Level, Relation, dyad, place_of};
use policy_align::{Document, Pipeline};

fn doc(text: &str, name: &str) -> Document {
    Document::from_text(text, name).unwrap()
}

/// Places from the divisions table: levels and provinces, county-level and prefecture-level
/// 市 apart, a shared district name settled by the places the document names, the centre and
/// a township.
#[test]
fn places_of_documents_at_every_level() {
    let place = |text: &str| place_of(&doc(text, "p.txt"));
    let county_city =
        place("义乌市人民政府办公室关于推进市场采购贸易的若干措施\n一、总体要求\n1.推进工作。\n").unwrap();
    assert_eq!(
        (
            county_city.level,
            county_city.code.as_deref(),
            county_city.prefecture.as_deref(),
            county_city.province.as_deref()
        ),
        (Level::County, Some("330782"), Some("金华市"), Some("浙江省"))
    );
    let prefecture = place("金华市人民政府办公室关于推进市场采购贸易的若干措施\n一、总体要求\n1.推进工作。\n").unwrap();
    assert_eq!(
        (prefecture.level, prefecture.code.as_deref()),
        (Level::Prefecture, Some("330700"))
    );
    assert!(prefecture.contains(&county_city) && !county_city.contains(&prefecture));
    let beijing = place("北京市朝阳区人民政府办公室关于优化营商环境的工作措施\n一、主要任务\n1.推进工作。\n").unwrap();
    assert_eq!(
        (beijing.code.as_deref(), beijing.province.as_deref()),
        (Some("110105"), Some("北京市"))
    );
    let changchun = place("朝阳区人民政府办公室关于优化营商环境的工作措施\n为贯彻长春市工作部署，制定本措施。\n一、主要任务\n1.推进工作。\n").unwrap();
    assert_eq!(changchun.code.as_deref(), Some("220104"));
    // Named nowhere: not guessed.
    assert_eq!(
        place("朝阳区人民政府办公室关于优化营商环境的工作措施\n一、主要任务\n1.推进工作。\n"),
        None
    );
    let central = place("国务院办公厅关于强化知识产权保护的意见\n一、总体要求\n1.推进工作。\n").unwrap();
    assert_eq!(central.level, Level::Central);
    assert!(central.contains(&beijing));
    let town = place(
        "临涣镇人民政府关于做好秸秆禁烧工作的通知\n为落实濉溪县工作部署，现通知如下。\n一、工作措施\n1.加强巡查。\n",
    )
    .unwrap();
    assert_eq!(
        (town.level, town.province.as_deref()),
        (Level::Township, Some("安徽省")),
        "{town:?}"
    );
}

/// A city's plan and a district's plan answering it (Xiangshan cites 淮办发〔2021〕14号): a
/// vertical dyad, the right number of days, the citation found; two districts of different
/// provinces are `other`, two prefectures `horizontal`.
#[test]
fn dyads_in_time_and_place() {
    let xs = common::DOCS[0].clone();
    let city_text = format!(
        "中共淮北市委办公室 淮北市人民政府办公室\n淮办发〔2021〕14号\n关于强化知识产权保护的实施方案\n各县区党委和人民政府：\n现将实施方案印发给你们。\n{}\n中共淮北市委办公室\n淮北市人民政府办公室\n2021年6月30日\n",
        xs.measures
            .iter()
            .take(8)
            .map(|m| format!("{}{}。{}", m.label, m.title, m.text))
            .collect::<Vec<_>>()
            .join("\n")
    );
    let city = doc(&city_text, "huaibei.txt");
    assert_eq!(
        city.meta.doc_number.as_deref(),
        Some("淮办发〔2021〕14号"),
        "{:?}",
        city.meta
    );
    assert_eq!(city.meta.date.as_deref(), Some("2021-06-30"));
    let c = Pipeline::new().compare(xs.clone(), city.clone()).unwrap();
    let d = dyad(c.left(), c.right(), c.alignment(), 8);
    assert_eq!(
        (d.earlier.as_str(), d.later.as_str()),
        (city.name.as_str(), xs.name.as_str())
    );
    assert_eq!(d.days_apart, Some(104)); // 2021-06-30 to 2021-10-12
    assert_eq!(d.relation, Relation::Vertical);
    assert!(d.cites);
    let hz = &common::DOCS[1];
    assert_eq!(
        policy_align::diffusion::cited_documents(&[&city, &common::DOCS[0], hz]),
        [vec![], vec![0], vec![]]
    );
    // The district took eight of its measures word for word: they are the city's whole text.
    assert!((d.coverage_earlier - 1.0).abs() < 1e-9, "{d:?}");
    assert!(d.verbatim_share > 0.3 && d.verbatim_share < 0.6, "{d:?}");

    let hz = common::DOCS[1].clone();
    let c = Pipeline::new().compare(xs, hz.clone()).unwrap();
    let d = dyad(c.left(), c.right(), c.alignment(), 8);
    assert_eq!(d.relation, Relation::Other);
    assert!(!d.cites);
    let c = Pipeline::new().compare(city, hz).unwrap();
    assert_eq!(
        dyad(c.left(), c.right(), c.alignment(), 8).relation,
        Relation::Horizontal
    );
}

mod props {
    use super::*;
    use policy_align::diffusion::{AdoptionOptions, Status, adoptions};
    use proptest::prelude::*;

    fn measures() -> impl proptest::strategy::Strategy<Value = Vec<String>> {
        prop::collection::vec(
            prop::sample::select(vec![
                "加强知识产权保护工作",
                "严格执行行政执法过程中的商标、专利侵权判断标准",
                "开展专项行动",
                "（市场监管局负责）",
                "，",
                "2021年6月30日",
            ]),
            1..8,
        )
        .prop_map(|v| v.into_iter().map(str::to_owned).collect())
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 32, ..ProptestConfig::default() })]

        /// Whatever two documents say: no panic, one adoption per reference measure, shares and
        /// coverage in [0, 1], every passage quoted from both documents.
        #[test]
        fn adoptions_and_dyads_never_fail(a in prop::collection::vec(measures(), 1..5), b in prop::collection::vec(measures(), 1..5)) {
            let text = |name: &str, ms: &[Vec<String>]| {
                let body: Vec<String> = ms.iter().enumerate().map(|(k, m)| format!("{}.工作{k}。{}", k + 1, m.concat())).collect();
                format!("{name}关于强化知识产权保护的措施\n一、主要措施\n{}\n", body.join("\n"))
            };
            let (left, right) = (doc(&text("淮北市", &a), "a.txt"), doc(&text("相山区", &b), "b.txt"));
            let c = Pipeline::new().compare(left, right).unwrap();
            let t = adoptions(c.left(), c.right(), c.alignment(), &AdoptionOptions::default()).unwrap();
            prop_assert_eq!(t.adoptions.len(), c.left().measures.len());
            for x in &t.adoptions {
                prop_assert!((0.0..=1.0).contains(&x.verbatim_share));
                prop_assert_eq!(x.status == Status::Dropped, x.measure.is_none());
                for p in &x.spans {
                    prop_assert!(c.left().quote(p.left).is_some() && c.right().quote(p.right).is_some());
                }
            }
            let d = dyad(c.left(), c.right(), c.alignment(), 8);
            for v in [d.similarity, d.coverage_earlier, d.coverage_later, d.verbatim_share] {
                prop_assert!((0.0..=1.0).contains(&v), "{d:?}");
            }
            prop_assert_eq!(d.relation, Relation::Vertical);
        }
    }
}

/// Blocking: beyond `all_pairs_up_to` documents, the dyads are the candidate pairs (a shared
/// distinctive passage, a citation) and the reference's pairs, each the same dyad all-pairs
/// alignment gives; the study says how many pairs it skipped.
#[test]
fn a_large_set_aligns_the_candidate_pairs_and_reports_the_rest() {
    use policy_align::diffusion::BlockingOptions;
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../corpus/");
    let read = |p: &str| Document::from_path(format!("{dir}{p}")).unwrap();
    // Huizhou, the two county answers made from it, Xiangshan; and a county plan of another
    // subject, which shares only stock phrases with them.
    let other = doc(
        "云溪县全民健身实施方案\n一、主要任务\n1.建设健身设施。新建改建体育公园和健身步道，推动学校体育场地向社会开放。\n2.举办群众赛事。每年举办全县农民运动会和广场舞展演。\n",
        "yunxi_fitness.txt",
    );
    let docs = vec![
        read("huizhou_2021_ip_protection_measures.txt"),
        read("diffusion/boluo_2022_ip_measures.txt"),
        read("diffusion/huidong_2022_ip_measures.txt"),
        read("xiangshan_2021_ip_protection_plan.txt"),
        other,
    ];
    let all = Pipeline::new().diffuse(docs.clone(), Some(0)).unwrap();
    let blocking = BlockingOptions {
        all_pairs_up_to: 3,
        max_df: 3,
        ..BlockingOptions::default()
    };
    let blocked = Pipeline::builder()
        .blocking(blocking)
        .build()
        .diffuse(docs, Some(0))
        .unwrap();
    let b = blocked.diffusion().blocking.clone().unwrap();
    assert!(b.blocked);
    assert_eq!((b.all_pairs, b.candidates + b.skipped), (10, 10));
    assert!(b.skipped > 0, "{b:?}");
    let key = |d: &policy_align::diffusion::Dyad| (d.earlier.clone(), d.later.clone());
    let pairs: Vec<_> = blocked.diffusion().dyads.iter().map(key).collect();
    // Each answer made from Huizhou is a candidate with it (and with the reference anyway);
    // Xiangshan shares passages with Huizhou and Boluo that few documents hold.
    assert!(pairs.contains(&(
        "xiangshan_2021_ip_protection_plan".into(),
        "huizhou_2021_ip_protection_measures".into()
    )));
    assert!(pairs.contains(&(
        "xiangshan_2021_ip_protection_plan".into(),
        "boluo_2022_ip_measures".into()
    )));
    // The pairs skipped took little from each other: what all pairs give them.
    for d in all.diffusion().dyads.iter().filter(|d| !pairs.contains(&key(d))) {
        assert!(d.verbatim_share < 0.05, "{d:?}");
    }
    // Every pair with the reference is aligned; the fitness plan pairs with nothing else.
    let fitness = |d: &&policy_align::diffusion::Dyad| d.earlier == "yunxi_fitness" || d.later == "yunxi_fitness";
    assert_eq!(blocked.diffusion().dyads.iter().filter(fitness).count(), 1);
    assert_eq!(blocked.diffusion().adoptions, all.diffusion().adoptions);
    // Each dyad kept is the dyad all pairs give.
    for d in &blocked.diffusion().dyads {
        assert!(all.diffusion().dyads.contains(d), "{d:?}");
    }
    assert_eq!(blocked.diffusion().dyads.len() as u64, b.candidates);
    assert!(!all.diffusion().blocking.as_ref().unwrap().blocked);
}

/// A study that keeps no alignment (`keep_alignments(false)`, as the command-line tool runs
/// it) has the same tables as one that keeps them all, with a reference or without. A
/// reference out of range is an error, not a panic.
#[test]
fn a_study_without_every_alignment_has_the_same_tables() {
    let docs = huizhou_and_answers(true);
    let light = Pipeline::builder().keep_alignments(false).build();
    for reference in [Some(0), Some(2), None] {
        let all = Pipeline::new().diffuse(docs.clone(), reference).unwrap();
        let some = light.diffuse(docs.clone(), reference).unwrap();
        assert_eq!(all.alignments().len(), 6);
        assert!(some.alignments().is_empty(), "{reference:?}");
        let json = |s: &policy_align::DiffusionStudy| serde_json::to_string(s.diffusion()).unwrap();
        assert_eq!(json(&some), json(&all), "{reference:?}");
        assert!(!all.diffusion().dyads.is_empty() && !all.diffusion().passages.is_empty());
    }
    let err = light.diffuse(docs, Some(4)).unwrap_err().to_string();
    assert!(err.contains("reference"), "{err}");
}

/// The parts of the tables, put back together, are the tables; each part of `passages` holds
/// at most the rows asked for.
#[test]
fn table_parts_make_the_tables() {
    use policy_align::report::{Table, diffusion_table_parts, diffusion_tables};
    let docs = huizhou_and_answers(false);
    for reference in [Some(0), None] {
        let study = Pipeline::new().diffuse(docs.clone(), reference).unwrap();
        let report = study.report();
        let whole = diffusion_tables(&report);
        let passages = study.diffusion().passages.len();
        assert!(passages > 3, "{passages}");
        for rows in [1, 2, passages, 10 * passages] {
            let mut joined: Vec<Table> = Vec::new();
            for part in diffusion_table_parts(&report, rows) {
                if part.name == "passages" {
                    assert!(part.rows.len() <= rows);
                }
                match joined.last_mut().filter(|t| t.name == part.name) {
                    Some(t) => t.rows.extend(part.rows),
                    None => joined.push(part),
                }
            }
            assert_eq!(joined, whole, "{rows} rows, reference {reference:?}");
        }
    }
}

/// The same of a corpus: `measures` and `mentions` in parts of whole documents, about the
/// measures asked for (one document at least), put back together, are the tables.
#[test]
fn corpus_table_parts_make_the_tables() {
    use policy_align::report::{Table, corpus_table_parts, corpus_tables};
    let corpus = Pipeline::new().corpus(huizhou_and_answers(true)).unwrap();
    let report = corpus.report();
    let whole = corpus_tables(&report).unwrap();
    let largest = corpus.documents().iter().map(|d| d.measures.len()).max().unwrap();
    let measures: usize = corpus.documents().iter().map(|d| d.measures.len()).sum();
    for rows in [1, 20, measures, 10 * measures] {
        let mut joined: Vec<Table> = Vec::new();
        let mut parts = 0;
        for part in corpus_table_parts(&report, rows) {
            let part = part.unwrap();
            if part.name == "measures" {
                parts += 1;
                assert!(part.rows.len() < rows.max(1) + largest, "{rows}: {}", part.rows.len());
            }
            match joined.last_mut().filter(|t| t.name == part.name) {
                Some(t) => t.rows.extend(part.rows),
                None => joined.push(part),
            }
        }
        assert_eq!(joined, whole, "{rows} rows");
        // One document a part when a part holds one measure; one part for all of them.
        match rows {
            1 => assert_eq!(parts, corpus.documents().len()),
            r if r >= measures => assert_eq!(parts, 1),
            _ => assert!(
                parts > 1 && parts < corpus.documents().len(),
                "{rows} rows: {parts} parts"
            ),
        }
    }
}

/// Huizhou's measures, Boluo's and Huidong's answers (the labelled diffusion corpus), and
/// Xiangshan's plan when asked.
fn huizhou_and_answers(with_xiangshan: bool) -> Vec<Document> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../corpus/");
    let mut files = vec![
        "huizhou_2021_ip_protection_measures.txt",
        "diffusion/boluo_2022_ip_measures.txt",
        "diffusion/huidong_2022_ip_measures.txt",
    ];
    if with_xiangshan {
        files.push("xiangshan_2021_ip_protection_plan.txt");
    }
    files
        .iter()
        .map(|p| Document::from_path(format!("{dir}{p}")).unwrap())
        .collect()
}
