//! The agency graph of the bundled pair: counts, query answers read off the documents, and
//! round trips of the exports.

mod common;

use policy_align::{AgencyId, Aligner, Document, Edge, FeatureSet, Node, Pipeline, PolicyGraph, read_graphml};
use std::collections::BTreeSet;
use std::sync::LazyLock;

use common::{DOCS, REGISTRY, SEGMENTER};
static GRAPH: LazyLock<PolicyGraph> = LazyLock::new(|| {
    let c = Pipeline::new().compare(DOCS[0].clone(), DOCS[1].clone()).unwrap();
    c.graph().clone()
});

fn id(text: &str) -> AgencyId {
    AgencyId::parse(text)
}

fn count_edges(kind: &str) -> usize {
    GRAPH.graph.edge_weights().filter(|e| e.kind() == kind).count()
}

#[test]
fn nodes_and_edges_of_the_bundled_pair() {
    let g = &GRAPH.graph;
    let kinds = |k: &str| g.node_weights().filter(|n| n.kind() == k).count();
    assert_eq!((kinds("document"), kinds("measure")), (2, 43));
    // 24 canonical functions named in the measures' clauses (市贸促会 is named only in the
    // Huizhou annex table, not in a measure), and two collective mentions.
    assert_eq!(kinds("agency"), 26);
    assert_eq!(count_edges("contains"), 43);
    assert_eq!(count_edges("aligned"), 17);
    // Responsible edges: one per measure and function it names.
    let expected: usize = DOCS
        .iter()
        .map(|d| {
            let res = REGISTRY.resolve_document(d);
            res.measures
                .iter()
                .map(|rs| {
                    rs.iter()
                        .flat_map(|r| {
                            if r.functions.is_empty() {
                                vec![r.agency.to_string()]
                            } else {
                                r.functions.clone()
                            }
                        })
                        .collect::<BTreeSet<_>>()
                        .len()
                })
                .sum::<usize>()
        })
        .sum();
    assert_eq!(count_edges("responsible"), expected);
    assert_eq!(g.edge_count(), 43 + 17 + expected);
    // One node per canonical agency, linked to the measures of both documents where both name it.
    let court = GRAPH.agency(&id("court")).unwrap();
    let docs_naming_court: BTreeSet<usize> = g
        .neighbors_directed(court, petgraph::Direction::Incoming)
        .filter_map(|m| match &g[m] {
            Node::Measure { document, .. } => Some(*document),
            _ => None,
        })
        .collect();
    assert_eq!(docs_naming_court, BTreeSet::from([0, 1]));
}

/// Answers checked by reading the two documents.
#[test]
fn query_answers() {
    let load = GRAPH.load();
    // Xiangshan: 区市场监管局（知识产权局） is named in all 17 key tasks, and nowhere in 三、组织保障.
    assert_eq!(load[&id("market_regulation")][0].total(), 17);
    assert_eq!(load[&id("ip_office")][0].total(), 17);
    // Huizhou: 市市场监管局（市知识产权局） in 18 of 22 measures — all but (十五), (十九), (二十), (二十二).
    assert_eq!(load[&id("market_regulation")][1].total(), 18);
    for d in 0..2 {
        let top = load.iter().map(|(id, l)| (l[d].total(), id)).max().unwrap();
        assert!(top.1 == "market_regulation" || top.1 == "ip_office", "{top:?}");
    }
    // Huizhou names 市农村农业局 in (一) and 市农业农村局 in (八): one agency, two measures.
    assert_eq!(load[&id("agriculture_rural")][1].total(), 2);
    // 惠州海关 only in Huizhou, in (一), (二), (十四), (十八).
    let unique = GRAPH.unique_to_one();
    assert!(unique[1].contains(&id("customs")));
    assert_eq!(load[&id("customs")][1].total(), 4);
    assert_eq!(unique[0], ["government_office", "water_resources"]);
    let shared = GRAPH.shared_by_all();
    for id in [
        "court",
        "procuratorate",
        "public_security",
        "justice",
        "market_regulation",
        "culture_tourism",
    ] {
        assert!(shared.iter().any(|s| s == id), "{id}");
    }
    // Measures with no responsible body: Xiangshan's four 组织保障 measures; Huizhou's that name
    // only collectives (市直有关部门, 各级党委、政府).
    let none: Vec<String> = GRAPH
        .without_responsible_body()
        .iter()
        .map(|(d, id)| format!("{d}:{id}"))
        .collect();
    assert_eq!(
        none,
        [
            "0:m3.1", "0:m3.2", "0:m3.3", "0:m3.4", "1:m5.15", "1:m7.19", "1:m7.20", "1:m7.22"
        ]
    );
    // Agencies added and dropped: 加大侵权假冒行为惩戒力度 ~ 严厉打击侵权假冒行为 — Huizhou adds
    // 惠州海关 and 市委宣传部（市版权局）, drops 区司法局 and the water part of 区农业农村水利局.
    let change = GRAPH.agency_changes().into_iter().find(|c| c.left == "m2.1.1").unwrap();
    assert_eq!(change.right, "m2.1");
    assert_eq!(change.added, ["copyright", "customs", "propaganda"]);
    assert_eq!(change.dropped, ["justice", "water_resources"]);
}

