//! The graph's nodes and edges, and how it is built from a pair of documents or a corpus.

use crate::agency::{AgencyId, AgencyRegistry, AgencyStatus, DocumentAgencies};
use crate::align::{Alignment, CorpusAlignment};
use crate::document::{Document, Role};
use crate::error::{Error, Result};
use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::visit::EdgeRef;
use serde::Serialize;
use std::collections::BTreeMap;

/// A node of the policy graph.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[non_exhaustive]
pub enum Node {
    /// A policy document.
    Document {
        /// Its file or bundled name.
        name: String,
        /// Its id ([`document_ids`](crate::document_ids)): the file stem (`xiangshan` for
        /// `./corpus/xiangshan.txt`), never numeric, unique among the graph's documents: the
        /// node's id does not depend on how the path was typed.
        stem: String,
        /// Its jurisdiction (相山区), or its title when unknown.
        jurisdiction: String,
    },
    /// A measure of a document.
    Measure {
        /// Index of its document among the graph's documents.
        document: usize,
        /// The measure's id in its document.
        id: String,
        /// Its label as the document writes it (`(三)`, `第五条`).
        label: String,
        /// Its heading.
        title: String,
    },
    /// A canonical agency function, or a collective or unresolved body.
    Agency {
        /// The id (`court`, `collective:市直有关部门`, `unresolved:…`).
        id: AgencyId,
        /// Its Chinese name.
        name: String,
        /// Its English gloss.
        gloss: String,
        /// Resolved, collective or unresolved.
        status: AgencyStatus,
    },
}

