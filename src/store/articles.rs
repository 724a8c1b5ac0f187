//! Articles and the claims extracted from them, stored together.

use super::StoreError;
use super::claims::{ClaimRow, NewClaim};
use super::events::{self, NewEvent};
use super::schema::{articles, claims};
use crate::extract::{self, Claim};
use crate::review::{ArticleId, ClaimId, HistoryAction, UserId};
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel_async::{AsyncConnection, AsyncPgConnection, RunQueryDsl};
use serde::Serialize;
use sha2::{Digest, Sha256};

#[derive(Debug, Clone, Queryable, Selectable, Serialize)]
#[diesel(table_name = articles, check_for_backend(diesel::pg::Pg))]
pub struct Article {
    pub id: ArticleId,
    pub title: Option<String>,
    pub url: Option<String>,
    pub outlet: Option<String>,
    pub published_at: Option<DateTime<Utc>>,
    pub body: String,
    pub body_sha256: String,
    pub language: String,
    pub extractor_version: i32,
    pub created_by: Option<UserId>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub deleted_at: Option<DateTime<Utc>>,
}

/// What a caller supplies; the body is the text claims point into.
#[derive(Debug, Clone, Default)]
pub struct ArticleInput {
    pub title: Option<String>,
    pub url: Option<String>,
    pub outlet: Option<String>,
    pub published_at: Option<DateTime<Utc>>,
    pub body: String,
}

#[derive(Insertable)]
#[diesel(table_name = articles)]
struct NewArticle<'a> {
    id: ArticleId,
    title: Option<&'a str>,
    url: Option<&'a str>,
    outlet: Option<&'a str>,
    published_at: Option<DateTime<Utc>>,
    body: &'a str,
    body_sha256: &'a str,
    extractor_version: i32,
    created_by: Option<UserId>,
}

