//! Stage 9: the graph that links each measure to its agencies across documents.
//!
//! A [`PolicyGraph`] (petgraph) has three kinds of node — documents, measures and canonical
//! agencies — and three kinds of edge: `Contains` (document → measure), `Responsible { role }`
//! (measure → agency) and `Aligned { score }` (measure → measure, left to right). Agency nodes
//! are canonical *functions* from the [`AgencyRegistry`](crate::AgencyRegistry): one node for the
//! courts of every jurisdiction; a body with several names or a merged bureau
//! (`区农业农村水利局`) links to each function it carries. Collective mentions
//! (`市直有关部门`) and unresolved bodies get nodes of their own, so nothing is dropped.
//!
//! Queries answer what researchers of policy networks ask: each agency's load per document,
//! the agencies all jurisdictions share and those unique to one, the agencies added and dropped
//! between aligned measures, the co-responsibility network, centrality (degree and PageRank), and
//! the measures no body is responsible for. Exports: DOT (Graphviz), GraphML (Gephi, networkx,
//! written with quick-xml) and node-link JSON (networkx's `node_link_graph`, D3).

use crate::agency::{AgencyRegistry, AgencyStatus, DocumentAgencies};
use crate::align::{Alignment, CorpusAlignment};
use crate::document::{Document, Role};
use crate::error::{Error, Result};
use petgraph::Direction;
use petgraph::graph::{DiGraph, NodeIndex, UnGraph};
use petgraph::visit::EdgeRef;
use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// A node of the policy graph.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[non_exhaustive]
pub enum Node {
    /// A policy document.
    Document {
        /// Its file or bundled name.
        name: String,
        /// Its jurisdiction (相山区), or its title when unknown.
        jurisdiction: String,
    },
    /// A measure of a document.
    Measure {
        /// Index of its document among the graph's documents.
        document: usize,
        /// The measure's id in its document.
        id: String,
        /// Its heading.
        title: String,
    },
    /// A canonical agency function, or a collective or unresolved body.
    Agency {
        /// The id (`court`, `collective:市直有关部门`, `unresolved:…`).
        id: String,
        /// Its Chinese name.
        name: String,
        /// Its English gloss.
        gloss: String,
        /// Resolved, collective or unresolved.
        status: AgencyStatus,
    },
}

impl Node {
    /// The node's id in exports: `doc:NAME`, `measure:DOC:ID`, `agency:ID`.
    pub fn key(&self) -> String {
        match self {
            Node::Document { name, .. } => format!("doc:{name}"),
            Node::Measure { document, id, .. } => format!("measure:{document}:{id}"),
            Node::Agency { id, .. } => format!("agency:{id}"),
        }
    }

    /// `document`, `measure` or `agency`.
    pub fn kind(&self) -> &'static str {
        match self {
            Node::Document { .. } => "document",
            Node::Measure { .. } => "measure",
            Node::Agency { .. } => "agency",
        }
    }

    /// A short label for drawings and tables.
    pub fn label(&self) -> String {
        match self {
            Node::Document { jurisdiction, .. } => jurisdiction.clone(),
            Node::Measure { id, title, .. } => format!("{id} {title}"),
            Node::Agency { name, .. } => name.clone(),
        }
    }
}

impl std::fmt::Display for Node {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.label())
    }
}

/// An edge of the policy graph.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[non_exhaustive]
pub enum Edge {
    /// Document → measure.
    Contains,
    /// Measure → agency, with the role the clause gives it.
    Responsible {
        /// Lead, supporting or responsible.
        role: Role,
    },
    /// Left measure → right measure, aligned with this score.
    Aligned {
        /// The alignment score.
        score: f64,
    },
}

impl Edge {
    /// `contains`, `responsible` or `aligned`.
    pub fn kind(&self) -> &'static str {
        match self {
            Edge::Contains => "contains",
            Edge::Responsible { .. } => "responsible",
            Edge::Aligned { .. } => "aligned",
        }
    }

    /// The weight in exports: the score of an alignment, 1 otherwise.
    pub fn weight(&self) -> f64 {
        match self {
            Edge::Aligned { score } => *score,
            _ => 1.0,
        }
    }
}

