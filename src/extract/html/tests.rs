use super::{html_to_text, page};

/// Long enough that the extractor takes it for an article.
const PARA1: &str = "The council voted six to one on Tuesday to close the old \
    water plant by March, after a year of debate over its cost to the town.";
const PARA2: &str = "Residents who spoke at the meeting were divided, and several \
    asked the council to publish the engineers' report before the closure.";
const PARA3: &str = "The mayor said the savings would pay for new pipes in the \
    eastern districts, where leaks have cut the supply twice this year.";

#[test]
fn keeps_paragraphs_headings_quotes_and_lists_drops_chrome() {
    let html = format!(
        r#"<html><head><title>T</title><style>p{{}}</style></head><body>
        <nav><ul><li><a href="/">Home</a></li><li><a href="/x">Latest</a></li></ul></nav>
        <div id="cookie-banner">We use cookies to improve your experience. Accept all cookies</div>
        <article><h1>Council votes to close plant</h1>
        <p class="byline">By Jane Roe</p>
        <p>{PARA1}</p><h2>What happens next</h2><p>{PARA2}</p><script>var x=1;</script>
        <blockquote><p>It is done, and the town will be better for it in the long run.</p></blockquote>
        <ul><li>The plant closes in March after sixty years of service.</li>
        <li>New pipes are laid in the eastern districts over the summer.</li></ul>
        <div class="share"><a href="/s">Share this</a></div>
        <p>{PARA3}</p></article>
        <aside class="related"><h3>Related stories</h3><ul>
        <li><a href="/a">Town fair draws record crowd</a></li>
        <li><a href="/b">Bridge reopens after repairs</a></li></ul></aside>
        <div class="newsletter">Subscribe to our newsletter for the latest news</div>
        <footer>© 2026 Example Media. All rights reserved.</footer></body></html>"#
    );
    let text = html_to_text(&html);
    for kept in [
        PARA1,
        "What happens next",
        PARA2,
        "It is done, and the town will be better",
        "The plant closes in March",
        "New pipes are laid",
        PARA3,
    ] {
        assert!(text.contains(kept), "{kept:?} missing from {text:?}");
    }
    for dropped in [
        "Home",
        "cookies",
        "By Jane Roe",
        "Share this",
        "Related stories",
        "Town fair",
        "newsletter",
        "©",
        "var x",
    ] {
        assert!(!text.contains(dropped), "{dropped:?} kept in {text:?}");
    }
    assert!(text.contains("\n\n"), "paragraphs apart: {text:?}");
}

#[test]
fn short_pages_keep_their_paragraph_breaks() {
    let html = "<body><header>Site name</header><p>First <b>para</b>graph.</p>\
                <p>Second one.</p><footer>© 2026</footer></body>";
    assert_eq!(html_to_text(html), "First paragraph.\n\nSecond one.");
}

fn article_with(head: &str, body_extra: &str) -> String {
    format!(
        "<html><head>{head}</head><body><article>{body_extra}\
         <p>{PARA1}</p><p>{PARA2}</p><p>{PARA3}</p></article></body></html>"
    )
}

#[test]
fn metadata_from_the_title_element() {
    let p = page(&article_with("<title> Plant to close </title>", ""));
    assert_eq!(p.meta.title.as_deref(), Some("Plant to close"));
}

#[test]
fn metadata_from_open_graph() {
    let p = page(&article_with(
        r#"<meta property="og:title" content="Plant to close">
           <meta property="og:site_name" content="The Example Post">
           <meta property="og:url" content="https://news.example.org/plant">
           <meta name="author" content="Jane Roe">
           <meta property="article:published_time" content="2026-11-20T08:00:00Z">"#,
        "",
    ));
    assert_eq!(p.meta.title.as_deref(), Some("Plant to close"));
    assert_eq!(p.meta.outlet.as_deref(), Some("The Example Post"));
    assert_eq!(p.meta.authors.as_deref(), Some("Jane Roe"));
    assert_eq!(
        p.meta.canonical_url.as_deref(),
        Some("https://news.example.org/plant")
    );
    assert_eq!(
        p.meta.published_at.map(|d| d.to_rfc3339()).as_deref(),
        Some("2026-11-20T08:00:00+00:00")
    );
}

