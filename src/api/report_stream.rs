//! Large selections as they are read: a JSON Lines, CSV or Markdown report
//! of the claims list pages through it by keyset and sends each page as soon as it
//! is rendered, so the server's memory stays flat whatever the selection's
//! size and the first bytes leave before the last row is read. Each page
//! (`report.stream_page` claims, 2,000 by default: large enough that a
//! page's four queries cost little per row, small enough to stay a few MB)
//! takes a pooled connection only while it is read.

use super::error::ApiError;
use super::state::AppState;
use crate::report::{Format, Include, Provenance, Publisher, Report, Scope, Summary};
use crate::review::ClaimId;
use crate::store::articles::{self, Selection};
use crate::store::claims::{ClaimFilter, ClaimRow};
use actix_web::web::{self, Bytes};
use chrono::{DateTime, Utc};
use std::collections::BTreeSet;

/// What every page of one streamed report shares.
pub struct Streamed {
    pub state: web::Data<AppState>,
    pub filter: ClaimFilter,
    pub format: Format,
    pub scope: Scope,
    pub generated_by: String,
    pub include: Include,
    pub generated_at: DateTime<Utc>,
}

type PageRead = Result<(Selection, bool), ApiError>;

struct Cursor {
    job: Streamed,
    /// The next page, already being read (on its own task, so the database
    /// reads it while this process renders the page before); `None` once
    /// the last is sent.
    next: Option<tokio::task::JoinHandle<PageRead>>,
    summary: Summary,
    versions: BTreeSet<i32>,
}

impl Streamed {
    fn report(&self, page: &Selection) -> Report {
        let (articles, numbered, evidence) = page;
        let claims: Vec<(usize, &ClaimRow)> = numbered.iter().map(|(n, c)| (*n, c)).collect();
        Report::build(
            self.scope.clone(),
            articles,
            &claims,
            evidence,
            Publisher::from(&self.state.settings.report),
            &self.state.settings.workflow.verdicts,
            self.generated_at,
            Provenance {
                generated_by: self.generated_by.clone(),
                include: self.include,
                extractor_version: articles
                    .iter()
                    .map(|a| a.extractor_version)
                    .max()
                    .unwrap_or(crate::extract::EXTRACTOR_VERSION),
            },
        )
    }

    async fn page(&self, after: Option<ClaimId>) -> PageRead {
        read_page(self.state.clone(), self.filter.clone(), after).await
    }

    /// Starts reading the page after `after` on its own task.
    fn prefetch(&self, after: ClaimId) -> tokio::task::JoinHandle<PageRead> {
        tokio::spawn(read_page(
            self.state.clone(),
            self.filter.clone(),
            Some(after),
        ))
    }

    /// The report's first page is read before answering, so a bad filter
    /// or an unreachable database still gets a JSON error, not a cut-off
    /// 200; the rest follows as the client reads.
    pub async fn respond(
        self,
        after: Option<ClaimId>,
    ) -> Result<actix_web::HttpResponse, ApiError> {
        let format = self.format;
        let (first, more) = self.page(after).await?;
        let next = more
            .then(|| last_id(&first))
            .flatten()
            .map(|a| self.prefetch(a));
        let report = self.report(&first);
        let mut head = report.stream_head(format).map_err(ApiError::internal)?;
        head += &report.stream_rows(format).map_err(ApiError::internal)?;
        let cursor = Cursor {
            next,
            summary: report.summary.clone(),
            versions: first.0.iter().map(|a| a.extractor_version).collect(),
            job: self,
        };
        if cursor.next.is_none() {
            head += &cursor.tail()?;
        }
        let rest = futures_util::stream::try_unfold(cursor, |mut c| async move {
            match c.next().await? {
                Some(chunk) => Ok(Some((chunk, c))),
                None => Ok::<_, actix_web::Error>(None),
            }
        });
        let first = futures_util::stream::once(async move { Ok(Bytes::from(head)) });
        let file = format!("claims.{}", format.extension());
        Ok(actix_web::HttpResponse::Ok()
            .content_type(format.content_type())
            .insert_header((actix_web::http::header::CACHE_CONTROL, "no-store"))
            .insert_header((actix_web::http::header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
            .insert_header((
                actix_web::http::header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{file}\""),
            ))
            .streaming(futures_util::StreamExt::chain(first, rest)))
    }
}

async fn read_page(
    state: web::Data<AppState>,
    filter: crate::store::claims::ClaimFilter,
    after: Option<ClaimId>,
) -> PageRead {
    let mut conn = state.conn().await?;
    Ok(
        articles::selection_rows(&mut conn, &filter, after, state.settings.report.stream_page)
            .await?,
    )
}

fn last_id(page: &Selection) -> Option<ClaimId> {
    page.1.iter().map(|(_, c)| c.id).max()
}

impl Cursor {
    fn tail(&self) -> Result<String, ApiError> {
        let versions: Vec<i32> = self.versions.iter().copied().collect();
        Report::stream_tail(self.job.format, &self.summary, self.job.include, &versions)
            .map_err(ApiError::internal)
    }

    /// The next chunk, `None` at the end. A failure mid-way ends the
    /// response with an error, so the client sees a broken download (and
    /// JSON Lines has no `end` line) rather than a short one that looks
    /// whole.
    async fn next(&mut self) -> Result<Option<Bytes>, actix_web::Error> {
        let Some(reading) = self.next.take() else {
            return Ok(None);
        };
        let (page, more) = reading.await.map_err(ApiError::internal)??;
        self.next = more
            .then(|| last_id(&page))
            .flatten()
            .map(|a| self.job.prefetch(a));
        let report = self.job.report(&page);
        self.summary.add(&report.summary);
        self.versions
            .extend(page.0.iter().map(|a| a.extractor_version));
        let mut chunk = report
            .stream_rows(self.job.format)
            .map_err(ApiError::internal)?;
        if self.next.is_none() {
            chunk += &self.tail()?;
        }
        Ok(Some(Bytes::from(chunk)))
    }
}
