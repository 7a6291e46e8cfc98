//! One self-contained HTML file: no scripts, fonts or images from the network.

use super::html_page::{escape, page};
use super::view::{ComparisonReport, CorpusReport, DiffusionReport, Renderer, side_names};
use crate::agency::AgencyStatus;
use crate::document::Measure;
use crate::error::Result;
use crate::graph::{Edge, Node, PolicyGraph};
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// HTML for sharing and for looking at: the two documents side by side with shared terms
/// highlighted, score bars, unmatched measures, the agency cross-walk and the agency graph as
/// inline SVG (comparison); a coverage heatmap and agency load (corpus).
#[derive(Debug, Clone, Copy, Default)]
pub struct HtmlRenderer;

/// Escapes text and wraps every occurrence of the terms in `<mark>`, longest term first.
fn highlight(text: &str, terms: &[String]) -> String {
    let mut terms: Vec<&str> = terms.iter().map(String::as_str).filter(|t| !t.is_empty()).collect();
    terms.sort_by_key(|t| std::cmp::Reverse(t.len()));
    let mut out = String::new();
    let mut plain = String::new();
    let mut i = 0;
    while i < text.len() {
        if let Some(t) = terms.iter().find(|t| text[i..].starts_with(**t)) {
            out.push_str(&escape(&plain));
            plain.clear();
            let _ = write!(out, "<mark>{}</mark>", escape(t));
            i += t.len();
        } else {
            let c = text[i..].chars().next().expect("i is on a char boundary");
            plain.push(c);
            i += c.len_utf8();
        }
    }
    out.push_str(&escape(&plain));
    out
}

fn measure_card(class: &str, m: &Measure, terms: &[String]) -> String {
    let agencies: Vec<String> = m.mentions().map(|x| escape(&x.text)).collect();
    let agencies = if agencies.is_empty() {
        String::new()
    } else {
        format!("<div class=\"agencies\">{}</div>", agencies.join("、"))
    };
    format!(
        "<div class=\"card {class}\"><h3>{} {}</h3><p>{}</p>{agencies}</div>",
        escape(&m.label),
        highlight(&m.title, terms),
        highlight(&m.text, terms)
    )
}

/// The agency graph as SVG: the left document's measures on the left, the right one's on the
/// right, agencies in the middle sized by how many measures name them; lines for
/// responsibilities, dark lines across for aligned pairs.
fn graph_svg(graph: &PolicyGraph) -> String {
    let g = &graph.graph;
    let mut cols: [Vec<petgraph::graph::NodeIndex>; 3] = [Vec::new(), Vec::new(), Vec::new()];
    let mut degree: BTreeMap<petgraph::graph::NodeIndex, usize> = BTreeMap::new();
    for n in g.node_indices() {
        match &g[n] {
            Node::Measure { document, .. } => cols[if *document == 0 { 0 } else { 2 }].push(n),
            Node::Agency { .. } => {
                degree.insert(n, g.neighbors_directed(n, petgraph::Direction::Incoming).count());
                cols[1].push(n);
            }
            _ => {}
        }
    }
    cols[1].sort_by_key(|n| std::cmp::Reverse(degree[n]));
    let rows = cols.iter().map(Vec::len).max().unwrap_or(1).max(1);
    let (width, row_h) = (960.0, 20.0);
    let height = rows as f64 * row_h + 40.0;
    let xs = [170.0, width / 2.0, width - 170.0];
    let mut pos: BTreeMap<petgraph::graph::NodeIndex, (f64, f64)> = BTreeMap::new();
    for (c, col) in cols.iter().enumerate() {
        let step = (height - 40.0) / col.len().max(1) as f64;
        for (k, &n) in col.iter().enumerate() {
            pos.insert(n, (xs[c], 20.0 + step * (k as f64 + 0.5)));
        }
    }
    let mut svg =
        format!("<svg viewBox=\"0 0 {width} {height}\" width=\"100%\" role=\"img\" aria-label=\"agency graph\">\n");
    for e in g.edge_indices() {
        let Some((a, b)) = g.edge_endpoints(e) else {
            continue;
        };
        let (Some(&(x1, y1)), Some(&(x2, y2))) = (pos.get(&a), pos.get(&b)) else {
            continue;
        };
        let style = match g[e] {
            Edge::Aligned { .. } => "stroke=\"#173f5f\" stroke-width=\"1.2\" stroke-opacity=\"0.5\"",
            _ => "stroke=\"#20639b\" stroke-width=\"0.6\" stroke-opacity=\"0.25\"",
        };
        let _ = writeln!(
            svg,
            "<line x1=\"{x1:.1}\" y1=\"{y1:.1}\" x2=\"{x2:.1}\" y2=\"{y2:.1}\" {style}/>"
        );
    }
    for (&n, &(x, y)) in &pos {
        draw_node(&mut svg, &g[n], (x, y), degree.get(&n).copied().unwrap_or(0));
    }
    svg.push_str("</svg>\n");
    svg
}

