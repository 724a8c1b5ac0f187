//! Claims: the row model and the queries on it.

use super::articles::NewClaim;
use super::events::{self, NewEvent};
use super::schema::{articles, claims, comments, evidence};
use super::{StoreError, Versioned};
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel_async::{AsyncConnection, AsyncPgConnection, RunQueryDsl};
use serde::Serialize;
use serde_json::Value;
use std::collections::HashMap;
use uuid::Uuid;

/// A claim as stored. Offsets are Unicode code points into the article body.
#[derive(Debug, Clone, Queryable, Selectable, Serialize, utoipa::ToSchema)]
#[diesel(table_name = claims, check_for_backend(diesel::pg::Pg))]
pub struct ClaimRow {
    pub id: Uuid,
    pub article_id: Uuid,
    pub ordinal: i32,
    /// direct, indirect, mixed or unattributed
    pub kind: String,
    /// extracted or manual
    pub origin: String,
    pub source_start: Option<i32>,
    pub source_end: Option<i32>,
    pub source_text: Option<String>,
    pub cue_start: Option<i32>,
    pub cue_end: Option<i32>,
    pub cue_text: Option<String>,
    pub content_start: i32,
    pub content_end: i32,
    pub content_text: String,
    /// `[{start, end, text}]`; several pieces for a quote split around its cue.
    #[schema(value_type = Vec<crate::api::schemas::ContentPiece>)]
    pub content_pieces: Value,
    pub speaker: Option<String>,
    pub checkworthiness: f32,
    /// unreviewed, in_progress, verdict_proposed or approved
    pub status: String,
    pub verdict: Option<String>,
    pub verdict_note: Option<String>,
    pub proposed_by: Option<Uuid>,
    pub not_a_claim: bool,
    pub assignee_id: Option<Uuid>,
    /// Optimistic lock: send it back with every write.
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

pub async fn find(conn: &mut AsyncPgConnection, id: Uuid) -> Result<ClaimRow, StoreError> {
    Ok(claims::table
        .find(id)
        .select(ClaimRow::as_select())
        .first(conn)
        .await?)
}

/// An article's claims in reading order. Claims added by hand take the next
/// free ordinal, so position in the text orders them, ordinal breaks ties.
pub async fn for_article(
    conn: &mut AsyncPgConnection,
    article_id: Uuid,
) -> Result<Vec<ClaimRow>, StoreError> {
    Ok(claims::table
        .filter(claims::article_id.eq(article_id))
        .order((claims::content_start.asc(), claims::ordinal.asc()))
        .select(ClaimRow::as_select())
        .load(conn)
        .await?)
}

/// How many claims an article has.
pub async fn count_for_article(
    conn: &mut AsyncPgConnection,
    article_id: Uuid,
) -> Result<i64, StoreError> {
    Ok(claims::table
        .filter(claims::article_id.eq(article_id))
        .count()
        .get_result(conn)
        .await?)
}

/// Live evidence and comment counts per claim, for list views.
#[derive(Debug, Clone, Copy, Default, Serialize, utoipa::ToSchema)]
pub struct WorkCounts {
    pub evidence: i64,
    pub comments: i64,
}

pub async fn work_counts(
    conn: &mut AsyncPgConnection,
    claim_ids: &[Uuid],
) -> Result<HashMap<Uuid, WorkCounts>, StoreError> {
    let mut out: HashMap<Uuid, WorkCounts> = HashMap::new();
    if claim_ids.is_empty() {
        return Ok(out);
    }
    let ev: Vec<(Uuid, i64)> = evidence::table
        .filter(evidence::claim_id.eq_any(claim_ids))
        .filter(evidence::deleted_at.is_null())
        .group_by(evidence::claim_id)
        .select((evidence::claim_id, diesel::dsl::count_star()))
        .load(conn)
        .await?;
    for (id, n) in ev {
        out.entry(id).or_default().evidence = n;
    }
    let cm: Vec<(Uuid, i64)> = comments::table
        .filter(comments::claim_id.eq_any(claim_ids))
        .filter(comments::deleted_at.is_null())
        .group_by(comments::claim_id)
        .select((comments::claim_id, diesel::dsl::count_star()))
        .load(conn)
        .await?;
    for (id, n) in cm {
        out.entry(id).or_default().comments = n;
    }
    Ok(out)
}

/// A claim that is visible: its article has not been deleted.
pub async fn find_live(conn: &mut AsyncPgConnection, id: Uuid) -> Result<ClaimRow, StoreError> {
    Ok(claims::table
        .inner_join(articles::table)
        .filter(claims::id.eq(id))
        .filter(articles::deleted_at.is_null())
        .select(ClaimRow::as_select())
        .first(conn)
        .await?)
}

/// The body of a live article, which claim spans point into.
pub async fn article_body(
    conn: &mut AsyncPgConnection,
    article_id: Uuid,
) -> Result<String, StoreError> {
    Ok(articles::table
        .filter(articles::id.eq(article_id))
        .filter(articles::deleted_at.is_null())
        .select(articles::body)
        .first(conn)
        .await?)
}

/// Who a list is filtered to.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum AssigneeFilter {
    User(Uuid),
    Nobody,
}