impl std::fmt::Display for Edge {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Edge::Contains => Ok(()),
            Edge::Responsible {
                role: Role::Responsible,
            } => Ok(()),
            Edge::Responsible { role } => f.write_str(role.as_str()),
            Edge::Aligned { score } => write!(f, "{score:.2}"),
        }
    }
}

/// Documents, measures and canonical agencies, linked.
#[derive(Debug, Clone)]
pub struct PolicyGraph {
    /// The petgraph graph.
    pub graph: DiGraph<Node, Edge>,
    documents: Vec<NodeIndex>,
    measures: Vec<Vec<NodeIndex>>,
    agencies: BTreeMap<String, NodeIndex>,
}

/// One agency's load in one document: how many measures name it in each role.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Load {
    /// Measures that name it lead (牵头).
    pub lead: usize,
    /// Measures that name it supporting (配合).
    pub supporting: usize,
    /// Measures that name it responsible (责任单位, plain lists).
    pub responsible: usize,
}

impl Load {
    /// All measures that name it.
    pub fn total(&self) -> usize {
        self.lead + self.supporting + self.responsible
    }
}

/// For an aligned pair: the agencies the right measure adds and the left one's it drops.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AgencyChange {
    /// Left measure id.
    pub left: String,
    /// Right measure id.
    pub right: String,
    /// Agencies on the right only.
    pub added: Vec<String>,
    /// Agencies on the left only.
    pub dropped: Vec<String>,
}

/// An agency's centrality.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Centrality {
    /// The agency id.
    pub agency: String,
    /// Measures (of all documents) that name it.
    pub measures: usize,
    /// Distinct agencies it shares a measure with.
    pub partners: usize,
    /// PageRank in the co-responsibility network (damping 0.85).
    pub pagerank: f64,
}

impl PolicyGraph {
    /// An empty graph over documents (one Document node each, with their Measure nodes).
    fn with_documents(docs: &[&Document]) -> PolicyGraph {
        let mut graph = DiGraph::new();
        let mut documents = Vec::new();
        let mut measures = Vec::new();
        for (d, doc) in docs.iter().enumerate() {
            let jurisdiction = doc.meta.jurisdiction.clone().unwrap_or_else(|| doc.meta.title.clone());
            let dn = graph.add_node(Node::Document {
                name: doc.name.clone(),
                jurisdiction,
            });
            documents.push(dn);
            let ms: Vec<NodeIndex> = doc
                .measures
                .iter()
                .map(|m| {
                    let n = graph.add_node(Node::Measure {
                        document: d,
                        id: m.id.clone(),
                        title: m.title.clone(),
                    });
                    graph.add_edge(dn, n, Edge::Contains);
                    n
                })
                .collect();
            measures.push(ms);
        }
        PolicyGraph {
            graph,
            documents,
            measures,
            agencies: BTreeMap::new(),
        }
    }

    fn agency_node(&mut self, registry: &AgencyRegistry, id: &str, status: AgencyStatus) -> NodeIndex {
        if let Some(&n) = self.agencies.get(id) {
            return n;
        }
        let (name, gloss) = match registry.function(id) {
            Some(f) => (f.name.clone(), f.gloss.clone()),
            None => (id.split_once(':').map_or(id, |(_, n)| n).to_owned(), String::new()),
        };
        let n = self.graph.add_node(Node::Agency {
            id: id.to_owned(),
            name,
            gloss,
            status,
        });
        self.agencies.insert(id.to_owned(), n);
        n
    }