#[test]
fn co_responsibility_and_centrality() {
    let net = GRAPH.co_responsibility();
    let idx = |id: &str| net.node_indices().find(|&n| net[n] == id).unwrap();
    // 法院 and 检察院 share 区法院、区检察院 clauses in Xiangshan 1, 2, 4, 5, 6, 8, 12 and
    // Huizhou (一), (二), (九), (十四), (十六), (十七).
    let w = net.find_edge(idx("court"), idx("procuratorate")).map(|e| net[e]);
    assert_eq!(w, Some(13));
    let c = GRAPH.centrality();
    assert!(c[0].agency == "ip_office" || c[0].agency == "market_regulation");
    assert_eq!(c[0].measures, 35);
    let total: f64 = c.iter().map(|x| x.pagerank).sum();
    assert!((total - 1.0).abs() < 1e-6, "PageRank sums to {total}");
}

#[test]
fn graphml_round_trip() {
    let xml = GRAPH.to_graphml();
    let (nodes, edges) = read_graphml(&xml).unwrap();
    let g = &GRAPH.graph;
    let want_nodes: Vec<(String, String, String)> = g
        .node_weights()
        .map(|n| (n.key(), n.kind().to_owned(), n.label()))
        .collect();
    assert_eq!(nodes, want_nodes);
    let want_edges: Vec<(String, String, String)> = g
        .edge_indices()
        .map(|e| {
            let (s, t) = g.edge_endpoints(e).unwrap();
            (g[s].key(), g[t].key(), g[e].kind().to_owned())
        })
        .collect();
    assert_eq!(edges, want_edges);
    assert!(xml.contains("<key id=\"d6\" for=\"edge\" attr.name=\"weight\" attr.type=\"double\"/>"));
}

