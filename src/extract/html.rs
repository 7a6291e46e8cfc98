//! Web pages: the document a government site shows, without its navigation, breadcrumbs,
//! scripts, share buttons and footer; its info table (索引号, 发文字号…) kept as lines the parser
//! reads as metadata; paragraphs one per line, tables one row per line.

use super::Failure;
use encoding_rs::{Encoding, GB18030, GBK, UTF_8};
use scraper::{ElementRef, Html, Node};

/// Elements that are never document text.
const SKIPPED: &[&str] = &[
    "script", "style", "noscript", "template", "head", "nav", "header", "footer", "aside", "form", "button", "select",
    "option", "iframe", "svg", "object", "embed", "canvas", "audio", "video", "map",
];

/// Words of a class or id that mark page furniture, not the document.
const CHROME: &[&str] = &[
    "nav",
    "menu",
    "breadcrumb",
    "crumb",
    "position",
    "location",
    "footer",
    "share",
    "bdshare",
    "toolbar",
    "sidebar",
    "related",
    "login",
    "search",
    "banner",
    "topbar",
    "copyright",
    "print",
    "qrcode",
    "erweima",
    "ewm",
];

/// Block elements: their text starts a new line.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "section",
    "article",
    "main",
    "blockquote",
    "pre",
    "center",
    "table",
    "tbody",
    "thead",
    "tfoot",
    "caption",
    "body",
    "hr",
];

/// The encoding a page declares in its first bytes (`<meta charset="gb2312">`,
/// `content="text/html; charset=GBK"`), if any.
fn declared(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]).to_ascii_lowercase();
    let at = head.find("charset=")? + "charset=".len();
    let label: String = head[at..]
        .trim_start_matches(['"', '\'', ' '])
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .collect();
    Encoding::for_label(label.as_bytes())
}

/// The page's text, in its declared encoding, else UTF-8, else the encoding detected.
fn decode(bytes: &[u8]) -> (String, &'static str) {
    let (encoding, bom) = match Encoding::for_bom(bytes) {
        Some((e, n)) => (e, n),
        None => {
            let e = declared(bytes).unwrap_or_else(|| {
                if std::str::from_utf8(bytes).is_ok() {
                    UTF_8
                } else {
                    let mut d = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
                    d.feed(bytes, true);
                    d.guess(Some(b"cn"), chardetng::Utf8Detection::Allow)
                }
            });
            (e, 0)
        }
    };
    // GB2312 and GBK pages are read as their superset GB18030.
    let encoding = if encoding == GBK { GB18030 } else { encoding };
    let (text, _, _) = encoding.decode(&bytes[bom..]);
    (text.into_owned(), encoding.name())
}

fn is_chrome(e: &ElementRef) -> bool {
    let v = e.value();
    if SKIPPED.contains(&v.name()) {
        return true;
    }
    let marks = [v.attr("class").unwrap_or(""), v.id().unwrap_or("")]
        .join(" ")
        .to_ascii_lowercase();
    !marks.is_empty()
        && CHROME
            .iter()
            .any(|w| marks.split([' ', '-', '_']).any(|m| m.starts_with(w)))
}

/// Characters of text under `e`, page furniture left out: `(all, inside links)`.
fn text_len(e: ElementRef, in_link: bool) -> (usize, usize) {
    let mut total = (0, 0);
    for child in e.children() {
        if let Some(c) = ElementRef::wrap(child) {
            if !is_chrome(&c) {
                let (a, l) = text_len(c, in_link || c.value().name() == "a");
                total = (total.0 + a, total.1 + l);
            }
        } else if let Node::Text(t) = child.value() {
            let n = t.chars().filter(|c| !c.is_whitespace()).count();
            total.0 += n;
            if in_link {
                total.1 += n;
            }
        }
    }
    total
}