    fn add_responsibilities(&mut self, registry: &AgencyRegistry, docs: &[&Document], agencies: &[&DocumentAgencies]) {
        for (d, (doc, res)) in docs.iter().zip(agencies).enumerate() {
            for (k, (m, rs)) in doc.measures.iter().zip(&res.measures).enumerate() {
                let mn = self.measures[d][k];
                for (mention, r) in m.mentions().iter().zip(rs) {
                    let ids: Vec<String> = r.keys();
                    for id in ids {
                        let an = self.agency_node(registry, &id, r.status);
                        // One edge per measure and agency, with the strongest role named.
                        let existing = self
                            .graph
                            .edges_connecting(mn, an)
                            .next()
                            .map(|e| (e.id(), *e.weight()));
                        match existing {
                            Some((e, Edge::Responsible { role })) if rank(mention.role) < rank(role) => {
                                self.graph[e] = Edge::Responsible { role: mention.role };
                            }
                            Some(_) => {}
                            None => {
                                self.graph.add_edge(mn, an, Edge::Responsible { role: mention.role });
                            }
                        }
                    }
                }
            }
        }
    }

    /// The graph of a two-document comparison: documents 0 (left) and 1 (right), their
    /// measures, agencies and the aligned pairs.
    pub fn from_comparison(
        registry: &AgencyRegistry,
        (left, right): (&Document, &Document),
        comparison: &crate::align::Comparison,
    ) -> PolicyGraph {
        let docs = [left, right];
        let mut g = PolicyGraph::with_documents(&docs);
        g.add_responsibilities(
            registry,
            &docs,
            &[&comparison.left_agencies, &comparison.right_agencies],
        );
        g.add_alignment(&comparison.alignment, 0, 1);
        g
    }

    /// The graph of a corpus: every document, and edges between the measures of each cluster
    /// (each member to the cluster's first member, weight 1).
    pub fn from_corpus(
        registry: &AgencyRegistry,
        docs: &[&Document],
        agencies: &[DocumentAgencies],
        corpus: &CorpusAlignment,
    ) -> PolicyGraph {
        let mut g = PolicyGraph::with_documents(docs);
        g.add_responsibilities(registry, docs, &agencies.iter().collect::<Vec<_>>());
        for c in &corpus.clusters {
            let nodes: Vec<NodeIndex> = c
                .members
                .iter()
                .filter_map(|(d, id)| {
                    let k = docs[*d].measures.iter().position(|m| &m.id == id)?;
                    Some(g.measures[*d][k])
                })
                .collect();
            for &n in nodes.iter().skip(1) {
                g.graph.add_edge(nodes[0], n, Edge::Aligned { score: 1.0 });
            }
        }
        g
    }

    fn add_alignment(&mut self, alignment: &Alignment, left: usize, right: usize) {
        for p in &alignment.pairs {
            let (l, r) = (self.measures[left][p.left_index], self.measures[right][p.right_index]);
            self.graph.add_edge(l, r, Edge::Aligned { score: p.score });
        }
    }

    /// Number of documents.
    pub fn documents(&self) -> usize {
        self.documents.len()
    }

    /// The agency node of an id.
    pub fn agency(&self, id: &str) -> Option<NodeIndex> {
        self.agencies.get(id).copied()
    }

    /// Agency ids, in id order.
    pub fn agency_ids(&self) -> impl Iterator<Item = &str> {
        self.agencies.keys().map(String::as_str)
    }

    fn agency_id(&self, n: NodeIndex) -> &str {
        match &self.graph[n] {
            Node::Agency { id, .. } => id,
            _ => "",
        }
    }

    /// The agencies a measure names, in id order.
    pub fn agencies_of(&self, document: usize, measure: usize) -> Vec<String> {
        let mut ids: Vec<String> = self
            .graph
            .edges_directed(self.measures[document][measure], Direction::Outgoing)
            .filter(|e| matches!(e.weight(), Edge::Responsible { .. }))
            .map(|e| self.agency_id(e.target()).to_owned())
            .collect();
        ids.sort();
        ids
    }

