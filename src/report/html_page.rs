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

/// A page around `body`: [`page_start`], the body, [`PAGE_END`].
pub(super) fn page(title: &str, body: &str) -> String {
    format!("{}{body}{PAGE_END}", page_start(title))
}

/// What a page holds before its body: the head with its title and style sheet.
pub(super) fn page_start(title: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"zh\">\n<head>\n<meta charset=\"utf-8\">\n<title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n",
        escape(title)
    )
}

/// What a page holds after its body.
pub(super) const PAGE_END: &str = "</body>\n</html>\n";

/// A page written as it is made: text gathers until [`Chunks::SIZE`] bytes, then goes to the
/// writer, so that a page of hundreds of megabytes never sits whole in memory. The first
/// write error is kept, the rest of the page dropped, and the error given by
/// [`Chunks::finish`].
pub(super) struct Chunks<'a> {
    buf: String,
    out: &'a mut dyn std::io::Write,
    error: Option<std::io::Error>,
}

impl<'a> Chunks<'a> {
    /// How many bytes gather before they are written.
    const SIZE: usize = 1 << 20;

    /// Text written to `out`.
    pub(super) fn new(out: &'a mut dyn std::io::Write) -> Self {
        Chunks {
            buf: String::with_capacity(Self::SIZE + 4096),
            out,
            error: None,
        }
    }

    /// Adds text, writing what has gathered once there is enough.
    pub(super) fn push_str(&mut self, s: &str) {
        self.buf.push_str(s);
        if self.buf.len() >= Self::SIZE {
            self.flush();
        }
    }

    fn flush(&mut self) {
        if self.error.is_none()
            && let Err(e) = self.out.write_all(self.buf.as_bytes())
        {
            self.error = Some(e);
        }
        self.buf.clear();
    }

    /// Writes what is left; the first write error, if any.
    pub(super) fn finish(mut self) -> std::io::Result<()> {
        self.flush();
        match self.error.take() {
            Some(e) => Err(e),
            None => Ok(()),
        }
    }
}

impl std::fmt::Write for Chunks<'_> {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        self.push_str(s);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fmt::Write as _;

    /// A writer that takes `left` bytes, then fails.
    struct Full {
        left: usize,
    }

    impl std::io::Write for Full {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            if self.left == 0 {
                return Err(std::io::Error::other("disk full"));
            }
            let n = buf.len().min(self.left);
            self.left -= n;
            Ok(n)
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn chunks_write_every_byte_in_order_and_report_a_failed_write() {
        let (mut out, mut expected) = (Vec::new(), String::new());
        let mut chunks = Chunks::new(&mut out);
        for k in 0..100_000 {
            let piece = format!("<td>{k} 知识产权</td>");
            expected.push_str(&piece);
            if k % 2 == 0 {
                chunks.push_str(&piece);
            } else {
                let _ = write!(chunks, "{piece}");
            }
        }
        chunks.finish().unwrap();
        // Several chunks were written, and nothing was lost or reordered between them.
        assert!(expected.len() > 2 * Chunks::SIZE);
        assert_eq!(String::from_utf8(out).unwrap(), expected);
        let mut full = Full { left: 10 };
        let mut chunks = Chunks::new(&mut full);
        for _ in 0..300_000 {
            chunks.push_str("<tr></tr>");
        }
        assert_eq!(chunks.finish().unwrap_err().to_string(), "disk full");
    }
}
