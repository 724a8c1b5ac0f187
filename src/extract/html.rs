//! HTML pages to the plain text we store and extract from.

use chrono::{DateTime, Utc};
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

/// Deeper pages than this are cleaned by our own iterative walk only: the
/// main-text extractor walks the tree recursively, and a page of thousands
/// of nested tags must neither overflow the stack nor take quadratic time.
const MAX_DEPTH: usize = 400;

/// What a page says about itself, read from its markup: `<title>`, Open
/// Graph, schema.org JSON-LD (`NewsArticle` and kin), `<time datetime>`,
/// `rel=canonical`. Each field is `None` when the page does not say.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PageMeta {
    pub title: Option<String>,
    /// As the page gives them, several joined with "; ".
    pub authors: Option<String>,
    pub published_at: Option<DateTime<Utc>>,
    /// The site's name (`og:site_name`, the JSON-LD publisher).
    pub outlet: Option<String>,
    /// `rel=canonical` (or `og:url`).
    pub canonical_url: Option<String>,
}

/// A page reduced to its article text and its metadata.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Page {
    /// Paragraphs, in-article headings, quotes and list items separated by
    /// line breaks; navigation, teasers, bylines, captions, share widgets,
    /// comments, footers and notices dropped.
    pub text: String,
    pub meta: PageMeta,
}

/// Readable text of an HTML page (see [`Page::text`]).
pub fn html_to_text(html: &str) -> String {
    page(html).text
}

/// A page's article text and metadata. The main text comes from
/// rs-trafilatura (a port of trafilatura); our own cleaner below stands in
/// when it finds no text or the page is nested too deep for it.
pub fn page(html: &str) -> Page {
    let doc = Html::parse_document(html);
    let fallback = |doc: &Html| Page {
        text: document_text(doc),
        meta: PageMeta {
            title: title(doc),
            ..PageMeta::default()
        },
    };
    if depth(&doc) > MAX_DEPTH {
        return fallback(&doc);
    }
    // A page that trips the extractor gets our own cleaning, not a failure.
    let extracted = std::panic::catch_unwind(|| extract_main(html));
    let Ok(Some(r)) = extracted else {
        return fallback(&doc);
    };
    // The crate strips the tags of a JSON-LD `articleBody` written in HTML
    // without paragraph breaks, and repeats the text of unclosed elements:
    // when it took such a body, that is read again with our own walk.
    let json_ld_text = json_ld_article_html(&doc)
        .map(|body| document_text(&Html::parse_fragment(&body)))
        .filter(|ours| same_start(ours, &r.content_text));
    let content = json_ld_text.as_deref().unwrap_or(&r.content_text);
    let links = r
        .content_html
        .as_deref()
        .map(link_shares)
        .unwrap_or_default();
    let mut lines: Vec<Line> = content
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(|l| {
            let share = links.get(&collapse(l));
            Line {
                text: l,
                link: share.is_some_and(|s| s.linked * 10 >= s.chars * 9),
                paragraph: share.is_some_and(|s| !s.listed),
            }
        })
        .collect();
    let keys: Vec<&str> = lines.iter().map(|l| l.text).collect();
    lines.truncate(trailer_start(&keys));
    lines.retain(|l| !super::clean::is_chrome(l.text));
    drop_link_runs(&mut lines);
    let titles = title_keys(r.metadata.title.as_deref(), title(&doc).as_deref());
    lines.retain(|l| !titles.contains(&word_key(l.text)));
    let text = lines
        .iter()
        .map(|l| l.text)
        .collect::<Vec<_>>()
        .join("\n\n");
    let m = r.metadata;
    let meta = PageMeta {
        title: clean_field(m.title).or_else(|| title(&doc)),
        authors: clean_field(m.author),
        published_at: m.date,
        outlet: clean_field(m.sitename),
        canonical_url: clean_field(m.url),
    };
    // When it keeps nothing, or the same words as our cleaner (a short page
    // it took whole), ours wins: it keeps every block's paragraph break.
    let ours = document_text(&doc);
    if text.trim().is_empty() || ours.split_whitespace().eq(text.split_whitespace()) {
        return Page { text: ours, meta };
    }
    Page { text, meta }
}

