//! Graphviz DOT, for graphs.

use super::view::{DiffusionReport, Renderer};
use crate::error::Result;
use crate::graph::PolicyGraph;

/// DOT for Graphviz ([`PolicyGraph::to_dot`], and the diffusion graph of a study):
/// `… | sfdp -Tsvg > graph.svg`.
#[derive(Debug, Clone, Copy, Default)]
pub struct DotRenderer;

impl Renderer for DotRenderer {
    fn format(&self) -> &'static str {
        "dot"
    }

    fn graph(&self, graph: &PolicyGraph) -> Result<String> {
        Ok(graph.to_dot())
    }

    /// The diffusion graph ([`DiffusionGraph::to_dot`](crate::DiffusionGraph::to_dot)).
    fn diffusion(&self, report: &DiffusionReport) -> Result<String> {
        Ok(report.graph().to_dot())
    }
}