#[test]
fn metadata_from_news_article_json_ld() {
    let p = page(&article_with(
        r#"<script type="application/ld+json">{"@context": "https://schema.org",
           "@type": "NewsArticle", "headline": "Plant to close",
           "author": [{"@type": "Person", "name": "Jane Roe"}],
           "datePublished": "2026-11-20T08:00:00+01:00",
           "publisher": {"@type": "Organization", "name": "The Example Post"}}</script>"#,
        "",
    ));
    assert_eq!(p.meta.title.as_deref(), Some("Plant to close"));
    assert!(
        p.meta
            .authors
            .as_deref()
            .is_some_and(|a| a.contains("Jane Roe"))
    );
    assert_eq!(
        p.meta.published_at.map(|d| d.to_rfc3339()).as_deref(),
        Some("2026-11-20T07:00:00+00:00")
    );
    assert!(!p.text.contains("NewsArticle"));
}

#[test]
fn metadata_from_time_and_canonical_link() {
    let p = page(&article_with(
        r#"<link rel="canonical" href="https://news.example.org/plant">"#,
        r#"<p>Published <time datetime="2026-11-20T08:00:00Z">20 November 2026</time></p>"#,
    ));
    assert_eq!(
        p.meta.canonical_url.as_deref(),
        Some("https://news.example.org/plant")
    );
    assert_eq!(
        p.meta.published_at.map(|d| d.to_rfc3339()).as_deref(),
        Some("2026-11-20T08:00:00+00:00")
    );
}

#[test]
fn teasers_after_a_late_trailer_heading_are_cut() {
    use super::trailer_start;
    let lines = [
        PARA1,
        PARA2,
        "You may also like:",
        "Town fair draws record crowd",
    ];
    assert_eq!(trailer_start(&lines), 2);
    // Too early to be the end of the article: kept.
    let lines = ["Related stories", PARA1, PARA2];
    assert_eq!(trailer_start(&lines), 3);
    // An author's bio, a citation block and comments end an article too.
    for heading in ["About the author", "Citation:", "Comments", "Leave a Reply"] {
        let lines = [PARA1, PARA2, heading, "Jane Roe writes about water."];
        assert_eq!(trailer_start(&lines), 2, "{heading}");
    }
}

/// A fourth paragraph, so that bodies pass the extractor's length bars.
const PARA4: &str = "Engineers expect the new pipes to last fifty years, and the \
    council will review the water rates once the work in the east is done.";

#[test]
fn a_json_ld_body_in_html_keeps_its_paragraphs_once() {
    // The body carries an element written as self-closing, which HTML
    // leaves open around the rest; the page shows only a teaser.
    let body = format!(
        "<p>{PARA1}</p><div data-embed=\\\"video\\\"/><p>{PARA2}</p>\
         <div data-embed=\\\"video\\\"/><p>{PARA3}</p><p>{PARA4}</p>"
    );
    let html = format!(
        r#"<html><head><title>Plant to close</title>
        <script type="application/ld+json">{{"@type": "NewsArticle",
        "headline": "Plant to close", "articleBody": "{body}"}}</script></head>
        <body><article><p>The council voted on Tuesday.</p></article></body></html>"#
    );
    let text = html_to_text(&html);
    for para in [PARA1, PARA2, PARA3, PARA4] {
        assert_eq!(text.matches(para).count(), 1, "{para:?} in {text:?}");
    }
    assert!(text.contains(&format!("{PARA1}\n\n{PARA2}")), "{text:?}");
}