/// The main-text extractor's result for an article page, links kept in
/// its HTML (they mark teaser lists). The page is declared an article: the
/// crate's forum, product and listing modes are for other kinds of page.
/// When it merged several sections of the page (meant for service pages
/// and listicles; on a short article it gathers the sidebars), it runs
/// again with its collection profile, the closest to the article one
/// without that merge, which keeps the best single node.
fn extract_main(html: &str) -> Option<rs_trafilatura::ExtractResult> {
    use rs_trafilatura::page_type::PageType;
    let mut options = rs_trafilatura::Options {
        include_links: true,
        page_type: Some(PageType::Article),
        ..rs_trafilatura::Options::default()
    };
    let r = rs_trafilatura::extract_with_options(html, &options).ok()?;
    if r.warnings
        .iter()
        .any(|w| w.starts_with("Used multi-candidate merge"))
    {
        options.page_type = Some(PageType::Category);
        return rs_trafilatura::extract_with_options(html, &options)
            .ok()
            .or(Some(r));
    }
    Some(r)
}

/// The first `articleBody` of the page's JSON-LD, when it is HTML.
fn json_ld_article_html(doc: &Html) -> Option<String> {
    fn find(v: &serde_json::Value) -> Option<&str> {
        match v {
            serde_json::Value::Object(map) => map.iter().find_map(|(k, v)| match v {
                serde_json::Value::String(s) if k.eq_ignore_ascii_case("articlebody") => {
                    Some(s.as_str())
                }
                _ => find(v),
            }),
            serde_json::Value::Array(items) => items.iter().find_map(find),
            _ => None,
        }
    }
    let selector = scraper::Selector::parse(r#"script[type="application/ld+json"]"#).ok()?;
    doc.select(&selector).find_map(|script| {
        let json: serde_json::Value =
            serde_json::from_str(script.text().collect::<String>().trim()).ok()?;
        let body = find(&json)?.trim();
        (!body.is_empty()).then_some(body)?;
        body.contains('<').then(|| body.to_string())
    })
}

/// Whether two texts begin with the same 200 characters, whitespace
/// ignored (all of the shorter one, when it is shorter).
fn same_start(a: &str, b: &str) -> bool {
    let solid = |s: &str| {
        s.chars()
            .filter(|c| !c.is_whitespace())
            .take(200)
            .collect::<String>()
    };
    let (a, b) = (solid(a), solid(b));
    !a.is_empty() && !b.is_empty() && (a.starts_with(&b) || b.starts_with(&a))
}

/// A line of the extracted text: whether it is all link text, and whether
/// it stands alone as a paragraph (not a heading or list item).
#[derive(Debug, Clone, Copy)]
struct Line<'a> {
    text: &'a str,
    link: bool,
    paragraph: bool,
}

/// Whitespace collapsed to single spaces.
fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// What a block of the extracted HTML is made of.
#[derive(Debug, Clone, Copy, Default)]
struct Share {
    /// Characters inside links, and in all (whitespace not counted).
    linked: usize,
    chars: usize,
    /// Some of it is in a heading or a list item.
    listed: bool,
}

/// Each block of the extracted HTML, whitespace collapsed, and its share
/// of link text.
fn link_shares(html: &str) -> std::collections::HashMap<String, Share> {
    const LISTED: &[&str] = &["h1", "h2", "h3", "h4", "h5", "h6", "li", "dt", "dd"];
    let frag = Html::parse_fragment(html);
    let mut shares = std::collections::HashMap::new();
    let mut text = String::new();
    let mut share = Share::default();
    let (mut in_link, mut in_listed) = (0usize, 0usize);
    let mut end = |text: &mut String, share: &mut Share| {
        let t = collapse(text);
        if !t.is_empty() {
            share.chars = t.chars().filter(|c| !c.is_whitespace()).count();
            shares.insert(t, *share);
        }
        text.clear();
        *share = Share::default();
    };
    for edge in frag.root_element().traverse() {
        match edge {
            Edge::Open(node) => match node.value() {
                Node::Element(e) if e.name() == "a" => in_link += 1,
                Node::Element(e) if BLOCK.contains(&e.name()) => {
                    end(&mut text, &mut share);
                    in_listed += usize::from(LISTED.contains(&e.name()));
                }
                Node::Text(t) => {
                    if in_link > 0 {
                        share.linked += t.chars().filter(|c| !c.is_whitespace()).count();
                    }
                    share.listed |= in_listed > 0 && !t.trim().is_empty();
                    text.push_str(t);
                }
                _ => {}
            },
            Edge::Close(node) => match node.value() {
                Node::Element(e) if e.name() == "a" => in_link = in_link.saturating_sub(1),
                Node::Element(e) if BLOCK.contains(&e.name()) => {
                    end(&mut text, &mut share);
                    in_listed -= usize::from(LISTED.contains(&e.name()));
                }
                _ => {}
            },
        }
    }
    end(&mut text, &mut share);
    shares
}