pub fn body_sha256(body: &str) -> String {
    let digest = Sha256::digest(body.as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// Outcome of an ingest: the article, and whether this call created it.
pub struct Ingested {
    pub article: Article,
    pub created: bool,
}

/// Stores an article with its claims in one transaction: an article is never
/// half-stored. The same body twice returns the existing article: the
/// unique index on live bodies decides, so callers look first
/// (`ingest::existing`) only to skip extracting a known body.
pub async fn ingest(
    conn: &mut AsyncPgConnection,
    input: &ArticleInput,
    claims: &[Claim],
    created_by: Option<UserId>,
) -> Result<Ingested, StoreError> {
    let sha = body_sha256(&input.body);
    let result = conn
        .transaction::<_, StoreError, _>(async |conn| {
            {
                let article: Article = diesel::insert_into(articles::table)
                    .values(NewArticle {
                        id: ArticleId::new(),
                        title: input.title.as_deref(),
                        url: input.url.as_deref(),
                        outlet: input.outlet.as_deref(),
                        published_at: input.published_at,
                        body: &input.body,
                        body_sha256: &sha,
                        extractor_version: extract::EXTRACTOR_VERSION,
                        created_by,
                    })
                    .returning(Article::as_returning())
                    .get_result(conn)
                    .await?;
                let rows: Vec<NewClaim> = claims
                    .iter()
                    .enumerate()
                    .map(|(i, c)| NewClaim::from_extracted(article.id, i as i32, c))
                    .collect();
                // PostgreSQL takes at most 65535 bind parameters per statement.
                for chunk in rows.chunks(2000) {
                    diesel::insert_into(claims::table)
                        .values(chunk)
                        .execute(conn)
                        .await?;
                }
                events::record(
                    conn,
                    NewEvent {
                        article_id: article.id,
                        claim_id: None,
                        actor_id: created_by,
                        action: HistoryAction::ArticleIngested,
                        before: None,
                        after: Some(serde_json::json!({
                            "claims": rows.len(),
                            "extractor_version": extract::EXTRACTOR_VERSION,
                        })),
                    },
                )
                .await?;
                Ok(article)
            }
        })
        .await;
    match result {
        Ok(article) => Ok(Ingested {
            article,
            created: true,
        }),
        // The body is already stored (or a concurrent ingest of it won the
        // race): return that article.
        Err(StoreError::Conflict(_)) => Ok(Ingested {
            article: find_live_by_sha(conn, &sha)
                .await?
                .ok_or(StoreError::NotFound)?,
            created: false,
        }),
        Err(e) => Err(e),
    }
}

/// Which of these body hashes a live article already has (one query for a
/// whole import batch).
pub async fn live_shas(
    conn: &mut AsyncPgConnection,
    shas: &[String],
) -> Result<std::collections::HashSet<String>, StoreError> {
    let found: Vec<String> = articles::table
        .filter(articles::body_sha256.eq_any(shas))
        .filter(articles::deleted_at.is_null())
        .select(articles::body_sha256)
        .load(conn)
        .await?;
    Ok(found.into_iter().collect())
}

pub async fn find_live_by_sha(
    conn: &mut AsyncPgConnection,
    sha: &str,
) -> Result<Option<Article>, StoreError> {
    Ok(articles::table
        .filter(articles::body_sha256.eq(sha))
        .filter(articles::deleted_at.is_null())
        .select(Article::as_select())
        .first(conn)
        .await
        .optional()?)
}

pub async fn count_live(conn: &mut AsyncPgConnection) -> Result<i64, StoreError> {
    Ok(articles::table
        .filter(articles::deleted_at.is_null())
        .count()
        .get_result(conn)
        .await?)
}

/// An article without its body, for lists.
#[derive(Debug, Clone, Queryable, Selectable, Serialize, utoipa::ToSchema)]
#[diesel(table_name = articles, check_for_backend(diesel::pg::Pg))]
pub struct ArticleMeta {
    pub id: ArticleId,
    pub title: Option<String>,
    pub url: Option<String>,
    pub outlet: Option<String>,
    pub published_at: Option<DateTime<Utc>>,
    pub language: String,
    pub extractor_version: i32,
    pub created_by: Option<UserId>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl From<&Article> for ArticleMeta {
    fn from(a: &Article) -> Self {
        ArticleMeta {
            id: a.id,
            title: a.title.clone(),
            url: a.url.clone(),
            outlet: a.outlet.clone(),
            published_at: a.published_at,
            language: a.language.clone(),
            extractor_version: a.extractor_version,
            created_by: a.created_by,
            created_at: a.created_at,
            updated_at: a.updated_at,
        }
    }
}

#[derive(Debug, Clone, Default)]
pub struct ListFilter {
    /// Keyset cursor: only articles older than this one.
    pub after: Option<ArticleId>,
    pub limit: i64,
    pub outlet: Option<String>,
    /// Substring of the title or the outlet, case-insensitive.
    pub text_contains: Option<String>,
}

/// Live articles, newest first.
pub async fn list(
    conn: &mut AsyncPgConnection,
    f: &ListFilter,
) -> Result<Vec<ArticleMeta>, StoreError> {
    let mut q = articles::table
        .filter(articles::deleted_at.is_null())
        .select(ArticleMeta::as_select())
        .order(articles::id.desc())
        .limit(f.limit)
        .into_boxed();
    if let Some(after) = f.after {
        q = q.filter(articles::id.lt(after));
    }
    if let Some(outlet) = &f.outlet {
        q = q.filter(articles::outlet.eq(outlet));
    }
    if let Some(text) = &f.text_contains {
        let pattern = format!("%{}%", escape_like(text));
        q = q.filter(
            articles::title
                .ilike(pattern.clone())
                .or(articles::outlet.ilike(pattern)),
        );
    }
    Ok(q.load(conn).await?)
}

/// LIKE treats `%` and `_` as wildcards and `\` as their escape.
fn escape_like(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(c, '\\' | '%' | '_') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// The titles of some articles, for lists of their claims.
pub async fn titles(
    conn: &mut AsyncPgConnection,
    ids: &[ArticleId],
) -> Result<std::collections::HashMap<ArticleId, Option<String>>, StoreError> {
    let rows: Vec<(ArticleId, Option<String>)> = articles::table
        .filter(articles::id.eq_any(ids))
        .select((articles::id, articles::title))
        .load(conn)
        .await?;
    Ok(rows.into_iter().collect())
}

/// A live (not deleted) article.
pub async fn find_live(conn: &mut AsyncPgConnection, id: ArticleId) -> Result<Article, StoreError> {
    Ok(articles::table
        .find(id)
        .filter(articles::deleted_at.is_null())
        .select(Article::as_select())
        .first(conn)
        .await?)
}

/// Marks an article deleted and records it in the history, together. Its
/// claims and their work stay in the database for the record.
pub async fn soft_delete(
    conn: &mut AsyncPgConnection,
    id: ArticleId,
    actor: Option<UserId>,
) -> Result<(), StoreError> {
    conn.transaction::<_, StoreError, _>(async |conn| {
        let deleted: Article = diesel::update(
            articles::table
                .find(id)
                .filter(articles::deleted_at.is_null()),
        )
        .set((
            articles::deleted_at.eq(diesel::dsl::now),
            articles::updated_at.eq(diesel::dsl::now),
        ))
        .returning(Article::as_returning())
        .get_result(conn)
        .await?;
        events::record(
            conn,
            NewEvent {
                article_id: id,
                claim_id: None,
                actor_id: actor,
                action: HistoryAction::ArticleDeleted,
                before: Some(serde_json::json!({"title": deleted.title, "url": deleted.url})),
                after: Some(serde_json::json!({"deleted_at": deleted.deleted_at})),
            },
        )
        .await
    })
    .await
}

/// New metadata for an article: `None` leaves a field as it is,
/// `Some(None)` clears it.
#[derive(Debug, Clone, Default, AsChangeset)]
#[diesel(table_name = articles)]
pub struct MetaChanges {
    pub title: Option<Option<String>>,
    pub url: Option<Option<String>>,
    pub outlet: Option<Option<String>>,
    pub published_at: Option<Option<DateTime<Utc>>>,
}

/// Edits a live article's metadata; one history event names the fields
/// that changed, before and after. Nothing changing writes nothing. The
/// article row is locked first, as re-extraction locks it, so the two
/// queue instead of deadlocking.
pub async fn update_meta(
    conn: &mut AsyncPgConnection,
    id: ArticleId,
    changes: MetaChanges,
    actor: UserId,
) -> Result<Article, StoreError> {
    conn.transaction::<_, StoreError, _>(async |conn| {
        let now: Article = articles::table
            .find(id)
            .filter(articles::deleted_at.is_null())
            .select(Article::as_select())
            .for_update()
            .get_result(conn)
            .await?;
        let mut changes = changes;
        // Only what differs is written and recorded.
        if changes.title.as_ref() == Some(&now.title) {
            changes.title = None;
        }
        if changes.url.as_ref() == Some(&now.url) {
            changes.url = None;
        }
        if changes.outlet.as_ref() == Some(&now.outlet) {
            changes.outlet = None;
        }
        if changes.published_at.as_ref() == Some(&now.published_at) {
            changes.published_at = None;
        }
        let (mut before, mut after) = (serde_json::Map::new(), serde_json::Map::new());
        let mut note = |name: &str, old: serde_json::Value, new: Option<serde_json::Value>| {
            if let Some(new) = new {
                before.insert(name.into(), old);
                after.insert(name.into(), new);
            }
        };
        note(
            "title",
            serde_json::json!(now.title),
            changes.title.as_ref().map(|v| serde_json::json!(v)),
        );
        note(
            "url",
            serde_json::json!(now.url),
            changes.url.as_ref().map(|v| serde_json::json!(v)),
        );
        note(
            "outlet",
            serde_json::json!(now.outlet),
            changes.outlet.as_ref().map(|v| serde_json::json!(v)),
        );
        note(
            "published_at",
            serde_json::json!(now.published_at),
            changes.published_at.as_ref().map(|v| serde_json::json!(v)),
        );
        if after.is_empty() {
            return Ok(now);
        }
        let edited: Article = diesel::update(articles::table.find(id))
            .set((&changes, articles::updated_at.eq(diesel::dsl::now)))
            .returning(Article::as_returning())
            .get_result(conn)
            .await?;
        events::record(
            conn,
            NewEvent {
                article_id: id,
                claim_id: None,
                actor_id: Some(actor),
                action: HistoryAction::ArticleEdited,
                before: Some(before.into()),
                after: Some(after.into()),
            },
        )
        .await?;
        Ok(edited)
    })
    .await
}

/// What a verification report shows: the live article, its claims in
/// reading order and their live evidence. `NotFound` for a deleted article.
pub async fn report_rows(
    conn: &mut AsyncPgConnection,
    id: ArticleId,
) -> Result<(Article, Vec<ClaimRow>, Vec<super::evidence::Evidence>), StoreError> {
    let article = find_live(conn, id).await?;
    let claims = super::claims::for_article(conn, id).await?;
    let ids: Vec<ClaimId> = claims.iter().map(|c| c.id).collect();
    let evidence = super::evidence::for_claims(conn, &ids).await?;
    Ok((article, claims, evidence))
}

/// A selection's articles (bodies left empty), numbered claims and
/// evidence.
pub type Selection = (
    Vec<Article>,
    Vec<(usize, ClaimRow)>,
    Vec<super::evidence::Evidence>,
);

/// What a report of a selection shows: the claims the filter selects (at
/// most `cap`, and whether more follow), each with its number in its article (its
/// 1-based place among all the article's claims in reading order), grouped
/// by article in reading order; their articles; their live evidence.
pub async fn selection_rows(
    conn: &mut AsyncPgConnection,
    filter: &super::claims::ClaimFilter,
    after: Option<ClaimId>,
    cap: i64,
) -> Result<(Selection, bool), StoreError> {
    let (rows, more) = super::claims::list(conn, filter, after, cap).await?;
    let mut article_ids: Vec<ArticleId> = rows.iter().map(|c| c.article_id).collect();
    article_ids.sort_unstable();
    article_ids.dedup();
    // Without their bodies: a report names its articles, never quotes
    // them whole, and a filtered page touches up to one article per claim
    // (2,000 news bodies are ~10 MB).
    let articles: Vec<Article> = articles::table
        .filter(articles::id.eq_any(&article_ids))
        .order(articles::id.asc())
        .select((
            articles::id,
            articles::title,
            articles::url,
            articles::outlet,
            articles::published_at,
            diesel::dsl::sql::<diesel::sql_types::Text>("''"),
            articles::body_sha256,
            articles::language,
            articles::extractor_version,
            articles::created_by,
            articles::created_at,
            articles::updated_at,
            articles::deleted_at,
        ))
        .load(conn)
        .await?;
    // Every claim of those articles in reading order gives the numbers.
    let order: Vec<(ClaimId, ArticleId)> = claims::table
        .filter(claims::article_id.eq_any(&article_ids))
        .order((
            claims::article_id.asc(),
            claims::content_start.asc(),
            claims::ordinal.asc(),
        ))
        .select((claims::id, claims::article_id))
        .load(conn)
        .await?;
    let mut number = std::collections::HashMap::new();
    let mut prev = None;
    let mut n = 0;
    for (id, article) in order {
        n = if prev == Some(article) { n + 1 } else { 1 };
        prev = Some(article);
        number.insert(id, n);
    }
    let mut numbered: Vec<(usize, ClaimRow)> = rows
        .into_iter()
        .map(|c| (number.get(&c.id).copied().unwrap_or(0), c))
        .collect();
    numbered.sort_by_key(|(n, c)| (c.article_id, *n));
    let ids: Vec<ClaimId> = numbered.iter().map(|(_, c)| c.id).collect();
    let evidence = super::evidence::for_claims(conn, &ids).await?;
    Ok(((articles, numbered, evidence), more))
}

#[cfg(test)]
mod tests {
    #[test]
    fn like_wildcards_are_escaped() {
        assert_eq!(super::escape_like(r"50%_a\b"), r"50\%\_a\\b");
    }
}
