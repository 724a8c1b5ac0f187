//! A report to read, paste into a CMS or diff: one section per claim.

use super::{Report, is_web_url};
use std::fmt::Write;

/// Backslash-escapes what CommonMark could read as markup, so article text
/// stays text: emphasis, code, links, HTML, entities and table pipes
/// anywhere, and at a line's start what would open a heading, a list or a
/// block quote ("# 1", "- x", "2025. The").
fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    let mut line_start = true;
    let mut chars = s.chars().peekable();
    while let Some(ch) = chars.next() {
        let inline = matches!(
            ch,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' | '&'
        );
        if inline || (line_start && matches!(ch, '#' | '+' | '-' | '=')) {
            out.push('\\');
        }
        out.push(ch);
        if line_start && ch.is_ascii_digit() {
            // "2025. The" would start an ordered list.
            while let Some(d) = chars.next_if(char::is_ascii_digit) {
                out.push(d);
            }
            if let Some(p) = chars.next_if(|&p| p == '.' || p == ')') {
                out.push('\\');
                out.push(p);
            }
        }
        line_start = ch == '\n' || (line_start && ch == ' ');
    }
    out
}

/// A link destination in angle brackets; the few characters that could end
/// it early are percent-encoded.
fn dest(url: &str) -> String {
    let mut out = String::with_capacity(url.len() + 2);
    out.push('<');
    for ch in url.chars() {
        match ch {
            '<' => out.push_str("%3C"),
            '>' => out.push_str("%3E"),
            ' ' => out.push_str("%20"),
            '\n' | '\r' => {}
            c => out.push(c),
        }
    }
    out.push('>');
    out
}

fn link(text: &str, url: &str) -> String {
    if is_web_url(url) {
        format!("[{}]({})", esc(text), dest(url))
    } else {
        esc(text)
    }
}

/// Quoted text, every line of it inside the block quote.
fn quote(s: &str) -> String {
    s.lines()
        .map(|l| format!("> {}", esc(l)))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Outlet, date and a link named `link_text`, as far as they are known.
fn article_meta(a: &super::ReportArticle, link_text: &str) -> Vec<String> {
    let mut meta = Vec::new();
    if let Some(o) = &a.outlet {
        meta.push(esc(o));
    }
    if let Some(p) = a.published_at {
        meta.push(p.format("%Y-%m-%d").to_string());
    }
    match &a.url {
        Some(u) => meta.push(link(link_text, u)),
        None if link_text != "original article" => meta.insert(0, esc(link_text)),
        None => {}
    }
    meta
}

pub fn render(r: &Report) -> String {
    head(r, true) + &claims(r)
}

/// Title, articles, counts (when known: a streamed report gives them at
/// the end) and provenance.
pub fn head(r: &Report, counts: bool) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# Verification report: {}\n", esc(&r.title()));
    let meta = match &r.article {
        Some(a) => article_meta(a, "original article"),
        None if counts => vec![format!("{} articles", r.articles.len())],
        None => Vec::new(),
    };
    if !meta.is_empty() {
        let _ = writeln!(out, "{}\n", meta.join(" · "));
    }
    if counts {
        let _ = writeln!(out, "{}\n", esc(&r.summary_line()));
    } else {
        let _ = writeln!(
            out,
            "Claims as they were read; the counts close the report.\n"
        );
    }
    let _ = writeln!(out, "{}\n", esc(&r.provenance_line()));
    out
}

/// The closing counts of a streamed report.
pub fn tail(summary: &super::Summary, include: super::Include) -> String {
    format!("## Counts\n\n{}\n", esc(&summary.line(include)))
}

/// One section per claim.
pub fn claims(r: &Report) -> String {
    let mut out = String::new();
    for c in &r.claims {
        let verdict = match c.verdict_shown() {
            Some((v, true)) => format!(": **{}**", esc(&v)),
            Some((v, false)) => format!(": {} (proposed, awaiting approval)", esc(&v)),
            None => String::new(),
        };
        let who = esc(c.attributed_to());
        let _ = writeln!(out, "## {}\\. {who}{verdict}\n", c.number);
        if let (None, Some(a)) = (&r.article, r.article_of(c)) {
            let name = a.title.as_deref().unwrap_or("Untitled article");
            let _ = writeln!(out, "From {}\n", article_meta(a, name).join(" · "));
        }
        let _ = writeln!(out, "{}\n", quote(&c.content));
        let _ = writeln!(out, "{}\n", esc(&c.facts().join(" · ")));
        if let Some(note) = &c.verdict_note {
            let _ = writeln!(out, "**Why:** {}\n", esc(note));
        }
        if !c.evidence.is_empty() {
            let _ = writeln!(out, "Evidence:\n");
            for e in &c.evidence {
                let name = e.title.as_deref().unwrap_or(&e.url);
                let mut line = format!("- *{}*: {}", e.stance, link(name, &e.url));
                if let Some(p) = &e.publisher {
                    let _ = write!(line, ", {}", esc(p));
                }
                if let Some(x) = &e.excerpt {
                    let _ = write!(line, ": “{}”", esc(x));
                }
                let _ = writeln!(out, "{line}");
            }
            out.push('\n');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::{Format, tests::sample};
    use super::*;

    #[test]
    fn markup_in_article_text_is_escaped() {
        let md = sample().render(Format::Markdown).unwrap();
        assert!(
            md.starts_with("# Verification report: Bridge \\<b\\>costs\\</b\\> \\& \"delays\"\n"),
            "{md}"
        );
        assert!(md.contains("> the bridge cost $4 million, \"twice\" the \\*plan\\*\n"));
        assert!(md.contains("## 1\\. Ana Ruiz: **Mostly false**\n"));
        assert!(md.contains("## 2\\. Ana Ruiz: True (proposed, awaiting approval)\n"));
        assert!(md.contains("## 3\\. The article\n"));
        assert!(md.contains("> \\</script\\>\\<script\\>alert(1)\\</script\\>\n"));
        assert!(md.contains("**Why:** Audit: $3.1m \\| not $4m\n"));
        assert!(md.contains("Status: approved · kind: indirect · cue: “said” · source: “The mayor” · check-worthiness: 0.70\n"));
        assert!(md.contains(
            "- *refutes*: [City audit \\[2026\\]](<https://audit.example.gov/report%20(final).pdf>), Audit office"
        ));
        assert!(!md.contains("Must read"), "dismissed claims are left out");
    }

    #[test]
    fn line_starts_that_open_blocks_are_escaped() {
        assert_eq!(esc("# 1"), "\\# 1");
        assert_eq!(esc("- x - y"), "\\- x - y");
        assert_eq!(esc("2025. The year"), "2025\\. The year");
        assert_eq!(esc("In 2025. Then"), "In 2025. Then");
        assert_eq!(esc("a\n+ b\n  3) c"), "a\n\\+ b\n  3\\) c");
        assert_eq!(quote("one\n> two"), "> one\n> \\> two");
    }

    #[test]
    fn only_web_addresses_become_links() {
        assert_eq!(link("x", "javascript:alert(1)"), "x");
        assert_eq!(link("x", "HTTPS://a.example/"), "[x](<HTTPS://a.example/>)");
    }
}
