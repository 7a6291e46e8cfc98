//! GraphML, for graphs.

use super::view::Renderer;
use crate::error::Result;
use crate::graph::PolicyGraph;

/// GraphML for Gephi, networkx and yEd ([`PolicyGraph::to_graphml`]).
#[derive(Debug, Clone, Copy, Default)]
pub struct GraphmlRenderer;

impl Renderer for GraphmlRenderer {
    fn format(&self) -> &'static str {
        "graphml"
    }

    fn graph(&self, graph: &PolicyGraph) -> Result<String> {
        Ok(graph.to_graphml())
    }
}
