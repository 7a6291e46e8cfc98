//! What every HTML report is made of: escaping, the style sheet and the page around a body.

/// Escapes text for HTML.
pub(super) fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

const STYLE: &str = r#"
body { font-family: "Noto Sans CJK SC", "WenQuanYi Micro Hei", "Microsoft YaHei", sans-serif; margin: 24px; color: #222; max-width: 1400px; }
h1 { font-size: 22px; } h2 { font-size: 18px; margin-top: 32px; border-bottom: 1px solid #ddd; padding-bottom: 4px; }
.summary { display: flex; gap: 16px; flex-wrap: wrap; }
.stat { background: #f4f6f8; border-radius: 6px; padding: 8px 14px; }
.stat b { font-size: 20px; display: block; }
.pair { display: grid; grid-template-columns: 1fr 150px 1fr; gap: 12px; margin: 10px 0; align-items: start; }
.card { border: 1px solid #d8dde3; border-radius: 6px; padding: 8px 10px; background: #fff; }
.card.left { border-left: 4px solid #20639b; } .card.right { border-left: 4px solid #ed553b; }
.card h3 { font-size: 14px; margin: 0 0 4px 0; } .card p { font-size: 12px; line-height: 1.6; margin: 0; color: #444; }
.agencies { font-size: 11px; color: #20639b; margin-top: 4px; }
.score { text-align: center; font-size: 12px; }
.bar { background: #e6e9ed; height: 10px; border-radius: 5px; overflow: hidden; margin: 4px 0; }
.bar span { display: block; height: 100%; background: #3caea3; }
.terms { color: #555; font-size: 11px; }
mark { background: #fff2a8; padding: 0 1px; }
.columns { display: grid; grid-template-columns: 1fr 1fr; gap: 16px; }
table { border-collapse: collapse; font-size: 12px; } th, td { border: 1px solid #ddd; padding: 3px 6px; vertical-align: top; }
th { background: #f4f6f8; }
.heat td.c { text-align: center; min-width: 28px; }
.legend { font-size: 12px; color: #555; }
svg text { font-size: 10px; }
"#;

pub(super) fn page(title: &str, body: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"zh\">\n<head>\n<meta charset=\"utf-8\">\n<title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n{body}</body>\n</html>\n",
        escape(title)
    )
}
