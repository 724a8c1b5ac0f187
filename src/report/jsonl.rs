//! JSON Lines: one object per line, so a program can read a large export
//! as it arrives. The first line describes the report (`"record":
//! "report"`), then one `claim` line per claim, then an `end` line with the
//! counts: a download cut short lacks it.

use super::{Report, ReportError};
use serde::Serialize;
use std::collections::HashMap;

#[derive(Serialize)]
struct Head<'a> {
    record: &'static str,
    title: String,
    scope: &'a super::Scope,
    publisher: &'a super::Publisher,
    generated_at: chrono::DateTime<chrono::Utc>,
    provenance: &'a super::Provenance,
    verdict_scale: &'a [crate::config::VerdictLabel],
    /// Known up front only when the whole report is rendered at once.
    #[serde(skip_serializing_if = "Option::is_none")]
    summary: Option<&'a super::Summary>,
}

#[derive(Serialize)]
struct End<'a> {
    record: &'static str,
    claims: usize,
    summary: &'a super::Summary,
    /// Every extractor version that produced a listed claim.
    extractor_versions: &'a [i32],
}

pub fn render(r: &Report) -> Result<String, ReportError> {
    let versions = [r.provenance.extractor_version];
    Ok(head(r, true)? + &claims(r)? + &end(&r.summary, &versions)?)
}

/// The report line; `summary` only when every claim is known.
pub fn head(r: &Report, summary: bool) -> Result<String, ReportError> {
    let line = serde_json::to_string(&Head {
        record: "report",
        title: r.title(),
        scope: &r.scope,
        publisher: &r.publisher,
        generated_at: r.generated_at,
        provenance: &r.provenance,
        verdict_scale: &r.verdict_scale,
        summary: summary.then_some(&r.summary),
    })?;
    Ok(line + "\n")
}

/// One line per claim of `r`: `{"record":"claim", the claim's fields,
/// "article_title", "article_url"}`. Written straight into one buffer (a
/// streamed export renders 2,000 claims per page, so per-line strings and
/// serde's `flatten`, which goes through a map, showed in its throughput).
pub fn claims(r: &Report) -> Result<String, ReportError> {
    let articles: HashMap<_, _> = r.articles.iter().map(|a| (a.id, a)).collect();
    let mut out: Vec<u8> = Vec::with_capacity(r.claims.len() * 700);
    let mut one: Vec<u8> = Vec::with_capacity(2048);
    for c in &r.claims {
        let a = articles.get(&c.article_id);
        one.clear();
        serde_json::to_writer(&mut one, c)?;
        // A struct serialises as a non-empty object: `{` fields `}`.
        let fields = &one[1..one.len() - 1];
        out.extend_from_slice(br#"{"record":"claim","#);
        out.extend_from_slice(fields);
        out.extend_from_slice(br#","article_title":"#);
        serde_json::to_writer(&mut out, &a.and_then(|a| a.title.as_deref()))?;
        out.extend_from_slice(br#","article_url":"#);
        serde_json::to_writer(&mut out, &a.and_then(|a| a.url.as_deref()))?;
        out.extend_from_slice(b"}\n");
    }
    // serde_json writes UTF-8 only.
    Ok(String::from_utf8(out)?)
}

/// The closing line: how many claims the report holds, its counts, and
/// from which extractor versions.
pub fn end(summary: &super::Summary, extractor_versions: &[i32]) -> Result<String, ReportError> {
    Ok(serde_json::to_string(&End {
        record: "end",
        claims: summary.claims,
        summary,
        extractor_versions,
    })? + "\n")
}
