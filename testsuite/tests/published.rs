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

/// The shape of a parse: ids, labels' numbers, paths' lengths, subtasks, roles.
fn shape(d: &Document) -> Vec<(String, usize, Vec<(usize, &'static str)>)> {
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
    let m = trad.measure("2.5").unwrap();
    assert_eq!(trad.quote(m.title_span).unwrap(), m.title);
    assert!(m.title.starts_with("知識產權主管部門"), "{}", m.title);
    let first = trad.measure("1.1").unwrap();
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
    let m = d.measure("1.1").unwrap();
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
    let m = d.measure("1.3").unwrap();
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
