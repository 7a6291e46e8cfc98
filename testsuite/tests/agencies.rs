//! Agencies: one canonical agency for the same body across jurisdictions.

mod common;

use policy_align::{
    AgencyId, AgencyIndex, AgencyRegistry, AgencyStatus, Crosswalk, Document, MatchRule, Segmenter, corpus,
};
use std::collections::BTreeMap;
use std::sync::LazyLock;

static REGISTRY: LazyLock<AgencyRegistry> = LazyLock::new(AgencyRegistry::new);

/// Cross-walk rows as (id, left names, right names).
type Rows = Vec<(String, Vec<String>, Vec<String>)>;

fn rows(rows: &[policy_align::CrosswalkRow]) -> Rows {
    rows.iter()
        .map(|r| (r.id.to_string(), r.left.clone(), r.right.clone()))
        .collect()
}

fn row(id: &str, left: &[&str], right: &[&str]) -> (String, Vec<String>, Vec<String>) {
    (
        id.to_owned(),
        left.iter().map(|s| s.to_string()).collect(),
        right.iter().map(|s| s.to_string()).collect(),
    )
}

/// The whole cross-walk of the bundled pair, read off both documents by hand: every body both
/// name is shared under one id, with the names each side writes for it.
#[test]
fn bundled_pair_crosswalk() {
    let (xs, hz) = (corpus::XIANGSHAN.parse().unwrap(), corpus::HUIZHOU.parse().unwrap());
    let (xr, hr) = (REGISTRY.resolve_document(&xs), REGISTRY.resolve_document(&hz));
    let walk = Crosswalk::new(&REGISTRY, (&xs, &xr), (&hz, &hr)).unwrap();
    let ip_x = "区市场监管局（知识产权局）";
    let ip_h = "市市场监管局（市知识产权局）";
    let prop1 = "市委宣传部（市版权局）";
    let prop2 = "市委宣传部（市委网信办、市版权局）";
    assert_eq!(
        rows(&walk.shared),
        vec![
            row("court", &["区法院"], &["市法院"]),
            row("procuratorate", &["区检察院"], &["市检察院"]),
            row("public_security", &["相山公安分局"], &["市公安局"]),
            row("justice", &["区司法局"], &["市司法局"]),
            row("market_regulation", &[ip_x], &[ip_h]),
            row("ip_office", &[ip_x], &[ip_h]),
            row("propaganda", &["区委宣传部"], &[prop1, prop2]),
            row("congress_office", &["区人大办公室"], &["市人大常委会办公室"]),
            row("cppcc_office", &["区政协办公室"], &["市政协办公室"]),
            row("commerce", &["区商务局"], &["市商务局"]),
            row("finance", &["区财政局"], &["市财政局"]),
            row("hr_social_security", &["区人社局"], &["市人力资源社会保障局"]),
            row("culture_tourism", &["区文旅体局"], &["市文化广电旅游体育局"]),
            row(
                "agriculture_rural",
                &["区农业农村水利局"],
                &["市农村农业局", "市农业农村局"]
            ),
        ]
    );
    assert_eq!(
        rows(&walk.left_only),
        vec![
            row("government_office", &["区政府办"], &[]),
            row("water_resources", &["区农业农村水利局"], &[])
        ]
    );
    assert_eq!(
        rows(&walk.right_only),
        vec![
            row("organisation", &[], &["市委组织部"]),
            row("cyberspace", &[], &[prop2]),
            row("copyright", &[], &[prop1, prop2]),
            row("development_reform", &[], &["市发展改革局"]),
            row("industry_it", &[], &["市工业和信息化局"]),
            row("civil_affairs", &[], &["市民政局"]),
            row("customs", &[], &["惠州海关"]),
            row("arbitration", &[], &["惠州仲裁委"]),
        ]
    );
    // Counted as the graph counts: bodies named in measures. Those named only in the annex
    // task table are listed apart, not dropped.
    let collective: Vec<&str> = walk.collective.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(collective, ["各级党委、政府", "市直有关部门"]);
    let annex: Vec<&str> = walk.annex_only.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(annex, ["国际贸易促进委员会", "各县区政府", "各有关行政执法部门"]);
    let comparison = policy_align::Pipeline::new().compare(xs.clone(), hz.clone()).unwrap();
    let graph = comparison.graph();
    let unique = graph.unique_to_one();
    assert_eq!(
        (walk.shared.len(), walk.left_only.len(), walk.right_only.len()),
        (graph.shared_by_all().len(), unique[0].len(), unique[1].len())
    );

    // The index: one agency per id, with the names seen in each document.
    let index = AgencyIndex::build(&REGISTRY, &[&xs, &hz], &[xr, hr]).unwrap();
    assert_eq!(index.unresolved().count(), 0);
    let court = &index.agencies[&AgencyId::parse("court")];
    assert_eq!(court.names[xs.name.as_str()].iter().collect::<Vec<_>>(), ["区法院"]);
    assert_eq!(court.names[hz.name.as_str()].iter().collect::<Vec<_>>(), ["市法院"]);
    let merged = &index.agencies[&AgencyId::parse("agriculture_rural+water_resources")];
    assert_eq!(merged.functions, ["agriculture_rural", "water_resources"]);
    assert_eq!(
        merged.gloss,
        "Agriculture and Rural Affairs Bureau + Water Resources Bureau"
    );
}