/// Filters of the claim list; every field narrows it. Values are already
/// validated by the caller.
#[derive(Debug, Clone, Default)]
pub struct ClaimFilter {
    pub status: Option<String>,
    pub verdict: Option<String>,
    pub speaker: Option<String>,
    pub assignee: Option<AssigneeFilter>,
    pub article: Option<Uuid>,
    pub kind: Option<String>,
    pub min_checkworthiness: Option<f32>,
    pub not_a_claim: Option<bool>,
    pub q: Option<String>,
}

/// Claims whose article is not deleted, as an anti-join against the few
/// deleted articles (partially indexed): joining every live article made
/// PostgreSQL hash all of them for a page of fifty claims.
#[diesel::dsl::auto_type]
fn in_live_article() -> _ {
    let deleted = articles::table
        .filter(articles::deleted_at.is_not_null())
        .select(articles::id);
    diesel::dsl::not(claims::article_id.eq_any(deleted))
}

/// One page of claims in id (creation) order after `after`, plus whether
/// more follow. Claims of deleted articles never show.
pub async fn list(
    conn: &mut AsyncPgConnection,
    f: &ClaimFilter,
    after: Option<Uuid>,
    limit: i64,
) -> Result<(Vec<ClaimRow>, bool), StoreError> {
    use diesel::dsl::sql;
    use diesel::sql_types::{Bool, Text};
    let mut query = claims::table
        .filter(in_live_article())
        .select(ClaimRow::as_select())
        .into_boxed();
    if let Some(s) = &f.status {
        query = query.filter(claims::status.eq(s.clone()));
    }
    if let Some(v) = &f.verdict {
        query = query.filter(claims::verdict.eq(v.clone()));
    }
    if let Some(s) = &f.speaker {
        // Written to match the `lower(speaker)` index.
        query = query.filter(
            sql::<Bool>("lower(claims.speaker) = lower(")
                .bind::<Text, _>(s.clone())
                .sql(")"),
        );
    }
    match f.assignee {
        Some(AssigneeFilter::User(u)) => query = query.filter(claims::assignee_id.eq(u)),
        Some(AssigneeFilter::Nobody) => query = query.filter(claims::assignee_id.is_null()),
        None => {}
    }
    if let Some(a) = f.article {
        query = query.filter(claims::article_id.eq(a));
    }
    if let Some(k) = &f.kind {
        query = query.filter(claims::kind.eq(k.clone()));
    }
    if let Some(m) = f.min_checkworthiness {
        query = query.filter(claims::checkworthiness.ge(m));
    }
    if let Some(n) = f.not_a_claim {
        query = query.filter(claims::not_a_claim.eq(n));
    }
    if let Some(q) = &f.q {
        // `search` is a generated column unknown to schema.rs.
        query = query.filter(
            sql::<Bool>("claims.search @@ websearch_to_tsquery('english', ")
                .bind::<Text, _>(q.clone())
                .sql(")"),
        );
    }
    if let Some(after) = after {
        query = query.filter(claims::id.gt(after));
    }
    let mut rows: Vec<ClaimRow> = query
        .order(claims::id.asc())
        .limit(limit + 1)
        .load(conn)
        .await?;
    let more = rows.len() as i64 > limit;
    rows.truncate(limit as usize);
    Ok((rows, more))
}

