//! Text and Markdown: outlines, comparison and corpus tables, and the graph's query results.

use super::outline::{outline, pad, side_by_side};
use super::text_style::{TextRenderer, wrapped};
use super::view::{
    ComparisonReport, CorpusReport, DiffusionReport, DocumentReport, Renderer, count, percent, side_names,
};
use crate::agency::{AgencyId, AgencyIdentity};
use crate::align::LinkKind;
use crate::error::Result;
use crate::graph::{AgencyLoad, Node, PolicyGraph};
use std::fmt::Write as _;

impl TextRenderer {
    /// The title lines and the summary of a comparison.
    fn comparison_head(&self, out: &mut String, r: &ComparisonReport, ln: &str, rn: &str) {
        let a = r.alignment;
        let s = r.summary();
        if self.markdown {
            let _ = writeln!(out, "# {ln} ~ {rn}\n");
        } else {
            let _ = writeln!(out, "{ln} ~ {rn}");
        }
        let _ = writeln!(out, "{}: {}", ln, r.left.meta.title);
        let _ = writeln!(out, "{}: {}", rn, r.right.meta.title);
        let pairs = count(a.pairs.len(), "pair");
        let mean = if a.pairs.is_empty() {
            String::new()
        } else {
            format!(", mean score {:.3}", s.mean)
        };
        let _ = writeln!(out, "{pairs} ({}, threshold {}){mean}", a.strategy, a.threshold);
        for (name, matched, doc) in [(ln, s.left_matched, r.left), (rn, s.right_matched, r.right)] {
            let _ = writeln!(
                out,
                "{name}: {matched} of {} matched ({})",
                count(doc.measures.len(), "measure"),
                percent(matched, doc.measures.len())
            );
        }
        let many = a.pairs.iter().filter(|p| p.kind != LinkKind::OneToOne).count();
        if many > 0 {
            let _ = writeln!(
                out,
                "{many} of the pairs are links of merges (N:1: several measures of {ln} in one of {rn}) or splits (1:N)"
            );
        }
        if let Some(line) = r.many_to_one_note(ln, rn) {
            let _ = writeln!(out, "{line}");
        }
    }

    /// The agency cross-walk of a comparison.
    fn crosswalk(&self, out: &mut String, r: &ComparisonReport, ln: &str, rn: &str) {
        let w = r.crosswalk;
        let by = match w.identity {
            AgencyIdentity::Body => " (by kind of body)",
            _ => "",
        };
        self.heading(out, 2, &format!("Agencies{by}"));
        let counts = r.agency_counts(ln, rn);
        let mut chars = counts.chars();
        let first = chars
            .next()
            .map(|c| c.to_uppercase().collect::<String>())
            .unwrap_or_default();
        wrapped(out, &format!("{first}{}", chars.as_str()));
        let mut t = self.table(&["", "agency", ln, rn]);
        for (side, row) in r.crosswalk_rows() {
            let name = if row.gloss.is_empty() {
                row.name.clone()
            } else {
                format!("{} {}", row.name, row.id)
            };
            t.add_row(vec![
                side.to_owned(),
                self.cell(&name),
                self.cell(&row.left.join("、")),
                self.cell(&row.right.join("、")),
            ]);
        }
        let _ = writeln!(out, "{t}");
        // Bodies a reform dissolved, and what took them over.
        for s in w.successions() {
            let _ = writeln!(out, "Reformed: {s}");
        }
        for row in w.unresolved() {
            let names: Vec<&str> = row.left.iter().chain(&row.right).map(String::as_str).collect();
            let _ = writeln!(
                out,
                "Not in the agency table: {}{}",
                names.join("、"),
                closest(&row.candidates)
            );
        }
    }
}