/// The element holding the document: the smallest element (page furniture left out) that holds
/// at least 70% of the page's text, link text not counted; the root when none does.
fn content(root: ElementRef) -> Option<ElementRef> {
    let (page, page_links) = text_len(root, false);
    let page = page.saturating_sub(page_links);
    let mut best: Option<(ElementRef, usize)> = None;
    let mut stack = vec![root];
    while let Some(e) = stack.pop() {
        for child in e.children().filter_map(ElementRef::wrap) {
            if is_chrome(&child) {
                continue;
            }
            let (all, links) = text_len(child, child.value().name() == "a");
            let own = all.saturating_sub(links);
            // The smallest element that still holds most of the page's text.
            if own * 10 >= page * 7 && best.as_ref().is_none_or(|(_, n)| own <= *n) {
                best = Some((child, own));
            }
            stack.push(child);
        }
    }
    best.map(|(e, _)| e).or(Some(root))
}

/// Appends the text under `e`: blocks on lines of their own, table rows one per line with the
/// cells separated by a tab, white space of the markup collapsed.
fn write_text(e: ElementRef, out: &mut String) {
    let name = e.value().name();
    let block = BLOCKS.contains(&name);
    let newline = |out: &mut String| {
        if !out.is_empty() && !out.ends_with('\n') {
            out.push('\n');
        }
    };
    if block || name == "tr" {
        newline(out);
    }
    for child in e.children() {
        if let Some(c) = ElementRef::wrap(child) {
            if is_chrome(&c) {
                continue;
            }
            match c.value().name() {
                "br" => out.push('\n'),
                "td" | "th" => {
                    if !out.is_empty() && !out.ends_with(['\n', '\t']) {
                        out.push('\t');
                    }
                    let mut cell = String::new();
                    write_text(c, &mut cell);
                    out.push_str(cell.trim().replace('\n', " ").as_str());
                }
                _ => write_text(c, out),
            }
        } else if let Node::Text(t) = child.value() {
            let mut last_space = out.ends_with([' ', '\n', '\t']);
            for ch in t.chars() {
                if ch.is_ascii_whitespace() {
                    if !last_space {
                        out.push(' ');
                        last_space = true;
                    }
                } else {
                    out.push(ch);
                    last_space = false;
                }
            }
        }
    }
    if block || name == "tr" {
        newline(out);
    }
}

/// The rows of the page's info table (`索引号`, `发文字号`, `成文日期`…) wherever they are, as
/// `field：value` lines.
fn info_rows(root: ElementRef) -> Vec<String> {
    const FIELDS: &[&str] = &[
        "索引号",
        "发文机关",
        "发布机构",
        "成文日期",
        "发文日期",
        "发布日期",
        "发文字号",
        "文号",
        "主题分类",
        "标题",
        "名称",
    ];
    let mut rows = Vec::new();
    let mut stack = vec![root];
    while let Some(e) = stack.pop() {
        // Children pushed last first, so that rows come in the page's order.
        let children: Vec<ElementRef> = e.children().filter_map(ElementRef::wrap).collect();
        stack.extend(children.into_iter().rev());
        if !matches!(
            e.value().name(),
            "td" | "th" | "li" | "span" | "dt" | "p" | "div" | "strong" | "b" | "label"
        ) {
            continue;
        }
        let mut text = String::new();
        write_text(e, &mut text);
        let text: String = text.split_whitespace().collect::<Vec<_>>().join("");
        let label = text.trim_end_matches(['：', ':']);
        if FIELDS.contains(&label)
            && let Some(value) = next_text(e)
        {
            rows.push(format!("{label}：{value}"));
        }
    }
    let mut seen = std::collections::HashSet::new();
    rows.retain(|r| seen.insert(r.clone()));
    rows
}

/// The text of the element after `e` among its siblings.
fn next_text(e: ElementRef) -> Option<String> {
    let next = e.next_siblings().filter_map(ElementRef::wrap).next()?;
    let mut text = String::new();
    write_text(next, &mut text);
    let text: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    (!text.is_empty() && text.chars().count() < 80).then_some(text)
}

/// The page's title as its `<meta name="ArticleTitle">` gives it, if it does (`<title>` is left
/// alone: sites put their own name in it).
fn title(html: &Html) -> Option<String> {
    let meta = scraper::Selector::parse("meta").ok()?;
    for m in html.select(&meta) {
        let name = m.value().attr("name").unwrap_or("").to_ascii_lowercase();
        if name == "articletitle"
            && let Some(c) = m.value().attr("content").filter(|c| !c.trim().is_empty())
        {
            return Some(c.trim().to_owned());
        }
    }
    None
}

