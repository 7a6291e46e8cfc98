//! PDF: the text layer page by page (lopdf for the common fonts, pdf-extract for the others),
//! the running header repeated at the top of the pages left out, lines as the pages give them for
//! the normalizer to join. Page numbers (`— 2 —`) are left to the normalizer, which drops them
//! from every input; so are the radicals some CJK fonts extract to (⼭ for 山).

use super::Failure;

/// The lines of a page, blank ones left out.
fn lines(page: &str) -> Vec<&str> {
    page.lines()
        .map(str::trim_end)
        .filter(|l| !l.trim().is_empty())
        .collect()
}

/// A line's text for comparing pages: white space and digits left out (a header may carry the
/// page's number).
fn key(line: &str) -> String {
    line.chars()
        .filter(|c| !c.is_whitespace() && !c.is_ascii_digit())
        .collect()
}

/// The line that begins most pages, if one begins at least two pages and half of them: the
/// running header (an office's name, the document's short title).
fn running_header(pages: &[Vec<&str>]) -> Option<String> {
    let mut firsts: Vec<String> = pages.iter().filter_map(|p| p.first()).map(|l| key(l)).collect();
    firsts.retain(|k| !k.is_empty() && k.chars().count() <= 40);
    firsts.sort();
    let mut best: Option<(String, usize)> = None;
    for group in firsts.chunk_by(|a, b| a == b) {
        if best.as_ref().is_none_or(|(_, n)| group.len() > *n) {
            best = Some((group[0].clone(), group.len()));
        }
    }
    let (line, n) = best?;
    (n >= 2 && n * 2 >= pages.len()).then_some(line)
}

/// The text of each page: read by [`pdf_layer`](super::pdf_layer) when it handles the PDF's
/// fonts, else by pdf-extract. A PDF neither can read (damaged, or of a kind they do not handle)
/// is an error, never a panic.
fn pages(bytes: &[u8]) -> Result<Vec<String>, Failure> {
    match std::panic::catch_unwind(|| super::pdf_layer::pages(bytes)) {
        Ok(Ok(Some(pages))) => return Ok(pages),
        Ok(Err(e)) => return Err(e),
        Ok(Ok(None)) | Err(_) => {}
    }
    let result = std::panic::catch_unwind(|| pdf_extract::extract_text_from_mem_by_pages(bytes));
    match result {
        Ok(Ok(pages)) => Ok(pages),
        Ok(Err(e)) => Err(Failure::new(format!("the PDF cannot be read ({e})"))),
        Err(_) => Err(Failure::new(
            "the PDF cannot be read (damaged, or of a kind the reader does not handle): \
             try pdftotext, or save it as text",
        )),
    }
}

/// The text of a PDF's text layer. A PDF without one (a scan) is an error that says to OCR it.
pub(super) fn text(bytes: &[u8]) -> Result<String, Failure> {
    let pages = pages(bytes)?;
    let pages: Vec<Vec<&str>> = pages.iter().map(|p| lines(p)).collect();
    let chars: usize = pages
        .iter()
        .flatten()
        .map(|l| l.chars().filter(|c| !c.is_whitespace()).count())
        .sum();
    if chars == 0 {
        let n = pages.len();
        return Err(Failure::new(format!(
            "no text layer ({n} page{} of images, a scan?): OCR it first",
            if n == 1 { "" } else { "s" }
        )));
    }
    let header = running_header(&pages);
    let mut out = String::new();
    for page in &pages {
        let skip = usize::from(
            header
                .as_deref()
                .is_some_and(|h| page.first().is_some_and(|l| key(l) == h)),
        );
        for line in &page[skip..] {
            out.push_str(line);
            out.push('\n');
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_running_header_is_found() {
        let pages = [
            vec!["某县人民政府办公室", "某县关于加强保护的措施", "一、总体要求", "— 1 —"],
            vec!["某 县 人 民 政 府 办 公 室", "（一）严格执法。", "— 2 —"],
            vec!["某县人民政府办公室", "（二）优化服务。", "— 3 —"],
        ];
        let pages: Vec<Vec<&str>> = pages.iter().map(|p| p.to_vec()).collect();
        assert_eq!(running_header(&pages).as_deref(), Some("某县人民政府办公室"));
        let one = vec![vec!["某县关于加强保护的措施", "一、总体要求"]];
        assert_eq!(running_header(&one), None);
    }

    #[test]
    fn garbage_is_an_error_not_a_panic() {
        for bytes in [
            &b"%PDF-1.4\n"[..],
            b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer\n%%EOF",
            b"%PDF-",
        ] {
            assert!(text(bytes).is_err());
        }
    }
}