impl Renderer for TextRenderer {
    fn format(&self) -> &'static str {
        if self.markdown { "markdown" } else { "text" }
    }

    /// Outlines, separated by a rule (text only).
    fn documents(&self, documents: &[DocumentReport]) -> Result<String> {
        if self.markdown {
            return Err(self.unsupported("documents"));
        }
        Ok(documents
            .iter()
            .map(|d| outline(d.document) + &unresolved(d))
            .collect::<Vec<_>>()
            .join(&format!("\n{}\n\n", "=".repeat(72))))
    }

    fn comparison(&self, r: &ComparisonReport) -> Result<String> {
        let (ln, rn) = side_names(r.left, r.right);
        let a = r.alignment;
        let mut out = String::new();
        if self.outlines && !self.markdown {
            out = format!("{}\n", side_by_side(r.left, r.right, 60));
        }
        self.comparison_head(&mut out, r, &ln, &rn);
        self.heading(&mut out, 2, "Aligned measures");
        let mut t = self.table(&[&ln, &rn, "score", "p", "shared terms"]);
        for p in &a.pairs {
            let (l, m) = r.pair(p)?;
            let score = match p.kind {
                LinkKind::OneToOne => format!("{:.3}", p.score),
                kind => format!("{:.3} {}", p.score, kind.as_str()),
            };
            t.add_row(vec![
                self.cell(&format!("{} {}", l.label, l.title)),
                self.cell(&format!("{} {}", m.label, m.title)),
                score,
                p_value(p.p_value),
                self.cell(&p.shared_terms.iter().take(4).cloned().collect::<Vec<_>>().join(" ")),
            ]);
        }
        let _ = writeln!(out, "{t}");
        for (name, doc, ids) in [(&ln, r.left, &a.unmatched_left), (&rn, r.right, &a.unmatched_right)] {
            self.heading(&mut out, 2, &format!("Only in {name} ({})", ids.len()));
            for m in ids.iter().filter_map(|id| doc.measure(id)) {
                let bullet = if self.markdown { "- " } else { "  " };
                let _ = writeln!(out, "{bullet}{} {}", m.label, m.title);
            }
        }
        self.crosswalk(&mut out, r, &ln, &rn);
        Ok(out)
    }

    /// Documents, the adoption matrix and additions (with a reference), dyads, the longest
    /// copied passages.
    fn diffusion(&self, r: &DiffusionReport) -> Result<String> {
        Ok(super::diffusion::diffusion_text(self, r))
    }

    fn corpus(&self, r: &CorpusReport) -> Result<String> {
        let mut out = String::new();
        let names: Vec<String> = crate::document::display_names(&r.documents);
        let n = r.documents.len();
        let multi = r.corpus.clusters.iter().filter(|c| c.members.len() > 1).count();
        if self.markdown {
            let _ = writeln!(out, "# Corpus of {n} documents\n");
        }
        let _ = writeln!(
            out,
            "{}, {}, {}",
            count(n, "document"),
            count(r.documents.iter().map(|d| d.measures.len()).sum::<usize>(), "measure"),
            count(r.corpus.clusters.len(), "cluster"),
        );
        let _ = writeln!(
            out,
            "{multi} with measures of two documents or more, {} shared by all",
            r.corpus.shared_by_all().count()
        );
        self.heading(&mut out, 2, "Coverage: clusters of equivalent measures × jurisdictions");
        let mut header: Vec<&str> = vec!["cluster", "heading", "n"];
        header.extend(names.iter().map(String::as_str));
        let mut t = self.table(&header);
        for (k, c) in r.corpus.clusters.iter().enumerate() {
            let row = r.corpus.coverage_row(k);
            let mut cells = vec![c.id.clone(), self.cell(&c.title), c.members.len().to_string()];
            // The measure as its document numbers it (`(三)`, `第五条`); ids stay in CSV and JSON.
            cells.extend(row.into_iter().zip(&r.documents).map(|(m, d)| {
                m.map_or_else(
                    || "·".into(),
                    |id| d.measure(id).map_or_else(|| id.to_owned(), |x| x.label.clone()),
                )
            }));
            t.add_row(cells);
        }
        let _ = writeln!(out, "{t}");
        self.heading(
            &mut out,
            2,
            "Agency load across jurisdictions (measures naming each agency)",
        );
        let mut header: Vec<&str> = vec!["agency"];
        header.extend(names.iter().map(String::as_str));
        let mut t = self.table(&header);
        for (id, l) in by_load(&r.graph.load()) {
            let mut cells = vec![self.cell(&id.to_string())];
            cells.extend(l.iter().map(|x| {
                if x.total() == 0 {
                    "·".into()
                } else {
                    x.total().to_string()
                }
            }));
            t.add_row(cells);
        }
        let _ = writeln!(out, "{t}");
        Ok(out)
    }

    /// The graph's query results as tables (text only).
    fn graph(&self, graph: &PolicyGraph) -> Result<String> {
        if self.markdown {
            return Err(self.unsupported("a graph"));
        }
        let mut out = String::new();
        graph_load(&mut out, graph);
        graph_changes(&mut out, graph);
        graph_centrality(&mut out, graph);
        let none = graph.without_responsible_body();
        let _ = writeln!(out, "\nMeasures with no responsible body ({}):", none.len());
        for (d, id) in none {
            let title = graph.measure_title(d, &id).unwrap_or("");
            let _ = writeln!(out, "  {} {id} {title}", graph.document_label(d).unwrap_or_default());
        }
        Ok(out)
    }
}

/// Agencies by load, heaviest first, then by id.
fn by_load(load: &std::collections::BTreeMap<AgencyId, AgencyLoad>) -> Vec<(&AgencyId, &AgencyLoad)> {
    let mut rows: Vec<(&AgencyId, &AgencyLoad)> = load.iter().collect();
    rows.sort_by_key(|(id, l)| (std::cmp::Reverse(l.total()), *id));
    rows
}

