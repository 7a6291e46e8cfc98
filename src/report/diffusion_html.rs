//! A diffusion study as one self-contained HTML page: a timeline of the documents by date and
//! level, the status grid (reference measures × documents) whose cells open onto the copied
//! passages side by side, the additions and the dyads.

use super::diffusion::{StatusCounts, share, status_cell};
use super::html_page::{Chunks, PAGE_END, escape, page_start};
use super::view::{DiffusionReport, count};
use crate::diffusion::{Adoption, Level, Status};
use crate::document::{Document, Measure};
use crate::graph::DiffusionEdge;
use crate::lexicon::dates::days_since_epoch;
use std::fmt::Write as _;

const STYLE: &str = r#"
.grid td.s { text-align: center; min-width: 56px; font-size: 11px; }
.grid td.s a { color: inherit; text-decoration: none; display: block; }
.copied { background: #3caea3; color: #fff; } .reworded { background: #f6d55c; } .dropped { background: #eeeeee; color: #999; }
.detail { display: none; border: 1px solid #d8dde3; border-radius: 6px; padding: 10px; margin: 12px 0; }
.detail:target { display: block; }
.sides { display: grid; grid-template-columns: 1fr 1fr; gap: 16px; }
.sides p { font-size: 13px; line-height: 1.7; }
"#;

/// The text of a measure (heading to end) with the byte ranges `marks` of the source in `<mark>`.
fn marked(doc: &Document, m: &Measure, marks: &[(usize, usize)]) -> String {
    let (start, end) = (m.title_span.start.min(m.span.end), m.span.end);
    let mut marks: Vec<(usize, usize)> = marks
        .iter()
        .map(|&(a, b)| (a.max(start), b.min(end)))
        .filter(|(a, b)| a < b)
        .collect();
    marks.sort_unstable();
    let mut out = String::new();
    let mut at = start;
    let text = |a: usize, b: usize| doc.source.get(a..b).map(escape).unwrap_or_default();
    for (a, b) in marks {
        if a < at {
            continue;
        }
        out.push_str(&text(at, a));
        let _ = write!(out, "<mark>{}</mark>", text(a, b));
        at = b;
    }
    out.push_str(&text(at, end));
    out
}

/// The status grid, then one hidden panel per cell that has a counterpart.
fn grid(b: &mut Chunks, r: &DiffusionReport, reference: &Document) {
    let others = r.others();
    let cells = r.adoptions();
    let d = r.diffusion;
    let _ = writeln!(
        b,
        "<h2>Adoption of the reference's measures</h2>\n<p class=\"legend\"><span class=\"copied\">&nbsp;C copied&nbsp;</span> \
         <span class=\"reworded\">&nbsp;R reworded&nbsp;</span> <span class=\"dropped\">&nbsp;- dropped&nbsp;</span> \
         with the share of the answer copied word for word; open a cell for the passages side by side.</p>"
    );
    b.push_str("<table class=\"grid\"><tr><th>measure</th>");
    for id in &others {
        let place = d.document(id).and_then(|x| x.jurisdiction.as_deref()).unwrap_or("");
        let _ = write!(
            b,
            "<th title=\"{}\">#{} {}</th>",
            escape(id),
            d.index_of(id).map_or(0, |i| i + 1),
            escape(place)
        );
    }
    b.push_str("</tr>\n");
    for m in &reference.measures {
        let _ = write!(b, "<tr><td>{} {}</td>", escape(&m.id), escape(&m.title));
        for id in &others {
            let a = cells.get(&(*id, m.id.as_str())).copied();
            let class = a.map_or("dropped", |a| a.status.as_str());
            let cell = escape(&status_cell(a));
            match a {
                Some(a) if a.status != Status::Dropped => {
                    let _ = write!(b, "<td class=\"s {class}\"><a href=\"#{}\">{cell}</a></td>", anchor(a));
                }
                _ => {
                    let _ = write!(b, "<td class=\"s {class}\">{cell}</td>");
                }
            }
        }
        b.push_str("</tr>\n");
    }
    b.push_str("<tr><td>total</td>");
    let counts = StatusCounts::new(r);
    for id in &others {
        let _ = write!(b, "<td class=\"s\">{}</td>", escape(&counts.of(id)));
    }
    b.push_str("</tr></table>\n");
    for a in d.adoptions.iter().filter(|a| a.status != Status::Dropped) {
        detail(b, r, reference, a);
    }
}

fn anchor(a: &Adoption) -> String {
    format!("c-{}-{}", a.document, a.reference_measure).replace(|c: char| c.is_whitespace() || c == '"', "_")
}

/// One cell opened: both measures side by side, the copied passages marked in each.
fn detail(b: &mut Chunks, r: &DiffusionReport, reference: &Document, a: &Adoption) {
    let (Some(doc), Some(rm)) = (r.document(&a.document), reference.measure(&a.reference_measure)) else {
        return;
    };
    let Some(m) = a.measure.as_deref().and_then(|id| doc.measure(id)) else {
        return;
    };
    let left: Vec<(usize, usize)> = a.spans.iter().map(|p| (p.left.start, p.left.end)).collect();
    let right: Vec<(usize, usize)> = a.spans.iter().map(|p| (p.right.start, p.right.end)).collect();
    let _ = writeln!(
        b,
        "<section class=\"detail\" id=\"{}\"><h3>{} {} → {} {}: {}, score {:.3}, {} copied word for word ({} passages)</h3>\
         <div class=\"sides\"><div><b>reference</b><p>{}</p></div><div><b>{}</b><p>{}</p></div></div></section>",
        anchor(a),
        escape(&rm.id),
        escape(&rm.title),
        escape(&a.document),
        escape(&m.id),
        a.status.as_str(),
        a.score,
        share(a.verbatim_share),
        a.spans.len(),
        marked(reference, rm, &left),
        escape(&a.document),
        marked(doc, m, &right),
    );
}

/// The timeline: documents by date (x) and level (rows), reuse and citation edges between them.
/// The rows of the timeline, top to bottom; the last for documents of no known level.
const LEVELS: [Option<Level>; 6] = [
    Some(Level::Central),
    Some(Level::Province),
    Some(Level::Prefecture),
    Some(Level::County),
    Some(Level::Township),
    None,
];

/// The timeline's width.
const W: f64 = 1000.0;
/// The timeline's margin on the left (the level names).
const LEFT: f64 = 110.0;
/// The timeline's margin on the right (labels, undated documents).
const RIGHT: f64 = 120.0;

/// Where each document stands on the timeline: x by date (undated ones at the right), y by
/// level, documents of one level and nearly one date stacked.
fn positions(d: &crate::diffusion::Diffusion) -> Vec<(f64, f64)> {
    let days: Vec<Option<f64>> = d
        .documents
        .iter()
        .map(|x| x.date.as_deref().and_then(days_since_epoch).map(|n| n as f64))
        .collect();
    let (lo, hi) = days
        .iter()
        .flatten()
        .fold((f64::MAX, f64::MIN), |(a, b), &x| (a.min(x), b.max(x)));
    let x_of = |i: usize| match days[i] {
        Some(t) if hi > lo => LEFT + (t - lo) / (hi - lo) * (W - LEFT - RIGHT),
        Some(_) => LEFT + (W - LEFT - RIGHT) / 2.0,
        None => W - 40.0,
    };
    let row = |i: usize| LEVELS.iter().position(|l| *l == d.documents[i].level).unwrap_or(5);
    let mut seen: Vec<(usize, i64)> = Vec::new();
    (0..d.documents.len())
        .map(|i| {
            let key = (row(i), x_of(i).round() as i64);
            let k = seen.iter().filter(|s| s.0 == key.0 && (s.1 - key.1).abs() < 60).count();
            seen.push(key);
            (x_of(i), 30.0 + row(i) as f64 * 60.0 + k as f64 * 14.0)
        })
        .collect()
}

fn timeline(b: &mut Chunks, r: &DiffusionReport) {
    let d = r.diffusion;
    let pos = positions(d);
    let (w, left) = (W, LEFT);
    let _ = writeln!(b, "<h2>Timeline</h2>\n<svg width=\"{w}\" height=\"390\">");
    for (k, l) in LEVELS.iter().enumerate() {
        let y = 30.0 + k as f64 * 60.0;
        let name = l.map_or("level unknown", |l| l.as_str());
        let _ = writeln!(
            b,
            "<line x1=\"{left}\" y1=\"{y}\" x2=\"{}\" y2=\"{y}\" stroke=\"#eeeeee\"/><text x=\"4\" y=\"{}\">{name}</text>",
            w - 20.0,
            y + 4.0
        );
    }
    let g = r.graph.graph();
    for e in g.edge_indices() {
        let Some((s, t)) = g.edge_endpoints(e) else { continue };
        let ((x1, y1), (x2, y2)) = (pos[s.index()], pos[t.index()]);
        let style = match g[e] {
            DiffusionEdge::Citation => "stroke=\"#999999\" stroke-dasharray=\"4 3\"".to_owned(),
            DiffusionEdge::Reuse { verbatim_share, .. } => {
                format!(
                    "stroke=\"#173f5f\" stroke-width=\"{:.1}\" opacity=\"0.6\"",
                    1.0 + 6.0 * verbatim_share
                )
            }
        };
        let _ = writeln!(
            b,
            "<line x1=\"{x1:.1}\" y1=\"{y1:.1}\" x2=\"{x2:.1}\" y2=\"{y2:.1}\" {style}><title>{}</title></line>",
            g[e].kind()
        );
    }
    for (i, x) in d.documents.iter().enumerate() {
        let (cx, cy) = pos[i];
        let label = x.jurisdiction.clone().unwrap_or_else(|| x.id.clone());
        let _ = writeln!(
            b,
            "<circle cx=\"{cx:.1}\" cy=\"{cy:.1}\" r=\"6\" fill=\"#ed553b\"><title>{} {}</title></circle>\
             <text x=\"{:.1}\" y=\"{:.1}\">#{} {}</text>",
            escape(&x.title),
            escape(x.date.as_deref().unwrap_or("no date")),
            cx + 8.0,
            cy + 4.0,
            i + 1,
            escape(format!("{label} {}", x.date.as_deref().unwrap_or("")).trim_end())
        );
    }
    b.push_str("</svg>\n<p class=\"legend\">Lines: reuse from the earlier to the later document, as wide as the later's verbatim share; dashed: citation. Undated documents on the right.</p>\n");
}

/// The whole page.
pub(super) fn diffusion_html(r: &DiffusionReport) -> String {
    let mut out = Vec::new();
    // Writing to memory cannot fail, and the page is made of strings.
    let _ = write_diffusion_html(r, &mut out);
    String::from_utf8(out).unwrap_or_default()
}

/// The whole page, written to `out` as it is made.
pub(super) fn write_diffusion_html(r: &DiffusionReport, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let d = r.diffusion;
    let title = format!("Diffusion of {}", count(d.documents.len(), "document"));
    let mut b = Chunks::new(out);
    b.push_str(&page_start(&title));
    let _ = writeln!(b, "<style>{STYLE}</style>\n<h1>{title}</h1>");
    timeline(&mut b, r);
    b.push_str("<h2>Documents</h2>\n<table><tr><th>#</th><th>id</th><th>title</th><th>level</th><th>jurisdiction</th><th>province</th><th>date</th><th>number</th><th>cites</th></tr>\n");
    for (i, x) in d.documents.iter().enumerate() {
        let reference = if d.reference.as_deref() == Some(x.id.as_str()) {
            " <b>(reference)</b>"
        } else {
            ""
        };
        let cells = [
            x.title.as_str(),
            x.level.map_or("", |l| l.as_str()),
            x.jurisdiction.as_deref().unwrap_or(""),
            x.province.as_deref().unwrap_or(""),
            x.date.as_deref().unwrap_or(""),
            x.doc_number.as_deref().unwrap_or(""),
        ];
        let _ = write!(b, "<tr><td>#{}</td><td>{}{reference}</td>", i + 1, escape(&x.id));
        for c in cells {
            let _ = write!(b, "<td>{}</td>", escape(c));
        }
        let _ = writeln!(b, "<td>{}</td></tr>", escape(&x.cites.join(" ")));
    }
    b.push_str("</table>\n");
    if let Some(reference) = r.reference() {
        grid(&mut b, r, reference);
        let _ = writeln!(b, "<h2>Additions ({})</h2>\n<ul>", d.additions.len());
        for a in &d.additions {
            let title = r
                .document(&a.document)
                .and_then(|doc| doc.measure(&a.measure))
                .map_or("", |m| m.title.as_str());
            let _ = writeln!(
                b,
                "<li>{} {} {}</li>",
                escape(&a.document),
                escape(&a.measure),
                escape(title)
            );
        }
        b.push_str("</ul>\n");
    }
    b.push_str("<h2>Dyads</h2>\n<table><tr><th>earlier</th><th>later</th><th>days</th><th>relation</th><th>cites</th><th>similarity</th><th>covered (earlier / later)</th><th>verbatim share</th></tr>\n");
    for x in &d.dyads {
        let relation = x.relation.as_str();
        let _ = writeln!(
            b,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{relation}</td><td>{}</td><td>{:.3}</td><td>{} / {}</td><td>{}</td></tr>",
            escape(&x.earlier),
            escape(&x.later),
            x.days_apart.map_or_else(|| "?".into(), |n| n.to_string()),
            if x.cites { "yes" } else { "no" },
            x.similarity,
            share(x.coverage_earlier),
            share(x.coverage_later),
            share(x.verbatim_share)
        );
    }
    b.push_str("</table>\n");
    b.push_str(PAGE_END);
    b.finish()
}
