//! Documents as they are published: the same document in traditional and simplified script,
//! names a document defines (以下简称), web pages, closing lines.

mod common;

use common::fixture;
use policy_align::{AgencyRegistry, Document, Pipeline};
use std::sync::LazyLock;

static REGISTRY: LazyLock<AgencyRegistry> = LazyLock::new(AgencyRegistry::new);

fn doc(name: &str) -> Document {
    Document::from_path(fixture(&format!("{name}.txt"))).unwrap()
}

/// A measure's id, the depth of its path, and the subtask and role of each mention.
type Shape = (String, usize, Vec<(usize, &'static str)>);

/// The shape of a parse: ids, paths' depths, subtasks, roles.
fn shape(d: &Document) -> Vec<Shape> {
    d.measures
        .iter()
        .map(|m| {
            let mentions = m.mentions_by_subtask().map(|(k, x)| (k, x.role.as_str())).collect();
            (m.id.clone(), m.path.len(), mentions)
        })
        .collect()
}

#[test]
fn traditional_and_simplified_copies_parse_resolve_and_align_the_same() {
    let (trad, simp) = (doc("province_regulation_trad"), doc("province_regulation_simp"));
    assert_eq!(shape(&trad), shape(&simp));
    // Quotes keep the script as written; the gloss of the mirror site stays in the source.
    let m = trad.measure("m2.5").unwrap();
    assert_eq!(trad.quote(m.title_span).unwrap(), m.title);
    assert!(m.title.starts_with("知識產權主管部門"), "{}", m.title);
    let first = trad.measure("m1.1").unwrap();
    assert!(trad.quote(first.span).unwrap().contains("國務(wù)院"));
    assert!(first.text.contains("國務院") || first.title.contains("國務院"));
    // The same canonical agencies, mention by mention.
    let (rt, rs) = (REGISTRY.resolve_document(&trad), REGISTRY.resolve_document(&simp));
    let ids = |r: &policy_align::DocumentAgencies| -> Vec<String> {
        r.measures.iter().flatten().map(|x| x.agency.to_string()).collect()
    };
    assert_eq!(ids(&rt), ids(&rs));
    assert!(!ids(&rt).iter().any(|i| i.starts_with("unresolved")), "{:?}", ids(&rt));
    // The same alignment against a third document, and each copy pairs with its twin.
    let pipeline = Pipeline::new();
    let third = doc("province_measures");
    let pairs = |c: &policy_align::Comparison| -> Vec<(String, String, String)> {
        c.alignment()
            .pairs
            .iter()
            .map(|p| (p.left.clone(), p.right.clone(), format!("{:.6}", p.score)))
            .collect()
    };
    let a = pipeline.compare(trad.clone(), third.clone()).unwrap();
    let b = pipeline.compare(simp.clone(), third).unwrap();
    assert!(!pairs(&a).is_empty());
    assert_eq!(pairs(&a), pairs(&b));
    let twins = pipeline.compare(trad, simp).unwrap();
    let with_clause = twins.left().measures.len();
    assert_eq!(twins.alignment().pairs.len(), with_clause);
    assert!(
        twins
            .alignment()
            .pairs
            .iter()
            .all(|p| p.left == p.right && p.score > 0.99)
    );
}

#[test]
fn a_name_defined_in_a_clause_is_the_same_body_later() {
    let d = doc("city_division_2016");
    assert_eq!(
        d.abbreviations,
        [("市双打办".to_owned(), "市打击侵权假冒工作领导小组办公室".to_owned())]
    );
    let r = REGISTRY.resolve_document(&d);
    let mut full = None;
    let mut short = Vec::new();
    for (m, res) in d.measures.iter().zip(&r.measures) {
        for (x, a) in m.mentions().zip(res) {
            if x.name == "市打击侵权假冒工作领导小组办公室" {
                full = Some(a.agency.clone());
            }
            if x.name == "市双打办" {
                short.push(a.agency.clone());
            }
        }
    }
    let full = full.expect("the defining mention");
    assert!(
        !short.is_empty() && short.iter().all(|s| *s == full),
        "{full} vs {short:?}"
    );
    // 以下简称 is never a mention of its own.
    assert!(
        d.measures
            .iter()
            .flat_map(|m| m.mentions())
            .all(|x| !x.text.contains("简称"))
    );
}

#[test]
fn a_national_work_plan_keeps_every_clause_in_order() {
    let d = doc("national_work_points");
    let m = d.measure("m1.1").unwrap();
    assert_eq!(m.subtasks.len(), 3);
    assert!(m.subtasks[0].text.starts_with("加强互联网领域侵权假冒治理"));
    assert!(m.subtasks[1].text.starts_with("依法查处利用网络直播"));
    assert_eq!(m.subtasks[2].clause.text, "（公安部）");
    // Each subtask quotes its sentences and its clause from the source.
    for s in &m.subtasks {
        let q = d.quote(s.span).unwrap();
        assert!(q.ends_with(&s.clause.text), "{q}");
    }
    // The measure's text holds every sentence and no clause.
    assert!(m.text.contains("深挖幕后组织者和利益链条") && !m.text.contains("按职责分工负责"));
    // A last sentence group without a clause stays in the measure.
    let m = d.measure("m1.3").unwrap();
    assert!(m.text.ends_with("提高农村消费者识假辨假能力。"), "{}", m.text);
    // The 版记 is closing, not part of the last measure.
    let last = d.measures.last().unwrap();
    assert!(!last.text.contains("抄送") && d.closing.iter().any(|c| c.starts_with("抄送")));
}

#[test]
fn a_web_page_gives_its_metadata_and_keeps_its_chrome_apart() {
    let d = doc("county_webpage");
    assert_eq!(d.meta.doc_number.as_deref(), Some("桐政办〔2022〕8号"));
    assert_eq!(d.meta.date.as_deref(), Some("2022-03-15"));
    assert_eq!(d.meta.published.as_deref(), Some("2022-03-18"));
    assert_eq!(d.meta.issuers, ["桐川县人民政府办公室"]);
    assert!(d.page.iter().any(|p| p.starts_with("当前位置")));
    assert!(d.page.iter().any(|p| p.contains("网站标识码")));
    assert!(d.closing.iter().any(|c| c.starts_with("本措施自印发之日起施行")));
}

/// An upper-level plan and a task-division document that splits each of its measures into
/// several tasks: one-to-one links every task with its measure, the second task of each as a
/// 1:N link of a split, and leaves nothing for a many-to-one reading; many-to-many pairs every
/// task with its measure.
#[test]
fn a_task_division_reads_many_to_one() {
    let plan = Document::from_text(
        "青川省强化知识产权保护工作方案\n一、重点任务\n\
（一）加强商标侵权行为查处。严厉查处商标侵权和假冒注册商标行为，加强对驰名商标和地理标志商标的保护，开展商标侵权专项执法行动。（省市场监管局负责）\n\
（二）加强专利侵权纠纷行政裁决。建立专利侵权纠纷行政裁决快速处理机制，提升行政裁决办案质量和效率，推进行政裁决与司法审判衔接。（省知识产权局负责）\n\
（三）加强版权保护。开展打击网络侵权盗版专项行动，推进软件正版化工作，加强对网络视听和出版物市场的版权监管。（省委宣传部负责）\n\
（四）加强知识产权刑事司法保护。依法严厉打击侵犯知识产权犯罪，加强行政执法与刑事司法衔接，完善案件移送和信息通报机制。（省公安厅牵头，省检察院、省法院配合）",
        "plan.txt",
    )
    .unwrap();
    let division = Document::from_text(
        "白沙市落实强化知识产权保护工作方案任务分工\n一、任务分工\n\
1.开展商标侵权专项执法行动，严厉查处商标侵权和假冒注册商标行为。（市市场监管局）\n\
2.加强对驰名商标和地理标志商标的保护，建立重点商标保护名录。（市市场监管局）\n\
3.建立专利侵权纠纷行政裁决快速处理机制，压缩行政裁决办案周期。（市知识产权局）\n\
4.推进专利侵权纠纷行政裁决与司法审判衔接，提升行政裁决办案质量。（市知识产权局、市法院）\n\
5.开展打击网络侵权盗版专项行动，加强对网络视听平台的版权监管。（市委宣传部）\n\
6.推进软件正版化工作，加强出版物市场的版权监管。（市委宣传部、市财政局）\n\
7.依法严厉打击侵犯知识产权犯罪，开展专项打击行动。（市公安局）\n\
8.完善行政执法与刑事司法衔接机制，健全案件移送和信息通报制度。（市公安局牵头，市检察院、市法院配合）",
        "division.txt",
    )
    .unwrap();
    let gold: Vec<(&str, &str)> = vec![
        ("m1.1", "m1.1"),
        ("m1.1", "m1.2"),
        ("m1.2", "m1.3"),
        ("m1.2", "m1.4"),
        ("m1.3", "m1.5"),
        ("m1.3", "m1.6"),
        ("m1.4", "m1.7"),
        ("m1.4", "m1.8"),
    ];
    let one = Pipeline::new().compare(plan.clone(), division.clone()).unwrap();
    let m = &one.alignment().many_to_one;
    assert_eq!(m.suggested(4, 8), None, "{m:?}");
    let mut links: Vec<(&str, &str, policy_align::LinkKind)> = one
        .alignment()
        .pairs
        .iter()
        .map(|p| (p.left.as_str(), p.right.as_str(), p.kind))
        .collect();
    links.sort_by(|a, b| a.1.cmp(b.1));
    let found: Vec<(&str, &str)> = links.iter().map(|&(l, r, _)| (l, r)).collect();
    assert_eq!(found, gold, "{links:?}");
    let splits = links
        .iter()
        .filter(|l| l.2 == policy_align::LinkKind::OneToMany)
        .count();
    assert_eq!(splits, 8, "{links:?}");
    let text = one.render(&*policy_align::report::Format::Text.renderer()).unwrap();
    assert!(!text.contains("Many-to-one reading"), "{text}");
    let many = Pipeline::builder()
        .aligner(
            policy_align::Aligner::builder()
                .strategy(policy_align::Strategy::ManyToMany)
                .build()
                .unwrap(),
        )
        .build()
        .compare(plan, division)
        .unwrap();
    let pairs: Vec<(&str, &str)> = many
        .alignment()
        .pairs
        .iter()
        .map(|p| (p.left.as_str(), p.right.as_str()))
        .collect();
    for g in &gold {
        assert!(pairs.contains(g), "{g:?} missing from {pairs:?}");
    }
}
