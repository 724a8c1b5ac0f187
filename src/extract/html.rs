//! HTML pages to the plain text we store and extract from.

use ego_tree::iter::Edge;
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
    "textarea",
    "iframe",
    "object",
    "embed",
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
    "address",
];

/// Class or id fragments that mark sharing widgets, bylines and the like.
const CHROME_HINTS: &[&str] = &[
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
];

/// Readable text of an HTML page: scripts, styles, navigation, headers,
/// footers and sharing widgets dropped; paragraphs separated by blank lines.
/// Prefers the `<article>` (or `<main>`) element when the page has one.
pub fn html_to_text(html: &str) -> String {
    document_text(&Html::parse_document(html))
}

/// A page's readable text (as [`html_to_text`]) and its `<title>`, from one
/// parse: parsing is the costly part.
pub fn text_and_title(html: &str) -> (String, Option<String>) {
    let doc = Html::parse_document(html);
    (document_text(&doc), title(&doc))
}

/// The `<title>`, whitespace collapsed; `None` when absent or blank.
fn title(doc: &Html) -> Option<String> {
    let selector = scraper::Selector::parse("title").ok()?;
    let title = doc.select(&selector).next()?.text().collect::<String>();
    let title = title.split_whitespace().collect::<Vec<_>>().join(" ");
    (!title.is_empty()).then_some(title)
}

fn document_text(doc: &Html) -> String {
    let root = doc.root_element();
    let pick = |tag: &str| {
        root.descendants()
            .filter_map(ElementRef::wrap)
            .filter(|e| e.value().name() == tag)
            .max_by_key(|e| e.text().map(str::len).sum::<usize>())
    };
    let body = pick("article").or_else(|| pick("main")).unwrap_or(root);

    let mut blocks = Vec::new();
    let mut current = String::new();
    // Iterative, not recursive: an upload of deeply nested tags must not
    // overflow the stack. `skipping` counts open elements inside a dropped one.
    let mut skipping = 0usize;
    for edge in body.traverse() {
        match edge {
            Edge::Open(node) => match node.value() {
                Node::Element(e) if skipping > 0 || is_dropped(e) => skipping += 1,
                Node::Element(e) if BLOCK.contains(&e.name()) => flush(&mut blocks, &mut current),
                Node::Text(t) if skipping == 0 => current.push_str(t),
                _ => {}
            },
            Edge::Close(node) => match node.value() {
                Node::Element(_) if skipping > 0 => skipping -= 1,
                Node::Element(e) if BLOCK.contains(&e.name()) => flush(&mut blocks, &mut current),
                _ => {}
            },
        }
    }
    flush(&mut blocks, &mut current);
    blocks.retain(|b| !super::clean::is_chrome(b));
    blocks.join("\n\n")
}

fn is_dropped(e: &scraper::node::Element) -> bool {
    if SKIP.contains(&e.name())
        || e.attr("hidden").is_some()
        || e.attr("aria-hidden") == Some("true")
    {
        return true;
    }
    let class_id = format!(
        "{} {}",
        e.attr("class").unwrap_or(""),
        e.attr("id").unwrap_or("")
    )
    .to_ascii_lowercase();
    CHROME_HINTS.iter().any(|k| class_id.contains(k))
}

/// Ends the paragraph being collected, whitespace inside it collapsed.
fn flush(blocks: &mut Vec<String>, current: &mut String) {
    let text = current.split_whitespace().collect::<Vec<_>>().join(" ");
    if !text.is_empty() {
        blocks.push(text);
    }
    current.clear();
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

    #[test]
    fn inline_markup_joins_words_and_lists_become_paragraphs() {
        let html = "<body><header>Site name</header><p>First <b>para</b>graph.</p>\
                    <ul><li>one</li><li>two</li></ul><footer>© 2026</footer></body>";
        assert_eq!(html_to_text(html), "First paragraph.\n\none\n\ntwo");
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