#[test]
fn node_link_json_round_trip() {
    let v: serde_json::Value = serde_json::from_str(&GRAPH.to_node_link().to_string()).unwrap();
    let g = &GRAPH.graph;
    let nodes: Vec<(String, String)> = v["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| {
            (
                n["id"].as_str().unwrap().to_owned(),
                n["kind"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    assert_eq!(
        nodes,
        g.node_weights()
            .map(|n| (n.key(), n.kind().to_owned()))
            .collect::<Vec<_>>()
    );
    let links = v["links"].as_array().unwrap();
    assert_eq!(links.len(), g.edge_count());
    let ids: BTreeSet<&str> = nodes.iter().map(|n| n.0.as_str()).collect();
    assert!(
        links
            .iter()
            .all(|l| ids.contains(l["source"].as_str().unwrap()) && ids.contains(l["target"].as_str().unwrap()))
    );
    let aligned: Vec<f64> = links
        .iter()
        .filter(|l| l["kind"] == "aligned")
        .map(|l| l["weight"].as_f64().unwrap())
        .collect();
    let want: Vec<f64> = g
        .edge_weights()
        .filter_map(|e| {
            if let Edge::Aligned { score } = e {
                Some(*score)
            } else {
                None
            }
        })
        .collect();
    assert_eq!(aligned, want);
    assert_eq!(v["directed"], true);
}

#[test]
fn dot_draws_every_node_and_edge() {
    let dot = GRAPH.to_dot();
    assert!(dot.starts_with("digraph {"));
    assert!(dot.contains("rankdir=\"LR\"") || dot.contains("rankdir=LR"));
    let node_lines = dot
        .lines()
        .filter(|l| l.contains("[ label=") && !l.contains("->"))
        .count();
    let edge_lines = dot.lines().filter(|l| l.contains("->")).count();
    assert_eq!(
        (node_lines, edge_lines),
        (GRAPH.graph.node_count(), GRAPH.graph.edge_count())
    );
    // Measures as their documents label them, whole; agencies sized by load, named beside.
    assert!(dot.contains("label=\"1. 加大侵权假冒行为惩戒力度\""), "{dot}");
    assert!(!dot.contains("label=\"m2.1.1"), "ids where a person reads");
    assert!(dot.contains("xlabel=\"海关 4\""), "{dot}");
    let width = |name: &str| -> f64 {
        let line = dot.lines().find(|l| l.contains(&format!("xlabel=\"{name} "))).unwrap();
        line.split("width=")
            .nth(1)
            .unwrap()
            .split(' ')
            .next()
            .unwrap()
            .parse()
            .unwrap()
    };
    // 人民法院 (17 measures) is drawn larger than 人力资源和社会保障局 (2), whatever the names' lengths.
    assert!(width("人民法院") > width("人力资源和社会保障局"));
}

#[test]
fn corpus_graph_of_three_jurisdictions() {
    let prefecture = Document::from_path(common::fixture("prefecture_plan.txt")).unwrap();
    let docs: Vec<&Document> = vec![&DOCS[0], &DOCS[1], &prefecture];
    let agencies: Vec<_> = docs.iter().map(|d| REGISTRY.resolve_document(d)).collect();
    let features = FeatureSet::build(&SEGMENTER, &docs, &agencies).unwrap();
    let corpus = Aligner::default().align_corpus(&features);
    let g = PolicyGraph::from_corpus(&REGISTRY, &docs, &agencies, &corpus).unwrap();
    assert_eq!(g.documents(), 3);
    let shared = g.shared_by_all();
    for id in [
        "court",
        "procuratorate",
        "public_security",
        "market_regulation",
        "culture_tourism",
        "propaganda",
    ] {
        assert!(shared.iter().any(|s| s == id), "{id}: {shared:?}");
    }
    // The prefecture's 州卫生健康委 is named by no other document.
    assert!(g.unique_to_one()[2].contains(&id("health")));
    let clustered: usize = corpus.clusters.iter().map(|c| c.members.len().saturating_sub(1)).sum();
    assert_eq!(
        g.graph.edge_weights().filter(|e| e.kind() == "aligned").count(),
        clustered
    );
}

/// Node ids do not depend on how a path was typed: `doc:` and the file stem, unique in the
/// graph.
#[test]
fn node_ids_do_not_depend_on_the_path_as_typed() {
    let root = common::root();
    let keys = |left: std::path::PathBuf, right: std::path::PathBuf| -> Vec<String> {
        let c = Pipeline::new()
            .compare(Document::from_path(left).unwrap(), Document::from_path(right).unwrap())
            .unwrap();
        c.graph().graph.node_weights().map(Node::key).collect()
    };
    let plain = keys(
        root.join("corpus/xiangshan_2021_ip_protection_plan.txt"),
        root.join("corpus/huizhou_2021_ip_protection_measures.txt"),
    );
    let winding = keys(
        root.join("corpus/../corpus/./xiangshan_2021_ip_protection_plan.txt"),
        root.join("testsuite/../corpus/huizhou_2021_ip_protection_measures.txt"),
    );
    assert_eq!(plain, winding);
    assert!(
        plain.contains(&"doc:xiangshan_2021_ip_protection_plan".to_owned()),
        "{plain:?}"
    );
    // The same file twice: two documents, two ids.
    let twice = keys(
        root.join("corpus/xiangshan_2021_ip_protection_plan.txt"),
        root.join("corpus/xiangshan_2021_ip_protection_plan.txt"),
    );
    assert!(
        twice.contains(&"doc:xiangshan_2021_ip_protection_plan-2".to_owned()),
        "{twice:?}"
    );
}