impl Node {
    /// The node's id in exports: `doc:STEM`, `measure:DOC:ID` (`DOC` the document's index),
    /// `agency:ID`.
    pub fn key(&self) -> String {
        match self {
            Node::Document { stem, .. } => format!("doc:{stem}"),
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
            Node::Measure { label, title, .. } => format!("{label} {title}"),
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
/// Documents, measures and canonical agencies, linked.
#[derive(Debug, Clone)]
pub struct PolicyGraph {
    /// The petgraph graph.
    pub graph: DiGraph<Node, Edge>,
    pub(super) documents: Vec<NodeIndex>,
    pub(super) measures: Vec<Vec<NodeIndex>>,
    pub(super) agencies: BTreeMap<AgencyId, NodeIndex>,
}

impl PolicyGraph {
    /// The graph of a two-document comparison: documents 0 (left) and 1 (right) with their
    /// agencies, their measures, and the aligned pairs. Fails when the agencies are not their
    /// documents' or the alignment pairs measures the documents do not have.
    pub fn from_pair(
        registry: &AgencyRegistry,
        left: (&Document, &DocumentAgencies),
        right: (&Document, &DocumentAgencies),
        alignment: &Alignment,
    ) -> Result<PolicyGraph> {
        let docs = [left.0, right.0];
        let agencies = [left.1, right.1];
        for (doc, a) in docs.iter().zip(agencies) {
            a.check(doc)?;
        }
        for p in &alignment.pairs {
            let fits = |doc: &Document, i: usize, id: &str| doc.measures.get(i).is_some_and(|m| m.id == id);
            if !fits(left.0, p.left_index, &p.left) || !fits(right.0, p.right_index, &p.right) {
                return Err(Error::inconsistent(format!(
                    "pair {} ~ {} is not a pair of measures of {} and {}",
                    p.left, p.right, left.0.name, right.0.name
                )));
            }
        }
        let mut g = PolicyGraph::with_documents(&docs);
        g.add_responsibilities(registry, &docs, &agencies);
        for p in &alignment.pairs {
            let (l, r) = (g.measures[0][p.left_index], g.measures[1][p.right_index]);
            g.graph.add_edge(l, r, Edge::Aligned { score: p.score });
        }
        Ok(g)
    }

    /// The graph of a corpus: every document, and edges between the measures of each cluster
    /// (each member to the cluster's first member, weight 1). Fails when the lists differ in
    /// length, the agencies are not their documents', or a cluster names a measure the
    /// documents do not have.
    pub fn from_corpus(
        registry: &AgencyRegistry,
        docs: &[&Document],
        agencies: &[DocumentAgencies],
        corpus: &CorpusAlignment,
    ) -> Result<PolicyGraph> {
        DocumentAgencies::check_each(docs, agencies)?;
        let mut g = PolicyGraph::with_documents(docs);
        g.add_responsibilities(registry, docs, &agencies.iter().collect::<Vec<_>>());
        for c in &corpus.clusters {
            let mut nodes = Vec::with_capacity(c.members.len());
            for (d, id) in &c.members {
                let k = docs
                    .get(*d)
                    .and_then(|doc| doc.measures.iter().position(|m| &m.id == id))
                    .ok_or_else(|| {
                        Error::inconsistent(format!(
                            "cluster {} names measure {id} of document {d}, which is not there",
                            c.id
                        ))
                    })?;
                nodes.push(g.measures[*d][k]);
            }
            for &n in nodes.iter().skip(1) {
                g.graph.add_edge(nodes[0], n, Edge::Aligned { score: 1.0 });
            }
        }
        Ok(g)
    }

    /// An empty graph over documents (one Document node each, with their Measure nodes).
    fn with_documents(docs: &[&Document]) -> PolicyGraph {
        let mut graph = DiGraph::new();
        let mut documents = Vec::new();
        let mut measures = Vec::new();
        let names = crate::document::display_names(docs);
        let stems = crate::document::document_ids(docs);
        for (d, ((doc, jurisdiction), stem)) in docs.iter().zip(names).zip(stems).enumerate() {
            let dn = graph.add_node(Node::Document {
                name: doc.name.clone(),
                stem,
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
                        label: m.label.clone(),
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

    fn agency_node(&mut self, registry: &AgencyRegistry, id: &AgencyId, status: AgencyStatus) -> NodeIndex {
        if let Some(&n) = self.agencies.get(id) {
            return n;
        }
        let function = match id {
            AgencyId::Body(f) => registry.function(f),
            _ => None,
        };
        let (name, gloss) = match function {
            Some(f) => (f.name.clone(), f.gloss.clone()),
            None => (
                id.written_name().map_or_else(|| id.to_string(), str::to_owned),
                String::new(),
            ),
        };
        let n = self.graph.add_node(Node::Agency {
            id: id.clone(),
            name,
            gloss,
            status,
        });
        self.agencies.insert(id.clone(), n);
        n
    }

    /// Responsible edges from each measure to the agencies of its clause (agencies checked
    /// against their documents by the caller).
    fn add_responsibilities(&mut self, registry: &AgencyRegistry, docs: &[&Document], agencies: &[&DocumentAgencies]) {
        for (d, (doc, res)) in docs.iter().zip(agencies).enumerate() {
            for (k, (m, rs)) in doc.measures.iter().zip(&res.measures).enumerate() {
                let mn = self.measures[d][k];
                for (mention, r) in m.mentions().zip(rs) {
                    for id in r.keys() {
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

    /// Number of documents.
    pub fn documents(&self) -> usize {
        self.documents.len()
    }

    /// The label of document `d` (its jurisdiction, else its title), `None` out of range.
    pub fn document_label(&self, d: usize) -> Option<String> {
        self.documents.get(d).map(|&n| self.graph[n].label())
    }

    /// The heading of the measure `id` of document `d`, if there is one.
    pub fn measure_title(&self, d: usize, id: &str) -> Option<&str> {
        self.measures.get(d)?.iter().find_map(|&n| match &self.graph[n] {
            Node::Measure { id: mid, title, .. } if mid == id => Some(title.as_str()),
            _ => None,
        })
    }

    /// The agency node of an id.
    pub fn agency(&self, id: &AgencyId) -> Option<NodeIndex> {
        self.agencies.get(id).copied()
    }

    /// Agency ids, in id order.
    pub fn agency_ids(&self) -> impl Iterator<Item = &AgencyId> {
        self.agencies.keys()
    }

    /// The name of an agency (its function's Chinese name, or the name written), or its id
    /// when the graph has no such agency.
    pub fn agency_name(&self, id: &AgencyId) -> String {
        self.agency(id)
            .map_or_else(|| id.to_string(), |n| self.graph[n].label())
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
