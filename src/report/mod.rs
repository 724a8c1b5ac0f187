//! Verification reports: one article's claims with their review status,
//! verdict and evidence, rendered for people (Markdown, printable HTML), for
//! spreadsheets (CSV), for programs (JSON) and for search engines (schema.org
//! ClaimReview JSON-LD). Pure: the caller loads the rows, nothing here does
//! I/O, so every format is rendered from the same [`Report`].

mod claimreview;
mod csv;
mod html;
mod jsonl;
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
    #[error("writing text: {0}")]
    Utf8(#[from] std::string::FromUtf8Error),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Json,
    Csv,
    Markdown,
    Html,
    ClaimReview,
    /// One JSON object per line: a `report` line, one `claim` line per
    /// claim, an `end` line (so a cut-off download shows).
    JsonLines,
}

impl Format {
    /// The names `parse` accepts, for error messages and the API docs.
    pub const NAMES: [&'static str; 6] =
        ["json", "csv", "markdown", "html", "claimreview", "jsonl"];

    pub fn parse(name: &str) -> Option<Format> {
        Some(match name.to_ascii_lowercase().as_str() {
            "json" => Format::Json,
            "csv" => Format::Csv,
            "markdown" | "md" => Format::Markdown,
            "html" => Format::Html,
            "claimreview" | "jsonld" | "json-ld" => Format::ClaimReview,
            "jsonl" | "ndjson" => Format::JsonLines,
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
            Format::JsonLines => "application/x-ndjson",
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            Format::Json => "json",
            Format::Csv => "csv",
            Format::Markdown => "md",
            Format::Html => "html",
            Format::ClaimReview => "jsonld",
            Format::JsonLines => "jsonl",
        }
    }
}

/// Which claims a report lists, by how far their review has come. The
/// choice is stated in every report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Include {
    /// Approved verdicts only: what may be published.
    Approved,
    /// Approved and proposed verdicts.
    Reviewed,
    /// Every claim not dismissed, whatever its status.
    All,
}

impl Include {
    pub const NAMES: [&'static str; 3] = ["approved", "reviewed", "all"];

    pub fn parse(name: &str) -> Option<Include> {
        match name {
            "approved" => Some(Include::Approved),
            "reviewed" => Some(Include::Reviewed),
            "all" => Some(Include::All),
            _ => None,
        }
    }

    /// Formats meant for publication (HTML, Markdown, ClaimReview) hold
    /// approved verdicts unless asked otherwise; data exports hold all.
    pub fn default_for(format: Format) -> Include {
        match format {
            Format::Html | Format::Markdown | Format::ClaimReview => Include::Approved,
            Format::Json | Format::Csv | Format::JsonLines => Include::All,
        }
    }

    fn admits(self, status: Status) -> bool {
        match self {
            Include::Approved => status == Status::Approved,
            Include::Reviewed => matches!(status, Status::Approved | Status::VerdictProposed),
            Include::All => true,
        }
    }

    /// For people: what the report holds.
    pub fn describe(self) -> &'static str {
        match self {
            Include::Approved => "approved verdicts only",
            Include::Reviewed => "approved and proposed verdicts",
            Include::All => "every claim, reviewed or not",
        }
    }
}

/// How a report came to be: stated in every format.
#[derive(Debug, Clone, Serialize)]
pub struct Provenance {
    /// The signed-in user, or the command line.
    pub generated_by: String,
    pub include: Include,
    /// The extractor version that produced the article's claims.
    pub extractor_version: i32,
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

/// What a report covers: one article, or a selection of the claims list
/// (any filters of `GET /claims`, a speaker's claims among them).
#[derive(Debug, Clone, Serialize)]
pub struct Scope {
    /// For people: "the article", or the filters in words.
    pub description: String,
    /// The filters as given, for selections.
    pub filters: BTreeMap<String, String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub scope: Scope,
    /// The article, for a report of one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub article: Option<ReportArticle>,
    /// Every article a listed claim comes from.
    pub articles: Vec<ReportArticle>,
    pub publisher: Publisher,
    pub generated_at: DateTime<Utc>,
    pub provenance: Provenance,
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

/// What the report counts. `found = dismissed + left_out + claims`, and
/// `by_status` adds up to `claims`.
#[derive(Debug, Clone, Serialize)]
pub struct Summary {
    /// Every claim of the article.
    pub found: usize,
    /// Claims editors marked as not being claims.
    pub dismissed: usize,
    /// Claims the `include` choice leaves out.
    pub left_out: usize,
    /// Claims listed in the report.
    pub claims: usize,
    /// Listed claims per review status.
    pub by_status: BTreeMap<String, usize>,
    /// Approved claims per verdict.
    pub approved_verdicts: BTreeMap<String, usize>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ReportClaim {
    pub article_id: ArticleId,
    /// 1-based position among all the article's claims in reading order:
    /// the number the review screen shows ("Claim 6 of 18"), so it stays the
    /// same whatever a report leaves out.
    pub number: usize,
    pub id: ClaimId,
    pub kind: ClaimKind,
    pub speaker: Option<String>,
    /// person, organisation or group, as the extractor or an editor typed it.
    pub speaker_type: Option<String>,
    /// False when the speaker is the source as written (no antecedent found).
    pub speaker_resolved: bool,
    pub source: Option<String>,
    pub cue: Option<String>,
    pub content: String,
    pub checkworthiness: f32,
    pub status: Status,
    /// The approved verdict, or the proposed one while it awaits approval;
    /// a draft on a claim still in review is not a finding and is left out.
    pub verdict: Option<String>,
    pub verdict_note: Option<String>,
    pub updated_at: DateTime<Utc>,
    pub evidence: Vec<ReportEvidence>,
}

impl Summary {
    /// Adds the counts of another part of the same report (a streamed
    /// report counts page by page).
    pub fn add(&mut self, other: &Summary) {
        self.found += other.found;
        self.dismissed += other.dismissed;
        self.left_out += other.left_out;
        self.claims += other.claims;
        for (k, n) in &other.by_status {
            *self.by_status.entry(k.clone()).or_default() += n;
        }
        for (k, n) in &other.approved_verdicts {
            *self.approved_verdicts.entry(k.clone()).or_default() += n;
        }
    }

