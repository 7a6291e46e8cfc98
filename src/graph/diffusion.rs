//! The diffusion graph: documents, linked by citation and by text reuse.

use super::export::{GraphmlWriter, quote};
use crate::diffusion::{Diffusion, DocumentRow};
use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::visit::EdgeRef;
use serde::Serialize;

/// An edge of the diffusion graph. Both kinds point the way a policy travels: from the earlier
/// (or cited) document to the later (or citing) one.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[non_exhaustive]
pub enum DiffusionEdge {
    /// The target cites the source (its 《title》 or document number).
    Citation,
    /// The target, the later of a dyad, took passages word for word from the source.
    Reuse {
        /// The share of the later document's text in passages copied from the earlier.
        verbatim_share: f64,
        /// The dyad's document similarity.
        similarity: f64,
    },
}

impl std::fmt::Display for DiffusionEdge {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.kind())
    }
}

impl DiffusionEdge {
    /// `citation` or `reuse`.
    pub fn kind(&self) -> &'static str {
        match self {
            DiffusionEdge::Citation => "citation",
            DiffusionEdge::Reuse { .. } => "reuse",
        }
    }

    /// The edge's weight: the verbatim share of a reuse edge, 1 for a citation.
    pub fn weight(&self) -> f64 {
        match self {
            DiffusionEdge::Citation => 1.0,
            DiffusionEdge::Reuse { verbatim_share, .. } => *verbatim_share,
        }
    }
}

/// The documents of a diffusion study as a directed graph (petgraph): one node per document,
/// with its date, level and jurisdiction; a `citation` edge from each cited document to the
/// document citing it, and a `reuse` edge from the earlier to the later document of each dyad
/// that shares passages word for word, weighted by the later's verbatim share. Exported like
/// the agency graph: DOT, GraphML, node-link JSON.
///
/// ```
/// use policy_align::{DiffusionGraph, Pipeline, corpus};
/// let docs: Vec<_> = corpus::BUNDLED.iter().map(|b| b.parse().unwrap()).collect();
/// let d = Pipeline::new().diffuse(docs, None).unwrap();
/// let g = DiffusionGraph::new(d.diffusion());
/// assert_eq!(g.graph().node_count(), 2);
/// assert!(g.to_graphml().contains("xiangshan_2021_ip_protection_plan"));
/// ```
#[derive(Debug, Clone)]
pub struct DiffusionGraph {
    graph: DiGraph<DocumentRow, DiffusionEdge>,
}

impl DiffusionGraph {
    /// The graph of a study's tables.
    pub fn new(diffusion: &Diffusion) -> DiffusionGraph {
        let mut graph = DiGraph::new();
        let nodes: Vec<NodeIndex> = diffusion.documents.iter().map(|d| graph.add_node(d.clone())).collect();
        let node = |id: &str| diffusion.index_of(id).map(|i| nodes[i]);
        for (i, d) in diffusion.documents.iter().enumerate() {
            for cited in d.cites.iter().filter_map(|c| node(c)) {
                graph.add_edge(cited, nodes[i], DiffusionEdge::Citation);
            }
        }
        for d in diffusion.dyads.iter().filter(|d| d.verbatim_share > 0.0) {
            if let (Some(a), Some(b)) = (node(&d.earlier), node(&d.later)) {
                let edge = DiffusionEdge::Reuse {
                    verbatim_share: d.verbatim_share,
                    similarity: d.similarity,
                };
                graph.add_edge(a, b, edge);
            }
        }
        DiffusionGraph { graph }
    }

    /// The petgraph graph, for algorithms of its own.
    pub fn graph(&self) -> &DiGraph<DocumentRow, DiffusionEdge> {
        &self.graph
    }

    /// A node's label: its jurisdiction and date, or its id.
    fn label(d: &DocumentRow) -> String {
        match (&d.jurisdiction, &d.date) {
            (Some(j), Some(date)) => format!("{j} {date}"),
            (Some(j), None) => j.clone(),
            (None, Some(date)) => format!("{} {date}", d.id),
            (None, None) => d.id.clone(),
        }
    }