/// Column changes of one claim write; `None` leaves a column alone,
/// `Some(None)` clears a nullable one.
#[derive(Debug, Clone, Default, PartialEq, AsChangeset)]
#[diesel(table_name = claims)]
pub struct ClaimChanges {
    pub kind: Option<String>,
    pub source_start: Option<Option<i32>>,
    pub source_end: Option<Option<i32>>,
    pub source_text: Option<Option<String>>,
    pub cue_start: Option<Option<i32>>,
    pub cue_end: Option<Option<i32>>,
    pub cue_text: Option<Option<String>>,
    pub content_start: Option<i32>,
    pub content_end: Option<i32>,
    pub content_text: Option<String>,
    pub content_pieces: Option<Value>,
    pub speaker: Option<Option<String>>,
    pub status: Option<String>,
    pub verdict: Option<Option<String>>,
    pub verdict_note: Option<Option<String>>,
    pub proposed_by: Option<Option<Uuid>>,
    pub not_a_claim: Option<bool>,
    pub assignee_id: Option<Option<Uuid>>,
}

impl ClaimChanges {
    pub fn is_empty(&self) -> bool {
        *self == ClaimChanges::default()
    }
}

/// Applies `changes` only if the claim is still at `before.version`, bumping
/// the version and recording the event in the same transaction. `before`
/// must be the row as read at that version: the history's "before" side
/// comes from it, and a matching version means nothing changed since.
pub async fn update_versioned(
    conn: &mut AsyncPgConnection,
    before: &ClaimRow,
    changes: &ClaimChanges,
    actor: Uuid,
    action: &str,
) -> Result<Versioned<ClaimRow>, StoreError> {
    conn.transaction::<_, StoreError, _>(async |conn| {
        let written: Option<ClaimRow> = diesel::update(
            claims::table
                .filter(claims::id.eq(before.id))
                .filter(claims::version.eq(before.version)),
        )
        .set((
            changes,
            claims::version.eq(claims::version + 1),
            claims::updated_at.eq(diesel::dsl::now),
        ))
        .returning(ClaimRow::as_returning())
        .get_result(conn)
        .await
        .optional()?;
        let Some(after) = written else {
            return Ok(Versioned::Stale(find(conn, before.id).await?));
        };
        let (b, a) = events::diff(before, &after);
        events::record(
            conn,
            NewEvent {
                article_id: after.article_id,
                claim_id: Some(after.id),
                actor_id: Some(actor),
                action,
                before: Some(b),
                after: Some(a),
            },
        )
        .await?;
        Ok(Versioned::Written(after))
    })
    .await
}

/// Inserts a claim added by hand. The article row is locked so concurrent
/// additions take ordinals one after the other; the new claim goes last in
/// ordinal order (views sort by position in the text).
pub async fn insert_manual(
    conn: &mut AsyncPgConnection,
    mut claim: NewClaim,
    actor: Uuid,
) -> Result<ClaimRow, StoreError> {
    conn.transaction::<_, StoreError, _>(async |conn| {
        articles::table
            .filter(articles::id.eq(claim.article_id))
            .filter(articles::deleted_at.is_null())
            .select(articles::id)
            .for_update()
            .first::<Uuid>(conn)
            .await?;
        let max: Option<i32> = claims::table
            .filter(claims::article_id.eq(claim.article_id))
            .select(diesel::dsl::max(claims::ordinal))
            .first(conn)
            .await?;
        claim.ordinal = max.map_or(0, |m| m + 1);
        let row: ClaimRow = diesel::insert_into(claims::table)
            .values((&claim, claims::origin.eq("manual")))
            .returning(ClaimRow::as_returning())
            .get_result(conn)
            .await?;
        events::record(
            conn,
            NewEvent {
                article_id: row.article_id,
                claim_id: Some(row.id),
                actor_id: Some(actor),
                action: "claim_added",
                before: None,
                after: serde_json::to_value(&row).ok(),
            },
        )
        .await?;
        Ok(row)
    })
    .await
}

