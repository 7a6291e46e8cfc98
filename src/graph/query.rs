//! What researchers of policy networks ask of the graph: load, shared and unique agencies,
//! changes between aligned measures, co-responsibility, centrality, measures without a body.

use super::model::{Edge, Node, PolicyGraph};
use crate::agency::{AgencyId, AgencyStatus};
use crate::document::Role;
use crate::error::{Error, Result};
use petgraph::Direction;
use petgraph::graph::{NodeIndex, UnGraph};
use petgraph::visit::EdgeRef;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

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
    /// No measure names it.
    pub const ZERO: Load = Load {
        lead: 0,
        supporting: 0,
        responsible: 0,
    };

    /// All measures that name it.
    pub fn total(&self) -> usize {
        self.lead + self.supporting + self.responsible
    }
}

/// One agency's load across the documents of a graph, kept only for the documents that name it
/// (so that a corpus's load grows with its mentions, not with documents × agencies).
/// `load[d]` is its load in document `d`, [`Load::ZERO`] where it is not named.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct AgencyLoad {
    /// How many documents the graph has.
    pub documents: usize,
    /// `(document index, load)` for each document that names it, in document order.
    pub named: Vec<(usize, Load)>,
}

impl AgencyLoad {
    /// Its load in document `d` ([`Load::ZERO`] where it is not named).
    pub fn get(&self, d: usize) -> &Load {
        match self.named.binary_search_by_key(&d, |n| n.0) {
            Ok(k) => &self.named[k].1,
            Err(_) => &Load::ZERO,
        }
    }

    /// Its load in every document, in order: a row of the load matrix, for reports that print it.
    pub fn iter(&self) -> impl Iterator<Item = &Load> {
        (0..self.documents).map(|d| self.get(d))
    }

    /// All measures that name it, in every document.
    pub fn total(&self) -> usize {
        self.named.iter().map(|(_, l)| l.total()).sum()
    }
}

impl std::ops::Index<usize> for AgencyLoad {
    type Output = Load;

    fn index(&self, d: usize) -> &Load {
        self.get(d)
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
    pub added: Vec<AgencyId>,
    /// Agencies on the left only.
    pub dropped: Vec<AgencyId>,
}

/// An agency's centrality.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Centrality {
    /// The agency id.
    pub agency: AgencyId,
    /// Measures (of all documents) that name it.
    pub measures: usize,
    /// Distinct agencies it shares a measure with.
    pub partners: usize,
    /// PageRank in the co-responsibility network (damping 0.85).
    pub pagerank: f64,
}

impl PolicyGraph {
    /// The agencies measure `measure` (its index) of document `document` names, in id order.
    /// Fails when the graph has no such measure.
    pub fn agencies_of(&self, document: usize, measure: usize) -> Result<Vec<AgencyId>> {
        let node = self
            .measures
            .get(document)
            .and_then(|ms| ms.get(measure))
            .ok_or_else(|| Error::inconsistent(format!("the graph has no measure {measure} in document {document}")))?;
        Ok(self.agencies_of_node(*node))
    }

    /// The agencies a measure node names, in id order.
    fn agencies_of_node(&self, node: NodeIndex) -> Vec<AgencyId> {
        let mut ids: Vec<AgencyId> = self
            .graph
            .edges_directed(node, Direction::Outgoing)
            .filter_map(|e| match (e.weight(), &self.graph[e.target()]) {
                (Edge::Responsible { .. }, Node::Agency { id, .. }) => Some(id.clone()),
                _ => None,
            })
            .collect();
        ids.sort();
        ids
    }

    /// Each agency's load per document: `load[agency][document]`, kept for the documents that
    /// name it ([`AgencyLoad`]).
    pub fn load(&self) -> BTreeMap<AgencyId, AgencyLoad> {
        let mut out: BTreeMap<AgencyId, AgencyLoad> = BTreeMap::new();
        for (id, &an) in &self.agencies {
            let mut named: BTreeMap<usize, Load> = BTreeMap::new();
            for e in self.graph.edges_directed(an, Direction::Incoming) {
                if let (Edge::Responsible { role }, Node::Measure { document, .. }) =
                    (e.weight(), &self.graph[e.source()])
                {
                    let l = named.entry(*document).or_default();
                    match role {
                        Role::Lead => l.lead += 1,
                        Role::Supporting => l.supporting += 1,
                        _ => l.responsible += 1,
                    }
                }
            }
            let load = AgencyLoad {
                documents: self.documents.len(),
                named: named.into_iter().collect(),
            };
            out.insert(id.clone(), load);
        }
        out
    }

    /// The resolved agencies every document names.
    pub fn shared_by_all(&self) -> Vec<AgencyId> {
        self.load()
            .into_iter()
            .filter(|(id, l)| self.is_resolved(id) && l.named.len() == l.documents)
            .map(|(id, _)| id)
            .collect()
    }

    /// For each document, the resolved agencies that only it names.
    pub fn unique_to_one(&self) -> Vec<Vec<AgencyId>> {
        let mut out = vec![Vec::new(); self.documents.len()];
        for (id, l) in self.load() {
            if let [(d, _)] = l.named[..]
                && self.is_resolved(&id)
                && let Some(unique) = out.get_mut(d)
            {
                unique.push(id);
            }
        }
        out
    }

    fn is_resolved(&self, id: &AgencyId) -> bool {
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
                let (Node::Measure { id: lid, .. }, Node::Measure { id: rid, .. }) =
                    (&self.graph[e.source()], &self.graph[e.target()])
                else {
                    continue;
                };
                let (l, r): (BTreeSet<AgencyId>, BTreeSet<AgencyId>) = (
                    self.agencies_of_node(e.source()).into_iter().collect(),
                    self.agencies_of_node(e.target()).into_iter().collect(),
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
    pub fn co_responsibility(&self) -> UnGraph<AgencyId, u32> {
        let mut net: UnGraph<AgencyId, u32> = UnGraph::new_undirected();
        let nodes: BTreeMap<&AgencyId, NodeIndex> =
            self.agencies.keys().map(|id| (id, net.add_node(id.clone()))).collect();
        let mut weights: BTreeMap<(NodeIndex, NodeIndex), u32> = BTreeMap::new();
        for &m in self.measures.iter().flatten() {
            let ids = self.agencies_of_node(m);
            for i in 0..ids.len() {
                for j in i + 1..ids.len() {
                    *weights.entry((nodes[&ids[i]], nodes[&ids[j]])).or_default() += 1;
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
}