    /// The counts in words; they add up ("found" = dismissed + left out +
    /// listed, and the listed ones by status).
    pub fn line(&self, include: Include) -> String {
        let s = self;
        let n = |k: usize, what: &str| format!("{k} {what}{}", if k == 1 { "" } else { "s" });
        let mut out = format!("{} found", n(s.found, "claim"));
        if s.dismissed > 0 {
            out.push_str(&format!("; {} dismissed as not a claim", s.dismissed));
        }
        if s.left_out > 0 {
            out.push_str(&format!(
                "; {} left out (this report holds {})",
                s.left_out,
                include.describe()
            ));
        }
        let parts: Vec<String> = s
            .by_status
            .iter()
            .map(|(k, n)| format!("{n} {}", k.replace('_', " ")))
            .collect();
        out.push_str(&format!("; {} listed", s.claims));
        if !parts.is_empty() {
            out.push_str(&format!(": {}", parts.join(", ")));
        }
        out.push('.');
        out
    }
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

    /// What the speaker asserts, as a sentence: a quote as quoted, reported
    /// speech without its leading "that", first letter capitalised.
    pub fn claim_sentence(&self) -> String {
        let c = self.content.trim();
        let c = match c.get(..5) {
            Some(that) if that.eq_ignore_ascii_case("that ") => c[5..].trim_start(),
            _ => c,
        };
        let mut chars = c.chars();
        match chars.next() {
            Some(first) => first.to_uppercase().chain(chars).collect(),
            None => String::new(),
        }
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
    /// A report of one article. `claims`: all the article's claims in
    /// reading order; `evidence` of those claims, in any order.
    pub fn new(
        article: &Article,
        claims: &[ClaimRow],
        evidence: &[Evidence],
        publisher: Publisher,
        verdict_scale: &[VerdictLabel],
        generated_at: DateTime<Utc>,
        provenance: Provenance,
    ) -> Report {
        let numbered: Vec<(usize, &ClaimRow)> =
            claims.iter().enumerate().map(|(i, c)| (i + 1, c)).collect();
        let scope = Scope {
            description: "the article".into(),
            filters: BTreeMap::new(),
        };
        let mut r = Report::build(
            scope,
            std::slice::from_ref(article),
            &numbered,
            evidence,
            publisher,
            verdict_scale,
            generated_at,
            provenance,
        );
        r.article = r.articles.first().cloned();
        r
    }

    /// A report of a selection: `claims` with their numbers in their
    /// articles (see [`ReportClaim::number`]), in the order to list them;
    /// `articles` they come from; `evidence` of those claims.
    #[allow(clippy::too_many_arguments)]
    pub fn build(
        scope: Scope,
        articles: &[Article],
        claims: &[(usize, &ClaimRow)],
        evidence: &[Evidence],
        publisher: Publisher,
        verdict_scale: &[VerdictLabel],
        generated_at: DateTime<Utc>,
        provenance: Provenance,
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
        let include = provenance.include;
        let dismissed = claims.iter().filter(|(_, c)| c.not_a_claim).count();
        let listed: Vec<(usize, &ClaimRow)> = claims
            .iter()
            .copied()
            .filter(|(_, c)| !c.not_a_claim && include.admits(c.status))
            .collect();
        let mut summary = Summary {
            found: claims.len(),
            dismissed,
            left_out: claims.len() - dismissed - listed.len(),
            claims: listed.len(),
            by_status: BTreeMap::new(),
            approved_verdicts: BTreeMap::new(),
        };
        let report_claims = listed
            .into_iter()
            .map(|(number, c)| {
                *summary
                    .by_status
                    .entry(c.status.as_str().to_owned())
                    .or_default() += 1;
                let claim = ReportClaim {
                    article_id: c.article_id,
                    number,
                    id: c.id,
                    kind: c.kind,
                    speaker: c.speaker.clone(),
                    speaker_type: c.speaker_type.clone(),
                    speaker_resolved: c.speaker_resolved,
                    source: c.source_text.clone(),
                    cue: c.cue_text.clone(),
                    content: c.content_text.clone(),
                    checkworthiness: c.checkworthiness,
                    status: c.status,
                    // A draft verdict is not a finding.
                    verdict: matches!(c.status, Status::Approved | Status::VerdictProposed)
                        .then(|| c.verdict.clone())
                        .flatten(),
                    verdict_note: matches!(c.status, Status::Approved | Status::VerdictProposed)
                        .then(|| c.verdict_note.clone())
                        .flatten(),
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
            scope,
            article: None,
            articles: articles
                .iter()
                .map(|article| ReportArticle {
                    id: article.id,
                    title: article.title.clone(),
                    url: article.url.clone(),
                    outlet: article.outlet.clone(),
                    published_at: article.published_at,
                })
                .collect(),
            publisher,
            generated_at,
            provenance,
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
        include: Include,
        generated_by: &str,
    ) -> Report {
        Report::new(
            article,
            claims,
            evidence,
            Publisher::from(&settings.report),
            &settings.workflow.verdicts,
            Utc::now(),
            Provenance {
                generated_by: generated_by.to_owned(),
                include,
                extractor_version: article.extractor_version,
            },
        )
    }

    pub fn render(&self, format: Format) -> Result<String, ReportError> {
        Ok(match format {
            Format::Json => serde_json::to_string_pretty(self)?,
            Format::Csv => csv::render(self)?,
            Format::Markdown => markdown::render(self),
            Format::Html => html::render(self),
            Format::ClaimReview => claimreview::to_script_safe_string(&claimreview::render(self))?,
            Format::JsonLines => jsonl::render(self)?,
        })
    }

    /// The start of a streamed report, before its counts are known: its
    /// first line (JSON Lines), title and provenance (Markdown) or header
    /// row (CSV).
    pub fn stream_head(&self, format: Format) -> Result<String, ReportError> {
        match format {
            Format::JsonLines => jsonl::head(self, false),
            Format::Markdown => Ok(markdown::head(self, false)),
            _ => csv::header(),
        }
    }

    /// This report's claims as one chunk of a streamed report.
    pub fn stream_rows(&self, format: Format) -> Result<String, ReportError> {
        match format {
            Format::JsonLines => jsonl::claims(self),
            Format::Markdown => Ok(markdown::claims(self)),
            _ => csv::rows(self),
        }
    }

    /// The end of a streamed report, with the counts of all its parts:
    /// JSON Lines' closing line, Markdown's closing counts.
    pub fn stream_tail(
        format: Format,
        summary: &Summary,
        include: Include,
        extractor_versions: &[i32],
    ) -> Result<String, ReportError> {
        match format {
            Format::JsonLines => jsonl::end(summary, extractor_versions),
            Format::Markdown => Ok(markdown::tail(summary, include)),
            _ => Ok(String::new()),
        }
    }

    /// What the report is about, for headings: the article's title, or the
    /// selection in words.
    pub fn title(&self) -> String {
        match &self.article {
            Some(a) => a.title.clone().unwrap_or_else(|| "Untitled article".into()),
            None => format!("claims {}", self.scope.description),
        }
    }

    /// The article a listed claim comes from.
    pub fn article_of(&self, c: &ReportClaim) -> Option<&ReportArticle> {
        self.articles.iter().find(|a| a.id == c.article_id)
    }

    /// A file name for downloads: the title's words, else the article id.
    pub fn file_name(&self, format: Format) -> String {
        let title = match &self.article {
            Some(a) => a.title.clone().unwrap_or_default(),
            None => "claims".into(),
        };
        let slug: String = title
            .split(|c: char| !c.is_ascii_alphanumeric())
            .filter(|w| !w.is_empty())
            .take(8)
            .collect::<Vec<_>>()
            .join("-")
            .to_ascii_lowercase();
        let stem = if slug.is_empty() {
            self.article
                .as_ref()
                .map_or_else(|| "claims".into(), |a| a.id.to_string())
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

    /// The summary every human-readable format opens with: what was found,
    /// what is left out and why, what is listed, each count adding up.
    fn summary_line(&self) -> String {
        self.summary.line(self.provenance.include)
    }

    /// Who made the report, when, from what: the provenance line.
    fn provenance_line(&self) -> String {
        format!(
            "Generated {} by {} for {}; claims from extractor version {}; holds {}.",
            self.generated_at.format("%Y-%m-%d %H:%M UTC"),
            self.provenance.generated_by,
            self.publisher.name,
            self.provenance.extractor_version,
            self.provenance.include.describe()
        )
    }
}

/// Only web addresses become links in the documents we write.
fn is_web_url(u: &str) -> bool {
    let lower = u.get(..8).unwrap_or(u).to_ascii_lowercase();
    lower.starts_with("https://") || lower.starts_with("http://")
}

#[cfg(test)]
pub(crate) mod tests;