/// Links left in the article as lines of their own: lists of them (related
/// stories, teasers, tags: a link line next to another) and a paragraph of
/// three words or more between two others that is only a link ("READ MORE
/// ON ... BY CLICKING HERE", a teaser) are dropped; one that opens or ends
/// the article is more often its own (a results link, a source). A lone link that is a
/// heading or a list item (a product in a gift guide, a shop's button) stays.
fn drop_link_runs(lines: &mut Vec<Line>) {
    let n = lines.len();
    let drop: Vec<bool> = (0..n)
        .map(|i| {
            lines[i].link
                && ((i > 0 && lines[i - 1].link)
                    || (i + 1 < n && lines[i + 1].link)
                    || (lines[i].paragraph
                        && i > 0
                        && i + 1 < n
                        && lines[i].text.split_whitespace().count() >= 3))
        })
        .collect();
    let mut i = 0;
    lines.retain(|_| {
        i += 1;
        !drop[i - 1]
    });
}

/// A line's words, lower case, joined by single spaces: punctuation and
/// spacing do not count.
fn word_key(s: &str) -> String {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

/// The page's headline as [`word_key`]s, from the extractor's title and the
/// `<title>` element, whole and each part around a " | " or " - " (the
/// site's name): a line that repeats one is the headline or a kicker,
/// which is metadata, not body. Titles under three words are left alone.
fn title_keys(meta: Option<&str>, element: Option<&str>) -> Vec<String> {
    let mut keys = Vec::new();
    for t in [meta, element].into_iter().flatten() {
        keys.push(word_key(t));
        for sep in [" | ", " - ", " – ", " — ", " :: "] {
            keys.extend(t.split(sep).map(word_key));
        }
    }
    keys.retain(|k| k.split(' ').count() >= 3);
    keys.sort_unstable();
    keys.dedup();
    keys
}

/// Headings that open the teasers after an article ("You may also like").
const TRAILER_HEADINGS: &[&str] = &[
    "you may also like",
    "you may also be interested in",
    "you might also like",
    "related stories",
    "related articles",
    "related posts",
    "related news",
    "more stories",
    "more news",
    "recommended for you",
    "recommended stories",
    "most read",
    "most popular",
    "read next",
    "what to read next",
    "trending now",
    "latest news",
    "citation",
    "about the author",
    "filed under",
    "leave a reply",
    "leave a comment",
    "comments",
];

/// Where the teasers after the article begin: the first trailer heading
/// with at least half of the text before it (an early one heads a box the
/// extractor left inside the article, which the chrome filter handles).
fn trailer_start(lines: &[&str]) -> usize {
    let words: usize = lines.iter().map(|l| l.split_whitespace().count()).sum();
    let mut seen = 0;
    for (i, line) in lines.iter().enumerate() {
        let key = line
            .trim_end_matches(['.', ':', '…', '!'])
            .trim()
            .to_lowercase();
        if seen * 2 >= words && TRAILER_HEADINGS.contains(&key.as_str()) {
            return i;
        }
        seen += line.split_whitespace().count();
    }
    lines.len()
}

/// Whitespace collapsed; `None` when blank.
fn clean_field(s: Option<String>) -> Option<String> {
    let s = s?.split_whitespace().collect::<Vec<_>>().join(" ");
    (!s.is_empty()).then_some(s)
}

/// Deepest element nesting, counted without recursion.
fn depth(doc: &Html) -> usize {
    let (mut open, mut max) = (0usize, 0usize);
    for edge in doc.root_element().traverse() {
        match edge {
            Edge::Open(_) => {
                open += 1;
                max = max.max(open);
            }
            Edge::Close(_) => open -= 1,
        }
    }
    max
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
mod tests;