/// Documents written for other levels and places resolve with the same rules.
#[test]
fn other_levels_and_places() {
    let want: BTreeMap<&str, BTreeMap<&str, &str>> = BTreeMap::from([
        (
            "county_articles",
            BTreeMap::from([
                ("县市场监督管理局", "market_regulation"),
                ("县公安局", "public_security"),
                ("县农业农村局", "agriculture_rural"),
                ("县商务局", "commerce"),
                ("县人民法院", "court"),
                ("县人民检察院", "procuratorate"),
                ("县司法局", "justice"),
                ("县委宣传部", "propaganda"),
                ("县文化和旅游局", "culture_tourism"),
            ]),
        ),
        (
            "province_measures",
            BTreeMap::from([
                ("省知识产权局", "ip_office"),
                ("省司法厅", "justice"),
                ("省高级人民法院", "court"),
                ("省公安厅", "public_security"),
                ("省人民检察院", "procuratorate"),
                ("省市场监管局", "market_regulation"),
                ("省科技厅", "science_technology"),
                ("省工业和信息化厅", "industry_it"),
                ("省商务厅", "commerce"),
                ("省贸促会", "ccpit"),
                ("省发展改革委", "development_reform"),
                ("省委宣传部", "propaganda"),
            ]),
        ),
        (
            "prefecture_plan",
            BTreeMap::from([
                ("州中级人民法院", "court"),
                ("州人民检察院", "procuratorate"),
                ("州公安局", "public_security"),
                ("州文体旅游局", "culture_tourism"),
                ("州市场监管局（州知识产权局）", "market_regulation"),
                ("州农牧农村局", "agriculture_rural"),
                ("州卫生健康委", "health"),
                ("州司法局", "justice"),
                ("州委宣传部（州新闻出版局、州版权局）", "propaganda"),
                ("州发展改革委", "development_reform"),
                ("州科技局", "science_technology"),
                ("州经济和信息化局", "industry_it"),
                ("州委组织部", "organisation"),
                ("州人力资源社会保障局", "hr_social_security"),
                ("州教育局", "education"),
                ("州财政局", "finance"),
            ]),
        ),
    ]);
    for (name, expected) in want {
        let doc = Document::from_path(common::fixture(&format!("{name}.txt"))).unwrap();
        let res = REGISTRY.resolve_document(&doc);
        let mut got: BTreeMap<String, String> = BTreeMap::new();
        for (m, r) in doc.measures.iter().zip(&res.measures) {
            for (x, rr) in m.mentions().zip(r) {
                if rr.status != AgencyStatus::Collective {
                    got.insert(x.text.clone(), rr.agency.to_string());
                }
            }
        }
        let want: BTreeMap<String, String> = expected.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        assert_eq!(got, want, "{name}");
    }
    // The same bodies written at every level, in other places.
    for (names, id) in [
        (
            &[
                "桐川县人民法院",
                "雪岭藏族自治州中级人民法院",
                "岚江省高级人民法院",
                "淮北市相山区人民法院",
            ][..],
            "court",
        ),
        (
            &["桐川县公安局", "雪岭州公安局", "岚江省公安厅", "东城公安分局"],
            "public_security",
        ),
        (
            &[
                "桐川县人力资源和社会保障局",
                "雪岭州人社局",
                "岚江省人力资源和社会保障厅",
            ],
            "hr_social_security",
        ),
        (
            &["桐川县发展和改革局", "雪岭州发改委", "岚江省发展和改革委员会"],
            "development_reform",
        ),
        (&["南溪镇人民政府", "城关街道办事处"], "government"),
    ] {
        for n in names {
            let places = ["东城区", "东城", "城关街道"];
            assert_eq!(REGISTRY.resolve(n, &places).agency.to_string(), id, "{n}");
        }
    }
}