    /// DOT for Graphviz: documents as boxes ranked left to right, coloured by level; citations
    /// dashed, reuse edges as wide as their verbatim share.
    pub fn to_dot(&self) -> String {
        use petgraph::dot::{Config, Dot};
        let node_attrs = |_, (_, d): (NodeIndex, &DocumentRow)| -> String {
            let fill = match d.level.map(|l| l.as_str()) {
                Some("central") => "#f6d55c",
                Some("province") => "#ed553b",
                Some("prefecture") => "#3caea3",
                Some("county") => "#20639b",
                Some("township") => "#9b59b6",
                _ => "#bbbbbb",
            };
            format!(
                "label=\"{}\" tooltip=\"{}\" shape=box style=filled fillcolor=\"{fill}\" fontcolor=\"#ffffff\"",
                quote(&Self::label(d)),
                quote(&d.title)
            )
        };
        let edge_attrs = |_, e: petgraph::graph::EdgeReference<DiffusionEdge>| -> String {
            match e.weight() {
                DiffusionEdge::Citation => "style=dashed color=\"#555555\" label=\"cites\"".into(),
                DiffusionEdge::Reuse { verbatim_share, .. } => format!(
                    "color=\"#173f5f\" penwidth={:.1} label=\"{:.2}\"",
                    1.0 + 6.0 * verbatim_share,
                    verbatim_share
                ),
            }
        };
        let config = [
            Config::RankDir(petgraph::dot::RankDir::LR),
            Config::NodeNoLabel,
            Config::EdgeNoLabel,
        ];
        format!(
            "{}",
            Dot::with_attr_getters(&self.graph, &config, &edge_attrs, &node_attrs)
        )
    }

    /// Node-link JSON (networkx's `node_link_graph`, D3): nodes are the document rows (`id`,
    /// `title`, `date`, `level`, `jurisdiction`, …) with a `label`; links have `source`,
    /// `target`, `kind` and `weight` (and a reuse link its `verbatim_share` and `similarity`).
    pub fn to_node_link(&self) -> serde_json::Value {
        let nodes: Vec<serde_json::Value> = self
            .graph
            .node_weights()
            .map(|d| {
                let mut v = serde_json::to_value(d).expect("document rows serialize");
                v["label"] = Self::label(d).into();
                v
            })
            .collect();
        let links: Vec<serde_json::Value> = self
            .graph
            .edge_references()
            .map(|e| {
                let mut v = serde_json::to_value(e.weight()).expect("edges serialize");
                v["source"] = self.graph[e.source()].id.clone().into();
                v["target"] = self.graph[e.target()].id.clone().into();
                v["weight"] = e.weight().weight().into();
                v
            })
            .collect();
        serde_json::json!({ "directed": true, "multigraph": true, "graph": {}, "nodes": nodes, "links": links })
    }

    /// GraphML (Gephi, networkx): node attributes `kind` (`document`), `label`, `title`, `date`,
    /// `level`, `jurisdiction`, `province`; edge attributes `kind` and `weight`.
    pub fn to_graphml(&self) -> String {
        let mut w = GraphmlWriter::new(
            "diffusion",
            &[
                ("d0", "node", "kind", "string"),
                ("d1", "node", "label", "string"),
                ("d2", "node", "title", "string"),
                ("d3", "node", "date", "string"),
                ("d4", "node", "level", "string"),
                ("d5", "node", "jurisdiction", "string"),
                ("d6", "node", "province", "string"),
                ("d7", "edge", "kind", "string"),
                ("d8", "edge", "weight", "double"),
            ],
        );
        for d in self.graph.node_weights() {
            let label = Self::label(d);
            let data = [
                ("d0", Some("document")),
                ("d1", Some(label.as_str())),
                ("d2", Some(d.title.as_str())),
                ("d3", d.date.as_deref()),
                ("d4", d.level.map(|l| l.as_str())),
                ("d5", d.jurisdiction.as_deref()),
                ("d6", d.province.as_deref()),
            ];
            w.element("node", &[("id", &d.id)], &data);
        }
        for (k, e) in self.graph.edge_references().enumerate() {
            let (s, t) = (&self.graph[e.source()].id, &self.graph[e.target()].id);
            let weight = e.weight().weight().to_string();
            let data = [("d7", Some(e.weight().kind())), ("d8", Some(weight.as_str()))];
            w.element("edge", &[("id", &format!("e{k}")), ("source", s), ("target", t)], &data);
        }
        w.finish()
    }
}