/// The graph's size and each agency's load per document.
fn graph_load(out: &mut String, graph: &PolicyGraph) {
    let measures = graph
        .graph
        .node_weights()
        .filter(|n| matches!(n, Node::Measure { .. }))
        .count();
    let _ = writeln!(
        out,
        "Policy graph: {}, {}, {}, {}",
        count(graph.documents(), "document"),
        count(measures, "measure"),
        count(graph.agency_ids().count(), "agency"),
        count(graph.graph.edge_count(), "edge")
    );
    let _ = writeln!(out, "\nLoad: measures naming each agency (lead/supporting/responsible)");
    let mut header = format!("  {}{}", pad("agency", 24), pad("", 22));
    for d in 0..graph.documents() {
        header += &pad(&graph.document_label(d).unwrap_or_default(), 16);
    }
    let _ = writeln!(out, "{}", header.trim_end());
    for (id, per_doc) in by_load(&graph.load()) {
        let mut line = format!("  {}{}", pad(&id.to_string(), 24), pad(&graph.agency_name(id), 22));
        for l in per_doc.iter() {
            let cell = if l.total() == 0 {
                "-".to_owned()
            } else {
                format!("{} ({}/{}/{})", l.total(), l.lead, l.supporting, l.responsible)
            };
            line += &pad(&cell, 16);
        }
        let _ = writeln!(out, "{}", line.trim_end());
    }
}

/// Agencies shared by all and unique to one document, and the changes between aligned measures.
fn graph_changes(out: &mut String, graph: &PolicyGraph) {
    let join = |ids: &[AgencyId]| ids.iter().map(ToString::to_string).collect::<Vec<_>>().join(", ");
    wrapped(
        out,
        &format!("Shared by all documents: {}", join(&graph.shared_by_all())),
    );
    for (d, ids) in graph.unique_to_one().iter().enumerate() {
        let line = format!(
            "Only in {}: {}",
            graph.document_label(d).unwrap_or_default(),
            if ids.is_empty() { "-".into() } else { join(ids) }
        );
        wrapped(out, &line);
    }
    let changes: Vec<_> = graph
        .agency_changes()
        .into_iter()
        .filter(|c| !c.added.is_empty() || !c.dropped.is_empty())
        .collect();
    if !changes.is_empty() {
        let _ = writeln!(
            out,
            "\nAligned measures whose responsible bodies differ (+ added, - dropped):"
        );
        // Measures as their documents number and name them; ids stay in the JSON.
        let name = |d: usize, id: &str| -> String {
            graph
                .graph
                .node_weights()
                .find_map(|n| match n {
                    Node::Measure {
                        document,
                        id: m,
                        label,
                        title,
                    } if *document == d && m == id => Some(format!("{label} {title}")),
                    _ => None,
                })
                .unwrap_or_else(|| id.to_owned())
        };
        for c in changes {
            let mut parts: Vec<String> = c.added.iter().map(|a| format!("+{a}")).collect();
            parts.extend(c.dropped.iter().map(|a| format!("-{a}")));
            let _ = writeln!(out, "  {} ~ {}", name(0, &c.left), name(1, &c.right));
            wrapped(out, &format!("    {}", parts.join(" ")));
        }
    }
}

/// The fifteen most central agencies.
fn graph_centrality(out: &mut String, graph: &PolicyGraph) {
    let _ = writeln!(out, "\nCentrality (co-responsibility network):");
    let _ = writeln!(
        out,
        "  {}{}measures  partners  pagerank",
        pad("agency", 24),
        pad("", 22)
    );
    for c in graph.centrality().iter().take(15) {
        let _ = writeln!(
            out,
            "  {}{}{:>8}  {:>8}  {:>8.4}",
            pad(&c.agency.to_string(), 24),
            pad(&graph.agency_name(&c.agency), 22),
            c.measures,
            c.partners,
            c.pagerank
        );
    }
}

/// A p-value in a few characters: `<0.001`, or three decimals.
fn p_value(p: f64) -> String {
    if p < 0.001 {
        "<0.001".to_owned()
    } else {
        format!("{p:.3}")
    }
}

/// `(closest: a, b)` for the candidates of an unresolved body; empty without any.
fn closest(candidates: &[String]) -> String {
    if candidates.is_empty() {
        String::new()
    } else {
        format!(" (closest: {})", candidates.join(", "))
    }
}

/// The mentions of a document that no rule resolved, each once, with the closest kinds of
/// body: listed, never dropped. Empty when all resolved or agencies were not resolved.
fn unresolved(d: &DocumentReport) -> String {
    let Some(agencies) = d.agencies else {
        return String::new();
    };
    let mut out = String::new();
    let mut seen: Vec<&str> = Vec::new();
    for (m, r) in agencies.mentions_unchecked(d.document) {
        if r.status == crate::agency::AgencyStatus::Unresolved && !seen.contains(&m.text.as_str()) {
            seen.push(&m.text);
            let _ = writeln!(out, "  {} → {}{}", m.text, r.agency, closest(&r.candidates));
        }
    }
    if out.is_empty() {
        out
    } else {
        format!("\nNot in the agency table (each kept under its own id):\n{out}")
    }
}