    /// Each agency's load per document: `load[agency][document]`.
    pub fn load(&self) -> BTreeMap<String, Vec<Load>> {
        let mut out: BTreeMap<String, Vec<Load>> = BTreeMap::new();
        for (id, &an) in &self.agencies {
            let mut per_doc = vec![Load::default(); self.documents.len()];
            for e in self.graph.edges_directed(an, Direction::Incoming) {
                if let (Edge::Responsible { role }, Node::Measure { document, .. }) =
                    (e.weight(), &self.graph[e.source()])
                {
                    let l = &mut per_doc[*document];
                    match role {
                        Role::Lead => l.lead += 1,
                        Role::Supporting => l.supporting += 1,
                        _ => l.responsible += 1,
                    }
                }
            }
            out.insert(id.clone(), per_doc);
        }
        out
    }

    /// The resolved agencies every document names.
    pub fn shared_by_all(&self) -> Vec<String> {
        self.load()
            .into_iter()
            .filter(|(id, l)| self.is_resolved(id) && l.iter().all(|x| x.total() > 0))
            .map(|(id, _)| id)
            .collect()
    }

    /// For each document, the resolved agencies that only it names.
    pub fn unique_to_one(&self) -> Vec<Vec<String>> {
        let mut out = vec![Vec::new(); self.documents.len()];
        for (id, l) in self.load() {
            let named: Vec<usize> = (0..l.len()).filter(|&d| l[d].total() > 0).collect();
            if self.is_resolved(&id) && named.len() == 1 {
                out[named[0]].push(id);
            }
        }
        out
    }

    fn is_resolved(&self, id: &str) -> bool {
        self.agencies.get(id).is_some_and(|&n| {
            matches!(
                &self.graph[n],
                Node::Agency {
                    status: AgencyStatus::Resolved,
                    ..
                }
            )
        })
    }

    /// For every aligned pair, the agencies added (right only) and dropped (left only).
    pub fn agency_changes(&self) -> Vec<AgencyChange> {
        let mut out = Vec::new();
        for e in self.graph.edge_references() {
            if let Edge::Aligned { .. } = e.weight() {
                let (
                    Node::Measure {
                        document: ld, id: lid, ..
                    },
                    Node::Measure {
                        document: rd, id: rid, ..
                    },
                ) = (&self.graph[e.source()], &self.graph[e.target()])
                else {
                    continue;
                };
                let lk = self.measures[*ld].iter().position(|&n| n == e.source()).unwrap_or(0);
                let rk = self.measures[*rd].iter().position(|&n| n == e.target()).unwrap_or(0);
                let (l, r): (BTreeSet<String>, BTreeSet<String>) = (
                    self.agencies_of(*ld, lk).into_iter().collect(),
                    self.agencies_of(*rd, rk).into_iter().collect(),
                );
                out.push(AgencyChange {
                    left: lid.clone(),
                    right: rid.clone(),
                    added: r.difference(&l).cloned().collect(),
                    dropped: l.difference(&r).cloned().collect(),
                });
            }
        }
        out
    }

    /// The co-responsibility network: agencies linked by the number of measures they share.
    pub fn co_responsibility(&self) -> UnGraph<String, u32> {
        let mut net: UnGraph<String, u32> = UnGraph::new_undirected();
        let nodes: BTreeMap<&str, NodeIndex> = self
            .agencies
            .keys()
            .map(|id| (id.as_str(), net.add_node(id.clone())))
            .collect();
        let mut weights: BTreeMap<(NodeIndex, NodeIndex), u32> = BTreeMap::new();
        for (d, ms) in self.measures.iter().enumerate() {
            for k in 0..ms.len() {
                let ids = self.agencies_of(d, k);
                for i in 0..ids.len() {
                    for j in i + 1..ids.len() {
                        *weights
                            .entry((nodes[ids[i].as_str()], nodes[ids[j].as_str()]))
                            .or_default() += 1;
                    }
                }
            }
        }
        for ((a, b), w) in weights {
            net.add_edge(a, b, w);
        }
        net
    }

