//! Verification reports: one article's claims with their review status,
//! verdict and evidence, rendered for people (Markdown, printable HTML), for
//! spreadsheets (CSV), for programs (JSON) and for search engines (schema.org
//! ClaimReview JSON-LD). Pure: the caller loads the rows, nothing here does
//! I/O, so every format is rendered from the same [`Report`].

mod claimreview;
mod csv;
mod html;
mod markdown;

use crate::config::{ReportSettings, Settings, VerdictLabel};
use crate::review::{ArticleId, ClaimId, ClaimKind, Stance, Status};
use crate::store::articles::Article;
use crate::store::claims::ClaimRow;
use crate::store::evidence::Evidence;
use chrono::{DateTime, Utc};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};

#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    #[error("writing CSV: {0}")]
    Csv(#[from] ::csv::Error),
    #[error("writing JSON: {0}")]
    Json(#[from] serde_json::Error),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Json,
    Csv,
    Markdown,
    Html,
    ClaimReview,
}

impl Format {
    /// The names `parse` accepts, for error messages and the API docs.
    pub const NAMES: [&'static str; 5] = ["json", "csv", "markdown", "html", "claimreview"];

    pub fn parse(name: &str) -> Option<Format> {
        Some(match name.to_ascii_lowercase().as_str() {
            "json" => Format::Json,
            "csv" => Format::Csv,
            "markdown" | "md" => Format::Markdown,
            "html" => Format::Html,
            "claimreview" | "jsonld" | "json-ld" => Format::ClaimReview,
            _ => return None,
        })
    }

    pub fn content_type(self) -> &'static str {
        match self {
            Format::Json => "application/json",
            Format::Csv => "text/csv; charset=utf-8",
            Format::Markdown => "text/markdown; charset=utf-8",
            Format::Html => "text/html; charset=utf-8",
            Format::ClaimReview => "application/ld+json",
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            Format::Json => "json",
            Format::Csv => "csv",
            Format::Markdown => "md",
            Format::Html => "html",
            Format::ClaimReview => "jsonld",
        }
    }
}

/// Who publishes the report: ClaimReview's `author`, the HTML footer.
#[derive(Debug, Clone, Serialize)]
pub struct Publisher {
    pub name: String,
    pub url: Option<String>,
    /// The fact check's own page, `{claim_id}` and `{article_id}` filled in.
    pub review_url: Option<String>,
}

impl From<&ReportSettings> for Publisher {
    fn from(s: &ReportSettings) -> Self {
        let set = |v: &String| Some(v.clone()).filter(|v| !v.is_empty());
        Publisher {
            name: s.publisher.clone(),
            url: set(&s.publisher_url),
            review_url: set(&s.review_url),
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub article: ReportArticle,
    pub publisher: Publisher,
    pub generated_at: DateTime<Utc>,
    pub summary: Summary,
    pub claims: Vec<ReportClaim>,
    /// The verdict scale the verdicts come from, best first.
    pub verdict_scale: Vec<VerdictLabel>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ReportArticle {
    pub id: ArticleId,
    pub title: Option<String>,
    pub url: Option<String>,
    pub outlet: Option<String>,
    pub published_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Summary {
    pub claims: usize,
    /// Claims per review status.
    pub by_status: BTreeMap<String, usize>,
    /// Approved claims per verdict.
    pub approved_verdicts: BTreeMap<String, usize>,
    /// Claims editors marked as not being claims; left out of `claims`.
    pub dismissed: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct ReportClaim {
    /// 1-based position in the report (reading order).
    pub number: usize,
    pub id: ClaimId,
    pub kind: ClaimKind,
    pub speaker: Option<String>,
    pub source: Option<String>,
    pub cue: Option<String>,
    pub content: String,
    pub checkworthiness: f32,
    pub status: Status,
    /// Final once `status` is `approved`; a proposal before that.
    pub verdict: Option<String>,
    pub verdict_note: Option<String>,
    pub updated_at: DateTime<Utc>,
    pub evidence: Vec<ReportEvidence>,
}

impl ReportClaim {
    pub fn approved(&self) -> bool {
        self.status == Status::Approved && self.verdict.is_some()
    }

    /// Whom a heading names: the speaker, an unnamed one, or the article.
    fn attributed_to(&self) -> &str {
        match (&self.speaker, &self.cue) {
            (Some(s), _) => s,
            (None, Some(_)) => "Unnamed source",
            (None, None) => "The article",
        }
    }

    /// The verdict as people read it, and whether it is final (approved).
    fn verdict_shown(&self) -> Option<(String, bool)> {
        self.verdict
            .as_deref()
            .map(|v| (Report::verdict_name(v), self.approved()))
    }

    /// The facts printed under the claim's text, unescaped: each format
    /// escapes them its own way.
    fn facts(&self) -> Vec<String> {
        let mut facts = vec![
            format!("Status: {}", self.status.as_str().replace('_', " ")),
            format!("kind: {}", self.kind),
        ];
        if let Some(cue) = &self.cue {
            facts.push(format!("cue: “{cue}”"));
        }
        if let Some(src) = &self.source {
            facts.push(format!("source: “{src}”"));
        }
        facts.push(format!("check-worthiness: {:.2}", self.checkworthiness));
        facts
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct ReportEvidence {
    pub stance: Stance,
    pub url: String,
    pub title: Option<String>,
    pub publisher: Option<String>,
    pub excerpt: Option<String>,
}

impl Report {
    /// `claims` in reading order; `evidence` of those claims, in any order.
    pub fn new(
        article: &Article,
        claims: &[ClaimRow],
        evidence: &[Evidence],
        publisher: Publisher,
        verdict_scale: &[VerdictLabel],
        generated_at: DateTime<Utc>,
    ) -> Report {
        let mut by_claim: HashMap<ClaimId, Vec<ReportEvidence>> = HashMap::new();
        for e in evidence {
            by_claim
                .entry(e.claim_id)
                .or_default()
                .push(ReportEvidence {
                    stance: e.stance,
                    url: e.url.clone(),
                    title: e.title.clone(),
                    publisher: e.publisher.clone(),
                    excerpt: e.excerpt.clone(),
                });
        }
        let kept: Vec<&ClaimRow> = claims.iter().filter(|c| !c.not_a_claim).collect();
        let mut summary = Summary {
            claims: kept.len(),
            by_status: BTreeMap::new(),
            approved_verdicts: BTreeMap::new(),
            dismissed: claims.len() - kept.len(),
        };
        let report_claims = kept
            .into_iter()
            .enumerate()
            .map(|(i, c)| {
                *summary
                    .by_status
                    .entry(c.status.as_str().to_owned())
                    .or_default() += 1;
                let claim = ReportClaim {
                    number: i + 1,
                    id: c.id,
                    kind: c.kind,
                    speaker: c.speaker.clone(),
                    source: c.source_text.clone(),
                    cue: c.cue_text.clone(),
                    content: c.content_text.clone(),
                    checkworthiness: c.checkworthiness,
                    status: c.status,
                    verdict: c.verdict.clone(),
                    verdict_note: c.verdict_note.clone(),
                    updated_at: c.updated_at,
                    evidence: by_claim.remove(&c.id).unwrap_or_default(),
                };
                if let (true, Some(v)) = (claim.approved(), &claim.verdict) {
                    *summary.approved_verdicts.entry(v.clone()).or_default() += 1;
                }
                claim
            })
            .collect();
        Report {
            article: ReportArticle {
                id: article.id,
                title: article.title.clone(),
                url: article.url.clone(),
                outlet: article.outlet.clone(),
                published_at: article.published_at,
            },
            publisher,
            generated_at,
            summary,
            claims: report_claims,
            verdict_scale: verdict_scale.to_vec(),
        }
    }

    /// A report as configured: publisher from `report`, scale from
    /// `workflow.verdicts`, generated now. The API and the CLI both use it.
    pub fn configured(
        article: &Article,
        claims: &[ClaimRow],
        evidence: &[Evidence],
        settings: &Settings,
    ) -> Report {
        Report::new(
            article,
            claims,
            evidence,
            Publisher::from(&settings.report),
            &settings.workflow.verdicts,
            Utc::now(),
        )
    }

    pub fn render(&self, format: Format) -> Result<String, ReportError> {
        Ok(match format {
            Format::Json => serde_json::to_string_pretty(self)?,
            Format::Csv => csv::render(self)?,
            Format::Markdown => markdown::render(self),
            Format::Html => html::render(self),
            Format::ClaimReview => claimreview::to_script_safe_string(&claimreview::render(self))?,
        })
    }

    /// A file name for downloads: the title's words, else the article id.
    pub fn file_name(&self, format: Format) -> String {
        let slug: String = self
            .article
            .title
            .as_deref()
            .unwrap_or("")
            .split(|c: char| !c.is_ascii_alphanumeric())
            .filter(|w| !w.is_empty())
            .take(8)
            .collect::<Vec<_>>()
            .join("-")
            .to_ascii_lowercase();
        let stem = if slug.is_empty() {
            self.article.id.to_string()
        } else {
            slug
        };
        format!("{stem}-report.{}", format.extension())
    }

    /// A verdict's label for people: "mostly_true" → "Mostly true".
    fn verdict_name(label: &str) -> String {
        let mut s = label.replace('_', " ");
        if let Some(first) = s.get(..1) {
            let up = first.to_uppercase();
            s.replace_range(..1, &up);
        }
        s
    }

    /// The one-line summary every human-readable format opens with.
    fn summary_line(&self) -> String {
        let s = &self.summary;
        let mut parts: Vec<String> = s
            .by_status
            .iter()
            .map(|(k, n)| format!("{n} {}", k.replace('_', " ")))
            .collect();
        if s.dismissed > 0 {
            parts.push(format!("{} dismissed as not a claim", s.dismissed));
        }
        let plural = if s.claims == 1 { "claim" } else { "claims" };
        if parts.is_empty() {
            format!("{} {plural}.", s.claims)
        } else {
            format!("{} {plural}: {}.", s.claims, parts.join(", "))
        }
    }
}

/// Only web addresses become links in the documents we write.
fn is_web_url(u: &str) -> bool {
    let lower = u.get(..8).unwrap_or(u).to_ascii_lowercase();
    lower.starts_with("https://") || lower.starts_with("http://")
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use chrono::TimeZone;
    use serde_json::json;

    pub fn scale() -> Vec<VerdictLabel> {
        ["true", "mostly_true", "mixed", "false"]
            .iter()
            .enumerate()
            .map(|(i, l)| VerdictLabel {
                label: l.to_string(),
                ordinal: i as i32 + 1,
                colour: "#000".into(),
            })
            .collect()
    }

    fn at() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 27, 9, 30, 0).unwrap()
    }

    fn claim(article: ArticleId, n: i32, content: &str) -> ClaimRow {
        ClaimRow {
            id: ClaimId::new(),
            article_id: article,
            ordinal: n,
            kind: ClaimKind::Indirect,
            origin: crate::review::Origin::Extracted,
            source_start: Some(0),
            source_end: Some(5),
            source_text: Some("The mayor".into()),
            cue_start: Some(6),
            cue_end: Some(10),
            cue_text: Some("said".into()),
            content_start: 11,
            content_end: 20,
            content_text: content.into(),
            content_pieces: json!([]),
            speaker: Some("Ana Ruiz".into()),
            checkworthiness: 0.7,
            status: Status::Unreviewed,
            verdict: None,
            verdict_note: None,
            proposed_by: None,
            not_a_claim: false,
            assignee_id: None,
            version: 1,
            created_at: at(),
            updated_at: at(),
            extraction_corrected: false,
        }
    }

    /// An article with an approved, a proposed, a fresh and a dismissed claim,
    /// whose texts hold every character the formats must escape.
    pub fn sample() -> Report {
        let article = Article {
            id: ArticleId::new(),
            title: Some("Bridge <b>costs</b> & \"delays\"".into()),
            url: Some("https://news.example.org/bridge?a=1&b=2".into()),
            outlet: Some("Example News".into()),
            published_at: Some(at()),
            body: String::new(),
            body_sha256: String::new(),
            language: "en".into(),
            extractor_version: 4,
            created_by: None,
            created_at: at(),
            updated_at: at(),
            deleted_at: None,
        };
        let mut a = claim(
            article.id,
            1,
            "the bridge cost $4 million, \"twice\" the *plan*",
        );
        a.status = Status::Approved;
        a.verdict = Some("mostly_false".into());
        a.verdict_note = Some("Audit: $3.1m | not $4m".into());
        let mut b = claim(article.id, 2, "=HYPERLINK(\"http://evil\")");
        b.status = Status::VerdictProposed;
        b.verdict = Some("true".into());
        let mut c = claim(article.id, 3, "</script><script>alert(1)</script>");
        c.kind = ClaimKind::Unattributed;
        c.source_text = None;
        c.cue_text = None;
        c.speaker = None;
        let mut d = claim(article.id, 4, "Must read");
        d.not_a_claim = true;
        let ev = Evidence {
            id: crate::review::EvidenceId::new(),
            claim_id: a.id,
            url: "https://audit.example.gov/report (final).pdf".into(),
            title: Some("City audit [2026]".into()),
            publisher: Some("Audit office".into()),
            excerpt: Some("Total: $3.1m".into()),
            stance: Stance::Refutes,
            added_by: crate::review::UserId::new(),
            added_at: at(),
            updated_at: at(),
            version: 1,
        };
        let mut scale = scale();
        scale.push(VerdictLabel {
            label: "mostly_false".into(),
            ordinal: 5,
            colour: "#000".into(),
        });
        Report::new(
            &article,
            &[a, b, c, d],
            &[ev],
            Publisher {
                name: "Desk & Co".into(),
                url: Some("https://desk.example.org/".into()),
                review_url: Some(
                    "https://desk.example.org/checks/{claim_id}?a={article_id}".into(),
                ),
            },
            &scale,
            at(),
        )
    }

    #[test]
    fn dismissed_claims_are_counted_not_listed() {
        let r = sample();
        assert_eq!(r.claims.len(), 3);
        assert_eq!(r.summary.claims, 3);
        assert_eq!(r.summary.dismissed, 1);
        assert_eq!(r.claims[2].number, 3);
        assert_eq!(r.summary.approved_verdicts.get("mostly_false"), Some(&1));
        assert_eq!(
            r.summary.approved_verdicts.get("true"),
            None,
            "proposed only"
        );
        assert_eq!(r.claims[0].evidence.len(), 1);
        assert!(r.claims[1].evidence.is_empty());
    }

    #[test]
    fn formats_parse_by_name_and_alias() {
        for n in Format::NAMES {
            assert!(Format::parse(n).is_some(), "{n}");
        }
        assert_eq!(Format::parse("MD"), Some(Format::Markdown));
        assert_eq!(Format::parse("json-ld"), Some(Format::ClaimReview));
        assert_eq!(Format::parse("pdf"), None);
    }

    #[test]
    fn file_names_come_from_the_title() {
        let r = sample();
        assert_eq!(
            r.file_name(Format::Csv),
            "bridge-b-costs-b-delays-report.csv"
        );
        let mut untitled = r.clone();
        untitled.article.title = Some("¿¡".into());
        assert_eq!(
            untitled.file_name(Format::Markdown),
            format!("{}-report.md", r.article.id)
        );
    }

    #[test]
    fn verdict_names_read_as_words() {
        assert_eq!(Report::verdict_name("mostly_true"), "Mostly true");
        assert_eq!(Report::verdict_name(""), "");
    }

    #[test]
    fn summary_line_counts_by_status() {
        assert_eq!(
            sample().summary_line(),
            "3 claims: 1 approved, 1 unreviewed, 1 verdict proposed, 1 dismissed as not a claim."
        );
    }
}
