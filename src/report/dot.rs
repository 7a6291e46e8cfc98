//! Graphviz DOT, for graphs.

use super::view::Renderer;
use crate::error::Result;
use crate::graph::PolicyGraph;

/// DOT for Graphviz ([`PolicyGraph::to_dot`]): `… | sfdp -Tsvg > graph.svg`.
#[derive(Debug, Clone, Copy, Default)]
pub struct DotRenderer;

impl Renderer for DotRenderer {
    fn format(&self) -> &'static str {
        "dot"
    }

    fn graph(&self, graph: &PolicyGraph) -> Result<String> {
        Ok(graph.to_dot())
    }
}
