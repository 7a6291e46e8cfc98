//! Exports of the graph: DOT (Graphviz), node-link JSON (networkx, D3) and GraphML (Gephi,
//! networkx, yEd), and a GraphML reader to check them.

use super::model::{Edge, Node, PolicyGraph};
use crate::agency::AgencyStatus;
use crate::document::Role;
use crate::error::{Error, Result};
use petgraph::graph::NodeIndex;
use petgraph::visit::EdgeRef;
use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};
use std::collections::BTreeMap;

impl PolicyGraph {
    /// DOT for Graphviz (petgraph's `dot` module): documents as boxes, measures as ellipses
    /// coloured by document and labelled as their documents number and name them (whole, with a
    /// tooltip), agencies as discs sized by the measures that name them (collective and
    /// unresolved ones grey) with the name beside, roles and scores on the edges. Render with a font that has CJK glyphs, for instance
    /// `sfdp -Tpng -Goverlap=prism -Nfontname="WenQuanYi Micro Hei" graph.dot -o graph.png`.
    pub fn to_dot(&self) -> String {
        use petgraph::dot::{Config, Dot};
        let node_attrs = |_, (i, n): (NodeIndex, &Node)| -> String {
            let label = quote(&n.label());
            match n {
                Node::Document { .. } => {
                    format!(
                        "label=\"{label}\" tooltip=\"{label}\" shape=box style=filled fillcolor=\"#f6d55c\" fontsize=18"
                    )
                }
                // Measures coloured by document, in turn; the label whole, never cut.
                Node::Measure { document, .. } => {
                    let fill = ["#dbe9f6", "#fde2c8", "#e2f0d9", "#eadcf5"][document % 4];
                    format!(
                        "label=\"{label}\" tooltip=\"{label}\" shape=ellipse style=filled fillcolor=\"{fill}\" fontsize=9"
                    )
                }
                // Agencies: a disc sized by the measures that name it, the name beside it.
                Node::Agency { status, .. } => {
                    let load = self.graph.neighbors_directed(i, petgraph::Direction::Incoming).count();
                    let width = 0.15 + 0.08 * (load as f64).sqrt();
                    let fill = if *status == AgencyStatus::Resolved {
                        "#3caea3"
                    } else {
                        "#bbbbbb"
                    };
                    format!(
                        "label=\"\" xlabel=\"{label} {load}\" tooltip=\"{label}: named by {load} measures\" shape=circle fixedsize=true width={width:.2} style=filled fillcolor=\"{fill}\" fontsize=11"
                    )
                }
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
        let config = [Config::RankDir(petgraph::dot::RankDir::LR), Config::NodeNoLabel];
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
                match node {
                    Node::Agency { id, .. } => v["name_id"] = id.to_string().into(),
                    Node::Measure { id, .. } => v["name_id"] = id.clone().into(),
                    Node::Document { .. } => {}
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
        let mut w = GraphmlWriter::new(
            "policy",
            &[
                ("d0", "node", "kind", "string"),
                ("d1", "node", "label", "string"),
                ("d2", "node", "ident", "string"),
                ("d3", "node", "status", "string"),
                ("d4", "edge", "kind", "string"),
                ("d5", "edge", "role", "string"),
                ("d6", "edge", "weight", "double"),
            ],
        );
        for n in self.graph.node_indices() {
            let node = &self.graph[n];
            let ident = match node {
                Node::Document { name, .. } => name.clone(),
                Node::Measure { id, .. } => id.clone(),
                Node::Agency { id, .. } => id.to_string(),
            };
            let status = match node {
                Node::Agency { status, .. } => Some(status.as_str()),
                _ => None,
            };
            let label = node.label();
            let data = [
                ("d0", Some(node.kind())),
                ("d1", Some(label.as_str())),
                ("d2", Some(ident.as_str())),
                ("d3", status),
            ];
            w.element("node", &[("id", &node.key())], &data);
        }
        for (k, e) in self.graph.edge_references().enumerate() {
            let (s, t) = (self.graph[e.source()].key(), self.graph[e.target()].key());
            let role = match e.weight() {
                Edge::Responsible { role } => Some(role.as_str()),
                _ => None,
            };
            let weight = e.weight().weight().to_string();
            let data = [
                ("d4", Some(e.weight().kind())),
                ("d5", role),
                ("d6", Some(weight.as_str())),
            ];
            w.element(
                "edge",
                &[("id", &format!("e{k}")), ("source", &s), ("target", &t)],
                &data,
            );
        }
        w.finish()
    }
}

/// Text inside a double-quoted DOT attribute.
pub(super) fn quote(s: &str) -> String {
    s.replace('\\', "\\\\").replace('"', "\\\"")
}

/// A GraphML document written with quick-xml: the keys, then one element per node and edge.
pub(super) struct GraphmlWriter {
    w: Writer<Vec<u8>>,
}

impl GraphmlWriter {
    /// The header, the keys `(id, for, attr.name, attr.type)` and the opening of a directed graph.
    pub(super) fn new(graph_id: &str, keys: &[(&str, &str, &str, &str)]) -> GraphmlWriter {
        let mut g = GraphmlWriter {
            w: Writer::new_with_indent(Vec::new(), b' ', 2),
        };
        g.write(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)));
        let mut root = BytesStart::new("graphml");
        root.push_attribute(("xmlns", "http://graphml.graphdrawing.org/xmlns"));
        g.write(Event::Start(root));
        for &(id, on, name, ty) in keys {
            let mut key = BytesStart::new("key");
            key.push_attribute(("id", id));
            key.push_attribute(("for", on));
            key.push_attribute(("attr.name", name));
            key.push_attribute(("attr.type", ty));
            g.write(Event::Empty(key));
        }
        let mut graph = BytesStart::new("graph");
        graph.push_attribute(("id", graph_id));
        graph.push_attribute(("edgedefault", "directed"));
        g.write(Event::Start(graph));
        g
    }

    fn write(&mut self, e: Event) {
        self.w.write_event(e).expect("writing to memory");
    }

    /// A `node` or `edge` element with its attributes and its data (keys without a value left out).
    pub(super) fn element(&mut self, name: &str, attributes: &[(&str, &str)], data: &[(&str, Option<&str>)]) {
        let mut el = BytesStart::new(name);
        for &a in attributes {
            el.push_attribute(a);
        }
        self.write(Event::Start(el));
        for (key, value) in data {
            let Some(value) = value else { continue };
            let mut d = BytesStart::new("data");
            d.push_attribute(("key", *key));
            self.write(Event::Start(d));
            self.write(Event::Text(BytesText::new(value)));
            self.write(Event::End(BytesEnd::new("data")));
        }
        self.write(Event::End(BytesEnd::new(name)));
    }

    /// Closes the graph and returns the text.
    pub(super) fn finish(mut self) -> String {
        self.write(Event::End(BytesEnd::new("graph")));
        self.write(Event::End(BytesEnd::new("graphml")));
        String::from_utf8(self.w.into_inner()).expect("quick-xml writes UTF-8")
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
    loop {
        let position = reader.buffer_position();
        let err = |e: String| Error::Graphml { position, message: e };
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