/// No name of one function in the table resolves to another, at any level or place.
#[test]
fn no_two_functions_merge() {
    let prefixes = [
        "",
        "区",
        "市",
        "县",
        "省",
        "州",
        "桐川县",
        "雪岭藏族自治州",
        "淮北市相山区",
        "中共岚江省",
    ];
    for f in REGISTRY.bodies() {
        let local = std::iter::once(&f.name).chain(&f.names).map(|n| (n, &prefixes[..]));
        // Central names carry no place.
        let central = f.central.iter().map(|n| (n, &prefixes[..1]));
        for (name, prefixes) in local.chain(central) {
            for p in prefixes {
                // The party committee itself (委, 党委) needs its own prefix: 区委, 中共岚江省委.
                let text = format!("{p}{name}");
                let r = REGISTRY.resolve(&text, &[]);
                assert_eq!(r.agency.to_string(), f.id, "{text} should be {} alone, got {r:?}", f.id);
                assert_eq!(r.functions, f.carries(), "{text}");
                assert_eq!(r.rule, MatchRule::Exact, "{text}");
            }
        }
    }
}

#[test]
fn unresolved_bodies_are_listed_not_dropped() {
    let doc = Document::from_text(
        "某某县工作措施\n一、措施\n（一）建设保护站。建设工作站。〔责任单位：县知识产权维权援助工作站、县公安局按职责分工负责〕",
        "station.txt",
    )
    .unwrap();
    let res = REGISTRY.resolve_document(&doc);
    let index = AgencyIndex::build(&REGISTRY, &[&doc], std::slice::from_ref(&res)).unwrap();
    let unresolved: Vec<String> = index.unresolved().map(|a| a.id.to_string()).collect();
    assert_eq!(unresolved, ["unresolved:知识产权维权援助工作站"]);
    assert_eq!(res.measures[0][1].agency.to_string(), "public_security");
}

/// The segmenter learns agency names: none is split into pieces.
#[test]
fn segmenter_keeps_agency_names_whole() {
    let docs: Vec<Document> = corpus::BUNDLED.iter().map(|b| b.parse().unwrap()).collect();
    let seg = Segmenter::builder()
        .agencies(&REGISTRY)
        .document_agencies(&docs)
        .build();
    for doc in &docs {
        for m in doc
            .measures
            .iter()
            .flat_map(|m| m.mentions())
            .filter(|m| REGISTRY.resolve(&m.text, &[]).status != AgencyStatus::Collective)
        {
            for name in std::iter::once(&m.name).chain(&m.aliases) {
                let tokens: Vec<&str> = seg.cut(name).iter().map(|t| t.text).collect();
                assert_eq!(tokens.len(), 1, "{name} → {tokens:?}");
            }
        }
    }
    let tokens: Vec<&str> = seg
        .cut("区文化广电旅游体育局和市场监督管理局加强知识产权保护")
        .iter()
        .map(|t| t.text)
        .collect();
    assert!(
        tokens.contains(&"文化广电旅游体育局") && tokens.contains(&"市场监督管理局"),
        "{tokens:?}"
    );
    // A plain jieba splits them.
    let plain = Segmenter::builder().domain_dictionary(false).build();
    assert!(plain.cut("文化广电旅游体育局").len() > 1);
}

/// Short forms counties write and bodies the table once lacked, each with the place names of
/// some level before it: 市监局 is the market regulator (and 市监委 still the supervision
/// commission), 人行 a branch of the central bank, 营商办, 审批局, 国资办, 海事处.
#[test]
fn county_short_forms_resolve() {
    for (text, id) in [
        ("县市监局", "market_regulation"),
        ("市市监局", "market_regulation"),
        ("区市监局", "market_regulation"),
        ("市监局", "market_regulation"),
        ("市监委", "discipline"),
        ("桐川县监委", "discipline"),
        ("人行桐川县支行", "central_bank"),
        ("人行岚江市中心支行", "central_bank"),
        ("县营商办", "business_environment"),
        ("市优化营商环境办公室", "business_environment"),
        ("县行政审批服务局", "government_services"),
        ("市审批局", "government_services"),
        ("县国资办", "sasac"),
        ("市人民政府国有资产监督管理委员会办公室", "sasac"),
        ("县海事处", "maritime"),
        ("岚江市公共资源交易中心", "public_resources_trading"),
        ("区金融服务中心", "financial_regulation"),
        ("省高院", "court"),
        ("市交警支队", "public_security"),
        ("市医疗保障事务中心", "medical_security"),
        ("市公共就业服务中心", "hr_social_security"),
        ("市不动产登记中心", "natural_resources"),
        ("岚江市住房公积金管理中心", "housing_provident_fund"),
        ("市人防办", "civil_air_defense"),
        ("县国防动员办公室", "civil_air_defense"),
    ] {
        let r = REGISTRY.resolve(text, &[]);
        assert_eq!(r.agency.to_string(), id, "{text}: {r:?}");
        assert_eq!(r.status, AgencyStatus::Resolved, "{text}");
    }
}
