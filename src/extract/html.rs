//! HTML pages to the plain text we store and extract from.

use scraper::{ElementRef, Html, Node};

/// Elements whose text is never article prose.
const SKIP: &[&str] = &[
    "script",
    "style",
    "noscript",
    "template",
    "nav",
    "header",
    "footer",
    "aside",
    "form",
    "button",
    "select",
    "iframe",
    "svg",
    "canvas",
    "figure",
    "figcaption",
    "menu",
    "dialog",
    "head",
    "title",
];
/// Elements that end a paragraph.
const BLOCK: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "main",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "blockquote",
    "pre",
    "table",
    "tr",
    "td",
    "th",
    "dl",
    "dt",
    "dd",
    "hr",
    "br",
    "body",
];

fn walk(el: ElementRef, out: &mut String) {
    for child in el.children() {
        match child.value() {
            Node::Text(t) => {
                let mut pending_space = false;
                for c in t.chars() {
                    if c.is_whitespace() {
                        pending_space = true;
                    } else {
                        if pending_space && !out.is_empty() && !out.ends_with([' ', '\n']) {
                            out.push(' ');
                        }
                        pending_space = false;
                        out.push(c);
                    }
                }
                if pending_space && !out.is_empty() && !out.ends_with([' ', '\n']) {
                    out.push(' ');
                }
            }
            Node::Element(e) => {
                let name = e.name();
                if SKIP.contains(&name) {
                    continue;
                }
                let class_id = format!(
                    "{} {}",
                    e.attr("class").unwrap_or(""),
                    e.attr("id").unwrap_or("")
                )
                .to_ascii_lowercase();
                if [
                    "share",
                    "social",
                    "related",
                    "newsletter",
                    "advert",
                    "promo",
                    "byline",
                    "cookie",
                    "subscribe",
                    "comments",
                ]
                .iter()
                .any(|k| class_id.contains(k))
                    || e.attr("aria-hidden") == Some("true")
                    || e.attr("hidden").is_some()
                {
                    continue;
                }
                let block = BLOCK.contains(&name);
                if block {
                    paragraph_break(out);
                }
                if let Some(child_el) = ElementRef::wrap(child) {
                    walk(child_el, out);
                }
                if block {
                    paragraph_break(out);
                }
            }
            _ => {}
        }
    }
}

fn paragraph_break(out: &mut String) {
    while out.ends_with(' ') {
        out.pop();
    }
    if !out.is_empty() && !out.ends_with("\n\n") {
        if out.ends_with('\n') {
            out.push('\n');
        } else {
            out.push_str("\n\n");
        }
    }
}

/// Readable text of an HTML page: scripts, styles, navigation, headers,
/// footers and sharing widgets dropped; paragraphs separated by blank lines.
/// Prefers the `<article>` (or `<main>`) element when the page has one.
pub fn html_to_text(html: &str) -> String {
    let doc = Html::parse_document(html);
    let root = doc.root_element();
    let pick = |tag: &str| {
        root.descendants()
            .filter_map(ElementRef::wrap)
            .filter(|e| e.value().name() == tag)
            .max_by_key(|e| e.text().map(str::len).sum::<usize>())
    };
    let body = pick("article").or_else(|| pick("main")).unwrap_or(root);
    let mut out = String::new();
    walk(body, &mut out);
    let lines: Vec<&str> = out
        .split("\n\n")
        .map(str::trim)
        .filter(|l| !l.is_empty() && !super::clean::is_chrome(l))
        .collect();
    lines.join("\n\n")
}

#[cfg(test)]
mod tests {
    use super::html_to_text;

    #[test]
    fn keeps_prose_and_drops_chrome() {
        let html = r#"<html><head><title>T</title><style>p{}</style></head><body>
            <nav><a href="/">Home</a> <a href="/x">Latest</a></nav>
            <article><h1>Council votes</h1><p class="byline">By Jane Roe</p>
            <p>The council   voted <b>6-1</b> on Tuesday.</p><script>var x=1;</script>
            <p>“It is done,” the mayor said.</p><div class="share">Share this</div>
            <p>Must read</p></article><footer>© 2026 Example</footer></body></html>"#;
        assert_eq!(
            html_to_text(html),
            "Council votes\n\nThe council voted 6-1 on Tuesday.\n\n“It is done,” the mayor said."
        );
    }
}
