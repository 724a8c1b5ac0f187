//! A self-contained page to read or print: no scripts, no external assets,
//! every piece of article text escaped.

use super::{Report, is_web_url};
use html_escape::{encode_double_quoted_attribute as attr, encode_text as text};
use std::fmt::Write;

const STYLE: &str = "body{font:15px/1.55 Georgia,serif;color:#1f2328;max-width:46rem;margin:2rem auto;padding:0 1rem}\
h1{font-size:1.5rem;margin-bottom:.25rem}.meta,.facts,footer{color:#57606a;font:13px/1.5 system-ui,sans-serif}\
section{border-top:1px solid #d0d7de;padding:.75rem 0;break-inside:avoid}h2{font-size:1.05rem;margin:.25rem 0}\
blockquote{margin:.5rem 0;padding-left:.75rem;border-left:3px solid #d0d7de;white-space:pre-wrap}\
.verdict{display:inline-block;padding:0 .5rem;border-radius:1rem;color:#fff;font:600 13px/1.6 system-ui,sans-serif}\
.proposed{background:#fff;border:1px dashed #57606a;color:#57606a}\
ol.notes{padding-left:1.6rem;font-size:14px}a{color:#0969da}\
@media print{a{color:inherit}body{margin:0;max-width:none}h2{break-after:avoid}\
ol.notes a[href]::after{content:\" <\" attr(href) \">\";font:11px/1.4 system-ui,sans-serif;word-break:break-all}}";

fn link(label: &str, url: &str) -> String {
    if is_web_url(url) {
        format!("<a href=\"{}\">{}</a>", attr(url), text(label))
    } else {
        text(label).into_owned()
    }
}

/// Outlet, date and a link named `link_text`, as far as they are known.
fn article_meta(a: &super::ReportArticle, link_text: &str) -> Vec<String> {
    let mut meta = Vec::new();
    if let Some(o) = &a.outlet {
        meta.push(text(o).into_owned());
    }
    if let Some(p) = a.published_at {
        meta.push(p.format("%Y-%m-%d").to_string());
    }
    match &a.url {
        Some(u) => meta.push(link(link_text, u)),
        None if link_text != "original article" => meta.insert(0, text(link_text).into_owned()),
        None => {}
    }
    meta
}

pub fn render(r: &Report) -> String {
    let title = r.title();
    let title = title.as_str();
    let mut out = String::new();
    let _ = write!(
        out,
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>Verification report: {}</title><style>{STYLE}</style></head><body>\n",
        text(title)
    );
    let _ = writeln!(out, "<h1>{}</h1>", text(title));
    let meta = match &r.article {
        Some(a) => article_meta(a, "original article"),
        None => vec![format!("{} articles", r.articles.len())],
    };
    let _ = writeln!(
        out,
        "<p class=\"meta\">{}</p>\n<p class=\"meta\">{}</p>",
        meta.join(" · "),
        text(&r.summary_line())
    );
    let colour = |v: &str| {
        r.verdict_scale
            .iter()
            .find(|l| l.label == v)
            .map_or("#57606a".to_string(), |l| l.colour.clone())
    };
    // Evidence is numbered across the report, as notes are in print.
    let mut note = 0;
    for c in &r.claims {
        let verdict = match (c.verdict_shown(), c.verdict.as_deref()) {
            (Some((v, true)), Some(label)) => format!(
                " <span class=\"verdict\" style=\"background:{}\">{}</span>",
                attr(&colour(label)),
                text(&v)
            ),
            (Some((v, _)), _) => format!(
                " <span class=\"verdict proposed\">{} (proposed, awaiting approval)</span>",
                text(&v)
            ),
            (None, _) => String::new(),
        };
        let _ = writeln!(
            out,
            "<section id=\"claim-{}\"><h2>{}. {}{verdict}</h2>",
            c.number,
            c.number,
            text(c.attributed_to())
        );
        if let (None, Some(a)) = (&r.article, r.article_of(c)) {
            let name = a.title.as_deref().unwrap_or("Untitled article");
            let _ = writeln!(
                out,
                "<p class=\"meta\">From {}</p>",
                article_meta(a, name).join(" · ")
            );
        }
        let _ = writeln!(out, "<blockquote>{}</blockquote>", text(&c.content));
        let _ = writeln!(
            out,
            "<p class=\"facts\">{}</p>",
            text(&c.facts().join(" · "))
        );
        if let Some(note) = &c.verdict_note {
            let _ = writeln!(out, "<p><strong>Why:</strong> {}</p>", text(note));
        }
        if !c.evidence.is_empty() {
            let _ = write!(
                out,
                "<p class=\"facts\">Evidence:</p><ol class=\"notes\" start=\"{}\">",
                note + 1
            );
            note += c.evidence.len();
            for e in &c.evidence {
                let name = e.title.as_deref().unwrap_or(&e.url);
                let _ = write!(
                    out,
                    "<li><em>{}</em>: {}",
                    text(&e.stance),
                    link(name, &e.url)
                );
                if let Some(p) = &e.publisher {
                    let _ = write!(out, ", {}", text(p));
                }
                if let Some(x) = &e.excerpt {
                    let _ = write!(out, ": “{}”", text(x));
                }
                out.push_str("</li>");
            }
            out.push_str("</ol>\n");
        }
        out.push_str("</section>\n");
    }
    let publisher = match &r.publisher.url {
        Some(u) => link(&r.publisher.name, u),
        None => text(&r.publisher.name).into_owned(),
    };
    let _ = writeln!(
        out,
        "<footer>Generated {} by {publisher}. {}</footer>\n</body></html>",
        r.generated_at.format("%Y-%m-%d %H:%M UTC"),
        text(&format!(
            "Requested by {}; claims from extractor version {}; holds {}.",
            r.provenance.generated_by,
            r.provenance.extractor_version,
            r.provenance.include.describe()
        ))
    );
    out
}

#[cfg(test)]
mod tests {
    use super::super::{Format, tests::sample};

    #[test]
    fn article_text_cannot_inject_markup() {
        let html = sample().render(Format::Html).unwrap();
        assert!(!html.contains("<script"), "{html}");
        assert!(html.contains("&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;"));
        assert!(html.contains(
            "<title>Verification report: Bridge &lt;b&gt;costs&lt;/b&gt; &amp; \"delays\"</title>"
        ));
        assert!(html.contains("href=\"https://news.example.org/bridge?a=1&amp;b=2\""));
        assert!(html.contains("<h2>1. Ana Ruiz <span class=\"verdict\" style=\"background:#000\">Mostly false</span></h2>"));
        assert!(html.contains("True (proposed, awaiting approval)"));
        assert!(html.contains("Generated 2026-11-27 09:30 UTC by <a href=\"https://desk.example.org/\">Desk &amp; Co</a>"));
        assert!(!html.contains("Must read"));
        assert!(
            html.contains("<ol class=\"notes\" start=\"1\"><li><em>refutes</em>"),
            "evidence as numbered notes: {html}"
        );
        assert!(html.contains("break-inside:avoid") && html.contains("attr(href)"));
    }
}
