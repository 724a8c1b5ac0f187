//! HTML → readable text. A placeholder until the extractor's own version
//! lands; the signature is the contract.

use ego_tree::iter::Edge;
use scraper::{Html, Node};

/// Elements that are page chrome or not prose at all.
const DROPPED: &[&str] = &[
    "head", "script", "style", "noscript", "template", "nav", "header", "footer", "aside", "form",
    "button", "select", "textarea", "iframe", "svg", "canvas", "object", "embed", "menu", "dialog",
];

/// Elements whose text stands as its own paragraph.
const BLOCKS: &[&str] = &[
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "blockquote",
    "pre",
    "div",
    "section",
    "article",
    "main",
    "figcaption",
    "dt",
    "dd",
    "tr",
    "td",
    "th",
    "table",
    "ul",
    "ol",
    "dl",
    "figure",
    "address",
    "br",
    "hr",
];

/// The readable text of an HTML page: prose kept, page chrome dropped,
/// paragraphs separated by a blank line, whitespace inside them collapsed.
pub fn html_to_text(html: &str) -> String {
    let doc = Html::parse_document(html);
    let mut blocks = Vec::new();
    let mut current = String::new();
    // Iterative, not recursive: an upload of deeply nested tags must not
    // overflow the stack. `skipping` counts open elements inside a dropped one.
    let mut skipping = 0usize;
    for edge in doc.root_element().traverse() {
        match edge {
            Edge::Open(node) => match node.value() {
                Node::Element(e) if skipping > 0 || is_dropped(e) => skipping += 1,
                Node::Element(e) if BLOCKS.contains(&e.name()) => flush(&mut blocks, &mut current),
                Node::Text(t) if skipping == 0 => current.push_str(t),
                _ => {}
            },
            Edge::Close(node) => match node.value() {
                Node::Element(_) if skipping > 0 => skipping -= 1,
                Node::Element(e) if BLOCKS.contains(&e.name()) => flush(&mut blocks, &mut current),
                _ => {}
            },
        }
    }
    flush(&mut blocks, &mut current);
    blocks.join("\n\n")
}

fn is_dropped(e: &scraper::node::Element) -> bool {
    DROPPED.contains(&e.name())
        || e.attr("hidden").is_some()
        || e.attr("aria-hidden") == Some("true")
}

fn flush(blocks: &mut Vec<String>, current: &mut String) {
    let text = current.split_whitespace().collect::<Vec<_>>().join(" ");
    if !text.is_empty() {
        blocks.push(text);
    }
    current.clear();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_prose_and_drops_chrome() {
        let html = r#"<html><head><title>T</title><style>p{}</style></head><body>
            <nav><a href="/">Home</a></nav><header>Site name</header>
            <article><h1>Big   news</h1><p>First <b>para</b>graph.</p><script>var x = 1;</script>
            <ul><li>one</li><li>two</li></ul></article>
            <footer>© 2026</footer></body></html>"#;
        assert_eq!(
            html_to_text(html),
            "Big news\n\nFirst paragraph.\n\none\n\ntwo"
        );
    }

    #[test]
    fn deep_nesting_does_not_overflow_the_stack() {
        let depth = 5_000;
        let html = format!(
            "{}<p>deep</p>{}",
            "<div><span>".repeat(depth),
            "</span></div>".repeat(depth)
        );
        assert_eq!(html_to_text(&html), "deep");
    }
}