    /// Centrality of every agency: measures that name it, co-responsible partners, and PageRank
    /// in the co-responsibility network (petgraph's `page_rank`, damping 0.85, 50 iterations).
    /// Sorted by measures, then PageRank, then id.
    pub fn centrality(&self) -> Vec<Centrality> {
        let net = self.co_responsibility();
        let ranks = petgraph::algo::page_rank(&net, 0.85_f64, 50);
        let mut out: Vec<Centrality> = net
            .node_indices()
            .map(|n| {
                let id = net[n].clone();
                let measures = self
                    .graph
                    .edges_directed(self.agencies[&id], Direction::Incoming)
                    .count();
                Centrality {
                    partners: net.neighbors(n).count(),
                    pagerank: ranks[n.index()],
                    agency: id,
                    measures,
                }
            })
            .collect();
        out.sort_by(|a, b| {
            b.measures
                .cmp(&a.measures)
                .then(b.pagerank.total_cmp(&a.pagerank))
                .then_with(|| a.agency.cmp(&b.agency))
        });
        out
    }

    /// Measures no body is responsible for (collective mentions do not count as a body), as
    /// `(document, measure id)`.
    pub fn without_responsible_body(&self) -> Vec<(usize, String)> {
        let mut out = Vec::new();
        for (d, ms) in self.measures.iter().enumerate() {
            for &mn in ms {
                let has = self.graph.edges_directed(mn, Direction::Outgoing).any(|e| {
                    matches!(e.weight(), Edge::Responsible { .. })
                        && !matches!(
                            &self.graph[e.target()],
                            Node::Agency {
                                status: AgencyStatus::Collective,
                                ..
                            }
                        )
                });
                if let (false, Node::Measure { id, .. }) = (has, &self.graph[mn]) {
                    out.push((d, id.clone()));
                }
            }
        }
        out
    }

    /// DOT for Graphviz (petgraph's `dot` module): documents as boxes, measures as ellipses
    /// coloured by document, agencies as filled circles (collective and unresolved ones grey),
    /// roles and scores on the edges. Render with a font that has CJK glyphs, for instance
    /// `sfdp -Tpng -Goverlap=prism -Nfontname="WenQuanYi Micro Hei" graph.dot -o graph.png`.
    pub fn to_dot(&self) -> String {
        use petgraph::dot::{Config, Dot};
        let node_attrs = |_, (_, n): (NodeIndex, &Node)| -> String {
            match n {
                Node::Document { .. } => "shape=box style=filled fillcolor=\"#f6d55c\" fontsize=18".into(),
                // Measures coloured by document, in turn.
                Node::Measure { document, .. } => {
                    let fill = ["#dbe9f6", "#fde2c8", "#e2f0d9", "#eadcf5"][document % 4];
                    format!("shape=ellipse style=filled fillcolor=\"{fill}\" fontsize=9")
                }
                Node::Agency {
                    status: AgencyStatus::Resolved,
                    ..
                } => "shape=circle style=filled fillcolor=\"#3caea3\" fontcolor=white fontsize=11".into(),
                Node::Agency { .. } => "shape=circle style=filled fillcolor=\"#bbbbbb\" fontsize=10".into(),
            }
        };
        let edge_attrs = |_, e: petgraph::graph::EdgeReference<Edge>| -> String {
            match e.weight() {
                Edge::Contains => "color=\"#cccccc\" arrowhead=none".into(),
                Edge::Responsible { role: Role::Lead } => "color=\"#ed553b\" penwidth=2".into(),
                Edge::Responsible { role: Role::Supporting } => "color=\"#ed553b\" style=dashed".into(),
                Edge::Responsible { .. } => "color=\"#20639b\"".into(),
                Edge::Aligned { .. } => "color=\"#173f5f\" penwidth=2 dir=none constraint=false".into(),
            }
        };
        let config = [Config::RankDir(petgraph::dot::RankDir::LR)];
        format!(
            "{}",
            Dot::with_attr_getters(&self.graph, &config, &edge_attrs, &node_attrs)
        )
    }