#[test]
fn sections_beside_a_short_article_are_not_merged_in() {
    let panels: String = (0..5)
        .map(|i| {
            let sentences: String = (0..6)
                .map(|j| {
                    format!(
                        "Panel {i} line {j} lists the garden club schedule and \
                         the opening hours of the library annex. "
                    )
                })
                .collect();
            format!("<section><h3>Panel {i}</h3><p>{sentences}</p></section>")
        })
        .collect();
    let html = format!(
        "<html><head><title>Plant to close</title></head><body><div>\
         <article><h1>Plant to close</h1><p>{PARA1}</p><p>{PARA2}</p>\
         <p>{PARA3}</p></article></div><div>{panels}</div></body></html>"
    );
    let text = html_to_text(&html);
    for para in [PARA1, PARA2, PARA3] {
        assert!(text.contains(para), "{para:?} missing from {text:?}");
    }
    assert!(!text.contains("Panel"), "{text:?}");
}

#[test]
fn lists_of_links_and_lone_link_paragraphs_are_dropped() {
    let html = format!(
        r#"<html><head><title>Plant to close</title></head><body><article>
        <h1>Plant to close</h1><p>{PARA1}</p>
        <p><strong><a href="/app">GET OUR NEWS APP ON THE GO BY CLICKING HERE</a></strong></p>
        <p>{PARA2}</p><p>The <a href="/report">engineers' report</a> is due in May, \
        and the council will publish it on the town's website.</p>
        <h3><a href="/pipes">Pipe works in the east</a></h3><p>{PARA3}</p>
        <div><div><a href="/a">Town fair draws a record crowd this year</a></div>
        <div><a href="/b">Bridge reopens after two months of repairs</a></div>
        <div><a href="/c">School board names a new head teacher</a></div></div>
        <p>{PARA4}</p></article></body></html>"#
    );
    let text = html_to_text(&html);
    for kept in [
        PARA1,
        PARA2,
        "engineers' report is due in May",
        "Pipe works in the east",
        PARA3,
        PARA4,
    ] {
        assert!(text.contains(kept), "{kept:?} missing from {text:?}");
    }
    for dropped in ["NEWS APP", "Town fair", "Bridge reopens", "School board"] {
        assert!(!text.contains(dropped), "{dropped:?} kept in {text:?}");
    }
}

#[test]
fn link_runs_need_two_lines_and_lone_links_a_paragraph() {
    use super::{Line, drop_link_runs};
    let line = |text, link, paragraph| Line {
        text,
        link,
        paragraph,
    };
    let mut lines = vec![
        line(PARA1, false, true),
        line("Buy it here", true, false),
        line(PARA2, false, true),
        line("Town fair draws a record crowd", true, false),
        line("Bridge reopens", true, false),
        line("Read our full guide to the plant", true, true),
        line(PARA3, false, true),
    ];
    drop_link_runs(&mut lines);
    let kept: Vec<&str> = lines.iter().map(|l| l.text).collect();
    assert_eq!(kept, [PARA1, "Buy it here", PARA2, PARA3]);
}

#[test]
fn a_line_repeating_the_headline_is_dropped() {
    let html = format!(
        "<html><head><title>Council votes to close the plant | The Example Post</title>\
         </head><body><article><p>Breaking news</p><h2>Council votes to close the plant</h2>\
         <p>{PARA1}</p><p>{PARA2}</p><h2>Council votes</h2><p>{PARA3}</p></article>\
         </body></html>"
    );
    let text = html_to_text(&html);
    assert!(!text.contains("to close the plant\n"), "{text:?}");
    for kept in [PARA1, PARA2, PARA3, "Council votes"] {
        assert!(text.contains(kept), "{kept:?} missing from {text:?}");
    }
    let keys = super::title_keys(Some("Plant: a 'final' vote"), Some("Plant - Example"));
    assert_eq!(keys, ["plant a final vote"]);
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
