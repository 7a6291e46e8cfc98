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
//!
//! A [`DiffusionGraph`] links documents instead: citations and text reuse, earlier to later.

mod diffusion;
mod export;
mod model;
mod query;

pub use diffusion::{DiffusionEdge, DiffusionGraph};
pub use export::{GraphmlEdge, GraphmlNode, read_graphml};
pub use model::{Edge, Node, PolicyGraph};
pub use query::{AgencyChange, AgencyLoad, Centrality, Load};