/// The document text of a web page, and the encoding it was read in.
pub(super) fn text(bytes: &[u8]) -> Result<(String, &'static str), Failure> {
    let (source, encoding) = decode(bytes);
    let html = Html::parse_document(&source);
    let root = html.root_element();
    let body = content(root)
        .ok_or_else(|| Failure::new("no document text in it, only the site's navigation, header and footer"))?;
    let mut text = String::new();
    write_text(body, &mut text);
    let lines: Vec<&str> = text.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
    if lines.iter().map(|l| l.chars().count()).sum::<usize>() < 20 {
        return Err(Failure::new(
            "no document text in it, only the site's navigation, header and footer",
        ));
    }
    let mut out = String::new();
    for row in info_rows(root) {
        if !lines
            .iter()
            .any(|l| l.contains(row.split_once('：').map_or("", |x| x.1)))
        {
            out.push_str(&row);
            out.push('\n');
        }
    }
    if let Some(t) = title(&html) {
        let squeeze = |s: &str| s.split_whitespace().collect::<String>();
        if !lines.iter().take(8).any(|l| squeeze(l).contains(&squeeze(&t))) {
            out.push_str(&t);
            out.push('\n');
        }
    }
    for l in lines {
        out.push_str(l);
        out.push('\n');
    }
    Ok((out, encoding))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_article_without_the_page() {
        let page = "<html><head><meta charset=\"utf-8\"><meta name=\"ArticleTitle\" content=\"某县关于加强保护的措施\"><script>var x = 1;</script></head><body>\
            <div class=\"nav\"><a href=\"/\">首页</a><a href=\"/zw\">政务公开</a></div>\
            <div class=\"breadcrumb\">当前位置：首页 &gt; 政策文件</div>\
            <table class=\"info\"><tr><td>发文字号：</td><td>某政办〔2022〕3号</td><td>成文日期：</td><td>2022年3月1日</td></tr></table>\
            <div id=\"zoom\"><p>一、加强保护</p><p>（一）严格执法。加大商标侵权、假冒专利等违法行为的查处力度，公开典型案例。</p><p>（二）优化服务。在产业园区建立知识产权服务站，提供咨询和维权援助。</p>\
            <table><tr><td>1</td><td>严格执法</td><td>县市场监管局</td></tr></table></div>\
            <div class=\"share\">分享到：微信 微博</div><div class=\"footer\">主办单位：某县人民政府办公室</div></body></html>";
        let (text, encoding) = text(page.as_bytes()).unwrap();
        assert_eq!(encoding, "UTF-8");
        assert_eq!(
            text,
            "发文字号：某政办〔2022〕3号\n成文日期：2022年3月1日\n某县关于加强保护的措施\n一、加强保护\n（一）严格执法。加大商标侵权、假冒专利等违法行为的查处力度，公开典型案例。\n（二）优化服务。在产业园区建立知识产权服务站，提供咨询和维权援助。\n1\t严格执法\t县市场监管局\n"
        );
    }

    #[test]
    fn a_page_in_gbk_says_so() {
        let (bytes, _, _) = GBK.encode("<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\"></head><body><div><p>一、主要任务</p><p>（一）推进知识产权保护工作，完善工作机制。</p><p>（二）加强宣传引导工作。</p></div></body></html>");
        let (text, encoding) = text(&bytes).unwrap();
        assert_eq!(encoding, "gb18030");
        assert!(text.starts_with("一、主要任务\n（一）推进"), "{text}");
    }

    #[test]
    fn an_empty_page_is_an_error() {
        let page = "<html><body><div class=\"nav\"><a>首页</a></div><div id=\"zoom\"></div><div class=\"footer\">主办单位：某县人民政府</div></body></html>";
        assert_eq!(
            text(page.as_bytes()).unwrap_err().message,
            "no document text in it, only the site's navigation, header and footer"
        );
    }
}