/// A claim from another article that reads like the one asked about.
#[derive(Debug, Clone, QueryableByName)]
pub struct SimilarHit {
    #[diesel(sql_type = diesel::sql_types::Uuid)]
    pub id: Uuid,
    /// pg_trgm similarity of the contents, in [0, 1].
    #[diesel(sql_type = diesel::sql_types::Float4)]
    pub similarity: f32,
    #[diesel(sql_type = diesel::sql_types::Bool)]
    pub same_speaker: bool,
    /// Similarity plus `SAME_SPEAKER_BOOST` when the speakers match.
    #[diesel(sql_type = diesel::sql_types::Float4)]
    pub score: f32,
}

/// Enough to lift a same-speaker hit over a slightly closer wording by
/// someone else, not enough to make an unrelated claim rank.
pub const SAME_SPEAKER_BOOST: f32 = 0.15;

/// How similar two contents must be (pg_trgm similarity) to count as the
/// same assertion; pg_trgm's own default threshold.
pub const MIN_SIMILARITY: f32 = 0.3;

/// Claims of other live articles that share a match band with `claim`
/// (MinHash bands, see migration `2026-11-27-000003`: claims sharing most
/// of their words) and are trigram-similar to it, best first, same speaker boosted.
/// The band lookup keeps the candidates few however large the store grows.
pub async fn similar(
    conn: &mut AsyncPgConnection,
    claim: &ClaimRow,
    limit: i64,
) -> Result<Vec<SimilarHit>, StoreError> {
    use diesel::sql_types::{BigInt, Float4, Nullable, Text, Uuid as SqlUuid};
    Ok(diesel::sql_query(
        "SELECT c.id, similarity(c.content_text, $1) AS similarity, \
                coalesce(lower(c.speaker) = lower($2), false) AS same_speaker, \
                (similarity(c.content_text, $1) \
                 + CASE WHEN lower(c.speaker) = lower($2) THEN $3 ELSE 0 END)::real AS score \
         FROM claims c \
         WHERE c.match_bands && (SELECT match_bands FROM claims WHERE id = $6) \
               AND c.article_id <> $4 AND NOT c.not_a_claim \
               AND c.article_id NOT IN (SELECT id FROM articles WHERE deleted_at IS NOT NULL) \
               AND similarity(c.content_text, $1) >= $7 \
         ORDER BY score DESC, c.id \
         LIMIT $5",
    )
    .bind::<Text, _>(&claim.content_text)
    .bind::<Nullable<Text>, _>(claim.speaker.as_deref())
    .bind::<Float4, _>(SAME_SPEAKER_BOOST)
    .bind::<SqlUuid, _>(claim.article_id)
    .bind::<BigInt, _>(limit)
    .bind::<SqlUuid, _>(claim.id)
    .bind::<Float4, _>(MIN_SIMILARITY)
    .load(conn)
    .await?)
}

/// Claims by id, in no particular order.
pub async fn find_many(
    conn: &mut AsyncPgConnection,
    ids: &[Uuid],
) -> Result<Vec<ClaimRow>, StoreError> {
    Ok(claims::table
        .filter(claims::id.eq_any(ids))
        .select(ClaimRow::as_select())
        .load(conn)
        .await?)
}

/// Claim counts of one speaker for one (status, verdict) pair.
#[derive(Debug, Clone, QueryableByName)]
pub struct SpeakerCount {
    #[diesel(sql_type = diesel::sql_types::Text)]
    pub speaker: String,
    #[diesel(sql_type = diesel::sql_types::Text)]
    pub status: String,
    #[diesel(sql_type = diesel::sql_types::Nullable<diesel::sql_types::Text>)]
    pub verdict: Option<String>,
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    pub n: i64,
}

/// Claim counts per speaker, status and verdict, in one GROUP BY.
/// Speakers that differ only in case are one speaker (as the list filter
/// treats them); the name shown is the first in sort order. Claims marked
/// not-a-claim and claims of deleted articles are not counted.
pub async fn speaker_counts(conn: &mut AsyncPgConnection) -> Result<Vec<SpeakerCount>, StoreError> {
    Ok(diesel::sql_query(
        "SELECT min(c.speaker) AS speaker, c.status, c.verdict, count(*) AS n \
         FROM claims c JOIN articles a ON a.id = c.article_id \
         WHERE c.speaker IS NOT NULL AND a.deleted_at IS NULL AND NOT c.not_a_claim \
         GROUP BY lower(c.speaker), c.status, c.verdict \
         ORDER BY lower(c.speaker), c.status, c.verdict",
    )
    .load(conn)
    .await?)
}
