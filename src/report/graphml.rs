//! GraphML, for graphs.

use super::view::{DiffusionReport, Renderer};
use crate::error::Result;
use crate::graph::PolicyGraph;

/// GraphML for Gephi, networkx and yEd ([`PolicyGraph::to_graphml`], and the diffusion graph of a
/// study).
#[derive(Debug, Clone, Copy, Default)]
pub struct GraphmlRenderer;

impl Renderer for GraphmlRenderer {
    fn format(&self) -> &'static str {
        "graphml"
    }

    fn graph(&self, graph: &PolicyGraph) -> Result<String> {
        Ok(graph.to_graphml())
    }

    /// The diffusion graph ([`DiffusionGraph::to_graphml`](crate::DiffusionGraph::to_graphml)).
    fn diffusion(&self, report: &DiffusionReport) -> Result<String> {
        Ok(report.graph().to_graphml())
    }
}
