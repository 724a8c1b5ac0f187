//! A report to read, paste into a CMS or diff: one section per claim.

use super::{Report, is_web_url};
use std::fmt::Write;

/// Backslash-escapes every ASCII punctuation mark CommonMark could read as
/// markup, so article text (asterisks, brackets, pipes, HTML) stays text.
fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for ch in s.chars() {
        if matches!(
            ch,
            '\\' | '`'
                | '*'
                | '_'
                | '{'
                | '}'
                | '['
                | ']'
                | '<'
                | '>'
                | '('
                | ')'
                | '#'
                | '+'
                | '-'
                | '.'
                | '!'
                | '|'
                | '~'
                | '&'
                | '"'
        ) {
            out.push('\\');
        }
        out.push(ch);
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

pub fn render(r: &Report) -> String {
    let mut out = String::new();
    let a = &r.article;
    let title = a.title.as_deref().unwrap_or("Untitled article");
    let _ = writeln!(out, "# Verification report: {}\n", esc(title));
    let mut meta = Vec::new();
    if let Some(o) = &a.outlet {
        meta.push(esc(o));
    }
    if let Some(p) = a.published_at {
        meta.push(p.format("%Y-%m-%d").to_string());
    }
    if let Some(u) = &a.url {
        meta.push(link("original article", u));
    }
    if !meta.is_empty() {
        let _ = writeln!(out, "{}\n", meta.join(" · "));
    }
    let _ = writeln!(
        out,
        "{} Generated {} by {}.\n",
        esc(&r.summary_line()),
        r.generated_at.format("%Y-%m-%d %H:%M UTC"),
        esc(&r.publisher.name)
    );
    for c in &r.claims {
        let who = c.speaker.as_deref().unwrap_or(if c.cue.is_some() {
            "Unnamed source"
        } else {
            "The article"
        });
        let verdict = match (&c.verdict, c.approved()) {
            (Some(v), true) => format!(": **{}**", esc(&Report::verdict_name(v))),
            (Some(v), false) => format!(": {} (proposed)", esc(&Report::verdict_name(v))),
            (None, _) => String::new(),
        };
        let _ = writeln!(out, "## {}\\. {}{verdict}\n", c.number, esc(who));
        let _ = writeln!(out, "{}\n", quote(&c.content));
        let mut facts = vec![
            format!("Status: {}", c.status.replace('_', " ")),
            format!("kind: {}", c.kind),
        ];
        if let Some(cue) = &c.cue {
            facts.push(format!("cue: “{}”", esc(cue)));
        }
        if let Some(src) = &c.source {
            facts.push(format!("source: “{}”", esc(src)));
        }
        facts.push(format!("check-worthiness: {:.2}", c.checkworthiness));
        let _ = writeln!(out, "{}\n", facts.join(" · "));
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
        assert!(md.starts_with(
            "# Verification report: Bridge \\<b\\>costs\\</b\\> \\& \\\"delays\\\"\n"
        ));
        assert!(md.contains("> the bridge cost $4 million, \\\"twice\\\" the \\*plan\\*\n"));
        assert!(md.contains("## 1\\. Ana Ruiz: **Mostly false**\n"));
        assert!(md.contains("## 2\\. Ana Ruiz: True (proposed)\n"));
        assert!(md.contains("## 3\\. The article\n"));
        assert!(md.contains("**Why:** Audit: $3\\.1m \\| not $4m\n"));
        assert!(md.contains(
            "- *refutes*: [City audit \\[2026\\]](<https://audit.example.gov/report%20(final).pdf>), Audit office"
        ));
        assert!(!md.contains("Must read"), "dismissed claims are left out");
    }

    #[test]
    fn only_web_addresses_become_links() {
        assert_eq!(link("x", "javascript:alert(1)"), "x");
        assert_eq!(link("x", "HTTPS://a.example/"), "[x](<HTTPS://a.example/>)");
    }
}