/// One node of the SVG graph: a measure (dot and label, left or right) or an agency (a disc
/// sized by the measures that name it).
fn draw_node(svg: &mut String, node: &Node, (x, y): (f64, f64), degree: usize) {
    match node {
        Node::Measure {
            document, label, title, ..
        } => {
            let anchor = if *document == 0 { "end" } else { "start" };
            let dx = if *document == 0 { -6.0 } else { 6.0 };
            // A long heading is cut with an ellipsis; the whole of it is the tooltip.
            let short: String = if title.chars().count() > 12 {
                title.chars().take(11).chain(std::iter::once('…')).collect()
            } else {
                title.clone()
            };
            let fill = if *document == 0 { "#20639b" } else { "#ed553b" };
            let _ = writeln!(
                svg,
                "<g><title>{} {}</title><circle cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"3\" fill=\"{fill}\"/><text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"{anchor}\">{} {}</text></g>",
                escape(label),
                escape(title),
                x + dx,
                y + 3.0,
                escape(label),
                escape(&short)
            );
        }
        Node::Agency { name, status, .. } => {
            let r = (3.0 + (degree as f64).sqrt() * 1.2).min(9.0);
            let fill = if *status == AgencyStatus::Resolved {
                "#3caea3"
            } else {
                "#bbbbbb"
            };
            let _ = writeln!(
                svg,
                "<g><title>{}: named by {degree} measures</title><circle cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"{r:.1}\" fill=\"{fill}\"/><text x=\"{:.1}\" y=\"{:.1}\" stroke=\"#fff\" stroke-width=\"3\" paint-order=\"stroke\">{} {}</text></g>",
                escape(name),
                x + r + 3.0,
                y + 3.0,
                escape(name),
                degree
            );
        }
        Node::Document { .. } => {}
    }
}

impl HtmlRenderer {
    /// The header of a comparison: titles and summary figures.
    fn comparison_head(b: &mut String, r: &ComparisonReport, ln: &str, rn: &str) {
        let a = r.alignment;
        let s = r.summary();
        let _ = writeln!(b, "<h1>{} ~ {}</h1>", escape(ln), escape(rn));
        // Each document's title, number and date, as a reader cites it.
        let cite = |d: &crate::document::Document| {
            let mut parts = vec![escape(&d.meta.title)];
            parts.extend(d.meta.doc_number.as_deref().map(escape));
            parts.extend(d.meta.date.as_deref().map(escape));
            parts.join(" · ")
        };
        let _ = writeln!(
            b,
            "<p>{}: {}<br>{}: {}</p>",
            escape(ln),
            cite(r.left),
            escape(rn),
            cite(r.right)
        );
        let _ = writeln!(
            b,
            "<div class=\"summary\"><div class=\"stat\"><b>{}</b>pairs ({}, threshold {})</div><div class=\"stat\"><b>{}/{}</b>{} measures matched</div><div class=\"stat\"><b>{}/{}</b>{} measures matched</div><div class=\"stat\"><b>{:.3}</b>mean score</div></div>",
            a.pairs.len(),
            a.strategy,
            a.threshold,
            s.left_matched,
            r.left.measures.len(),
            escape(ln),
            s.right_matched,
            r.right.measures.len(),
            escape(rn),
            s.mean
        );
    }