    /// Node-link JSON, as networkx's `node_link_graph` and D3 read it: `{"directed", "multigraph",
    /// "graph", "nodes": [{id, kind, label, ...}], "links": [{source, target, kind, weight, ...}]}`.
    pub fn to_node_link(&self) -> serde_json::Value {
        let nodes: Vec<serde_json::Value> = self
            .graph
            .node_indices()
            .map(|n| {
                let node = &self.graph[n];
                let mut v = serde_json::to_value(node).expect("nodes serialize");
                if let Node::Agency { id, .. } | Node::Measure { id, .. } = node {
                    v["name_id"] = id.clone().into();
                }
                v["id"] = node.key().into();
                v["label"] = node.label().into();
                v
            })
            .collect();
        let links: Vec<serde_json::Value> = self
            .graph
            .edge_references()
            .map(|e| {
                let mut v = serde_json::to_value(e.weight()).expect("edges serialize");
                v["source"] = self.graph[e.source()].key().into();
                v["target"] = self.graph[e.target()].key().into();
                v["weight"] = e.weight().weight().into();
                v
            })
            .collect();
        serde_json::json!({ "directed": true, "multigraph": false, "graph": {}, "nodes": nodes, "links": links })
    }

    /// GraphML (Gephi, networkx `read_graphml`, yEd), written with quick-xml: node attributes
    /// `kind`, `label`, `ident`, `status`; edge attributes `kind`, `role`, `weight`.
    pub fn to_graphml(&self) -> String {
        let mut w = Writer::new_with_indent(Vec::new(), b' ', 2);
        let write = |w: &mut Writer<Vec<u8>>, e: Event| w.write_event(e).expect("writing to memory");
        write(&mut w, Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)));
        let mut root = BytesStart::new("graphml");
        root.push_attribute(("xmlns", "http://graphml.graphdrawing.org/xmlns"));
        write(&mut w, Event::Start(root));
        for (id, on, name, ty) in [
            ("d0", "node", "kind", "string"),
            ("d1", "node", "label", "string"),
            ("d2", "node", "ident", "string"),
            ("d3", "node", "status", "string"),
            ("d4", "edge", "kind", "string"),
            ("d5", "edge", "role", "string"),
            ("d6", "edge", "weight", "double"),
        ] {
            let mut key = BytesStart::new("key");
            key.push_attribute(("id", id));
            key.push_attribute(("for", on));
            key.push_attribute(("attr.name", name));
            key.push_attribute(("attr.type", ty));
            write(&mut w, Event::Empty(key));
        }
        let mut graph = BytesStart::new("graph");
        graph.push_attribute(("id", "policy"));
        graph.push_attribute(("edgedefault", "directed"));
        write(&mut w, Event::Start(graph));
        let data = |w: &mut Writer<Vec<u8>>, key: &str, value: &str| {
            let mut d = BytesStart::new("data");
            d.push_attribute(("key", key));
            write(w, Event::Start(d));
            write(w, Event::Text(BytesText::new(value)));
            write(w, Event::End(BytesEnd::new("data")));
        };
        for n in self.graph.node_indices() {
            let node = &self.graph[n];
            let key = node.key();
            let mut el = BytesStart::new("node");
            el.push_attribute(("id", key.as_str()));
            write(&mut w, Event::Start(el));
            data(&mut w, "d0", node.kind());
            data(&mut w, "d1", &node.label());
            match node {
                Node::Document { name, .. } => data(&mut w, "d2", name),
                Node::Measure { id, .. } => data(&mut w, "d2", id),
                Node::Agency { id, status, .. } => {
                    data(&mut w, "d2", id);
                    data(&mut w, "d3", status_str(*status));
                }
            }
            write(&mut w, Event::End(BytesEnd::new("node")));
        }
        for (k, e) in self.graph.edge_references().enumerate() {
            let (s, t) = (self.graph[e.source()].key(), self.graph[e.target()].key());
            let eid = format!("e{k}");
            let mut el = BytesStart::new("edge");
            el.push_attribute(("id", eid.as_str()));
            el.push_attribute(("source", s.as_str()));
            el.push_attribute(("target", t.as_str()));
            write(&mut w, Event::Start(el));
            data(&mut w, "d4", e.weight().kind());
            if let Edge::Responsible { role } = e.weight() {
                data(&mut w, "d5", role.as_str());
            }
            data(&mut w, "d6", &e.weight().weight().to_string());
            write(&mut w, Event::End(BytesEnd::new("edge")));
        }
        write(&mut w, Event::End(BytesEnd::new("graph")));
        write(&mut w, Event::End(BytesEnd::new("graphml")));
        String::from_utf8(w.into_inner()).expect("quick-xml writes UTF-8")
    }
}