    /// The agency cross-walk as a table.
    fn crosswalk(b: &mut String, r: &ComparisonReport, ln: &str, rn: &str) {
        let w = r.crosswalk;
        let _ = writeln!(
            b,
            "<h2>Agencies {}</h2><table><tr><th></th><th>agency</th><th>{}</th><th>{}</th></tr>",
            escape(&r.agency_counts(ln, rn)),
            escape(ln),
            escape(rn)
        );
        for (side, row) in r.crosswalk_rows() {
            let gloss = if row.gloss.is_empty() {
                String::new()
            } else {
                format!("<br><small>{}</small>", escape(&row.gloss))
            };
            let _ = writeln!(
                b,
                "<tr><td>{side}</td><td>{}{gloss}</td><td>{}</td><td>{}</td></tr>",
                escape(&row.name),
                escape(&row.left.join("、")),
                escape(&row.right.join("、"))
            );
        }
        b.push_str("</table>\n");
        for s in w.successions() {
            let _ = writeln!(b, "<p>Reformed: {}</p>", escape(&s.to_string()));
        }
    }

    /// The coverage heatmap of a corpus.
    fn coverage(b: &mut String, r: &CorpusReport, names: &[String]) {
        let _ = writeln!(
            b,
            "<h2>Coverage: clusters × jurisdictions</h2><table class=\"heat\"><tr><th>cluster</th><th>heading</th>"
        );
        for n in names {
            let _ = write!(b, "<th>{}</th>", escape(n));
        }
        b.push_str("</tr>\n");
        for (k, c) in r.corpus.clusters.iter().enumerate() {
            let row = r.corpus.coverage_row(k);
            let _ = write!(b, "<tr><td>{}</td><td>{}</td>", escape(&c.id), escape(&c.title));
            let share = c.members.len() as f64 / names.len().max(1) as f64;
            for (m, doc) in row.into_iter().zip(&r.documents) {
                match m.and_then(|id| doc.measure(id)) {
                    // The measure as its document numbers it, its heading and id as the tooltip.
                    Some(measure) => {
                        let _ = write!(
                            b,
                            "<td class=\"c\" style=\"background: rgba(60,174,163,{:.2})\" title=\"{} {} ({})\">{}</td>",
                            0.25 + 0.75 * share,
                            escape(&measure.label),
                            escape(&measure.title),
                            escape(&measure.id),
                            escape(&measure.label)
                        );
                    }
                    None => b.push_str("<td class=\"c\"></td>"),
                }
            }
            b.push_str("</tr>\n");
        }
        b.push_str("</table>\n");
        b.push_str(
            "<p class=\"legend\">Each row is a cluster of equivalent measures, each column a document; a cell holds the document's own label of its measure (hover for its heading). The darker the cell, the more documents share the cluster: <span style=\"background: rgba(60,174,163,0.25)\">&nbsp;one&nbsp;</span> … <span style=\"background: rgba(60,174,163,1)\">&nbsp;all&nbsp;</span>.</p>\n",
        );
    }

    /// The agency load of a corpus as a shaded table.
    fn load(b: &mut String, r: &CorpusReport, names: &[String]) {
        b.push_str("<h2>Agency load across jurisdictions</h2><table><tr><th>agency</th>");
        for n in names {
            let _ = write!(b, "<th>{}</th>", escape(n));
        }
        b.push_str("</tr>\n");
        let load = r.graph.load();
        let max = load
            .values()
            .flat_map(|l| l.named.iter().map(|(_, x)| x.total()))
            .max()
            .unwrap_or(1)
            .max(1);
        for (id, l) in &load {
            let _ = write!(b, "<tr><td>{}</td>", escape(&r.graph.agency_name(id)));
            for x in l.iter() {
                let t = x.total();
                let _ = write!(
                    b,
                    "<td class=\"c\" style=\"background: rgba(32,99,155,{:.2})\">{}</td>",
                    t as f64 / max as f64 * 0.8,
                    if t == 0 { String::new() } else { t.to_string() }
                );
            }
            b.push_str("</tr>\n");
        }
        b.push_str("</table>\n");
    }
}