fn status_str(s: AgencyStatus) -> &'static str {
    match s {
        AgencyStatus::Resolved => "resolved",
        AgencyStatus::Collective => "collective",
        _ => "unresolved",
    }
}

/// Lead before responsible before supporting: the strongest role a measure gives an agency.
fn rank(role: Role) -> u8 {
    match role {
        Role::Lead => 0,
        Role::Responsible => 1,
        _ => 2,
    }
}

/// A node read back from GraphML: `(node id, kind, label)`.
pub type GraphmlNode = (String, String, String);
/// An edge read back from GraphML: `(source id, target id, kind)`.
pub type GraphmlEdge = (String, String, String);

/// Nodes and edges read back from GraphML. For checking an export, or loading one into code
/// that has no graph library.
pub fn read_graphml(xml: &str) -> Result<(Vec<GraphmlNode>, Vec<GraphmlEdge>)> {
    use quick_xml::Reader;
    let mut reader = Reader::from_str(xml);
    let mut nodes = Vec::new();
    let mut edges = Vec::new();
    let mut current: Option<(bool, String, String, BTreeMap<String, String>)> = None; // (is_node, a, b, data)
    let mut key: Option<String> = None;
    let err = |e: String| Error::InvalidOption {
        option: "graphml",
        message: e,
    };
    loop {
        match reader.read_event().map_err(|e| err(e.to_string()))? {
            Event::Start(e) | Event::Empty(e) if e.name().as_ref() == b"node" || e.name().as_ref() == b"edge" => {
                let attr = |name: &[u8]| -> String {
                    e.attributes()
                        .flatten()
                        .find(|a| a.key.as_ref() == name)
                        .and_then(|a| a.unescape_value().ok().map(|v| v.into_owned()))
                        .unwrap_or_default()
                };
                current = Some(if e.name().as_ref() == b"node" {
                    (true, attr(b"id"), String::new(), BTreeMap::new())
                } else {
                    (false, attr(b"source"), attr(b"target"), BTreeMap::new())
                });
            }
            Event::Start(e) if e.name().as_ref() == b"data" => {
                key = e
                    .attributes()
                    .flatten()
                    .find(|a| a.key.as_ref() == b"key")
                    .and_then(|a| a.unescape_value().ok().map(|v| v.into_owned()));
            }
            Event::Text(t) => {
                if let (Some(k), Some((_, _, _, data))) = (&key, current.as_mut()) {
                    data.insert(k.clone(), t.decode().map_err(|e| err(e.to_string()))?.into_owned());
                }
            }
            Event::End(e) if e.name().as_ref() == b"data" => key = None,
            Event::End(e) if e.name().as_ref() == b"node" || e.name().as_ref() == b"edge" => {
                if let Some((is_node, a, b, data)) = current.take() {
                    if is_node {
                        nodes.push((
                            a,
                            data.get("d0").cloned().unwrap_or_default(),
                            data.get("d1").cloned().unwrap_or_default(),
                        ));
                    } else {
                        edges.push((a, b, data.get("d4").cloned().unwrap_or_default()));
                    }
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok((nodes, edges))
}