impl Renderer for HtmlRenderer {
    fn format(&self) -> &'static str {
        "html"
    }

    fn comparison(&self, r: &ComparisonReport) -> Result<String> {
        let (ln, rn) = side_names(r.left, r.right);
        let a = r.alignment;
        let mut b = String::new();
        HtmlRenderer::comparison_head(&mut b, r, &ln, &rn);
        let _ = writeln!(b, "<h2>Aligned measures</h2>");
        for p in &a.pairs {
            let (l, m) = r.pair(p)?;
            let comps: Vec<String> = p.components.iter().map(|(k, v)| format!("{k} {v:.2}")).collect();
            let _ = writeln!(
                b,
                "<div class=\"pair\">{}<div class=\"score\"><b>{:.3}</b><div class=\"bar\"><span style=\"width:{:.0}%\"></span></div><div class=\"terms\">p = {:.1e} · margin {:.3}{}</div><div class=\"terms\">{}</div><div class=\"terms\">{}</div></div>{}</div>",
                measure_card("left", l, &p.shared_terms),
                p.score,
                p.score * 100.0,
                p.p_value,
                p.margin,
                match p.kind {
                    crate::align::LinkKind::OneToOne => String::new(),
                    kind => format!(" · {}", kind.as_str()),
                },
                escape(&p.shared_terms.join(" ")),
                escape(&comps.join(" · ")),
                measure_card("right", m, &p.shared_terms)
            );
        }
        let _ = writeln!(b, "<h2>Measures without a counterpart</h2><div class=\"columns\">");
        for (name, doc, ids, class) in [
            (&ln, r.left, &a.unmatched_left, "left"),
            (&rn, r.right, &a.unmatched_right, "right"),
        ] {
            let _ = writeln!(b, "<div><h3>Only in {} ({})</h3>", escape(name), ids.len());
            for m in ids.iter().filter_map(|id| doc.measure(id)) {
                b.push_str(&measure_card(class, m, &[]));
            }
            b.push_str("</div>\n");
        }
        b.push_str("</div>\n");
        HtmlRenderer::crosswalk(&mut b, r, &ln, &rn);
        b.push_str("<h2>Agency graph</h2>\n");
        b.push_str(&graph_svg(r.graph));
        let _ = writeln!(
            b,
            "<p class=\"legend\"><span style=\"color:#20639b\">●</span> measures of {} (left) · <span style=\"color:#ed553b\">●</span> measures of {} (right) · <span style=\"color:#3caea3\">●</span> agencies, each disc sized by the number of measures that name it (the figure after its name; <span style=\"color:#999\">●</span> collective or unresolved) · light lines: responsibilities · dark lines: aligned pairs. Hover a node for its full name.</p>",
            escape(&ln),
            escape(&rn)
        );
        Ok(page(&format!("{ln} ~ {rn}"), &b))
    }

    /// [`HtmlRenderer::diffusion`] written as it is made, a mebibyte at a time.
    fn write_diffusion(&self, r: &DiffusionReport, out: &mut dyn std::io::Write) -> Result<()> {
        super::diffusion_html::write_diffusion_html(r, out).map_err(|source| crate::error::Error::Output { source })
    }

    /// A timeline by date and level, the status grid whose cells open onto the copied
    /// passages side by side, additions and dyads.
    fn diffusion(&self, r: &DiffusionReport) -> Result<String> {
        Ok(super::diffusion_html::diffusion_html(r))
    }

    fn corpus(&self, r: &CorpusReport) -> Result<String> {
        let names: Vec<String> = crate::document::display_names(&r.documents);
        let mut b = String::new();
        let _ = writeln!(b, "<h1>Corpus of {} documents</h1>", r.documents.len());
        let _ = writeln!(
            b,
            "<div class=\"summary\"><div class=\"stat\"><b>{}</b>clusters</div><div class=\"stat\"><b>{}</b>shared by all</div></div>",
            r.corpus.clusters.len(),
            r.corpus.shared_by_all().count()
        );
        HtmlRenderer::coverage(&mut b, r, &names);
        b.push_str("<h2>Clusters</h2>\n");
        for c in &r.corpus.clusters {
            let _ = write!(
                b,
                "<h3>{} {} ({})</h3><ul>",
                escape(&c.id),
                escape(&c.title),
                c.members.len()
            );
            for (d, id) in &c.members {
                let name = names.get(*d).map_or("", String::as_str);
                let title = r.member_title(*d, id);
                let _ = write!(b, "<li>{}: {} {}</li>", escape(name), escape(id), escape(title));
            }
            b.push_str("</ul>\n");
        }
        HtmlRenderer::load(&mut b, r, &names);
        Ok(page(&format!("Corpus of {} documents", r.documents.len()), &b))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn highlights_longest_terms_and_escapes() {
        let terms = vec!["标准".to_owned(), "证据标准".to_owned()];
        assert_eq!(
            highlight("统一证据标准<和>标准", &terms),
            "统一<mark>证据标准</mark>&lt;和&gt;<mark>标准</mark>"
        );
    }
}
