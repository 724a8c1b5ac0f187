//! Claims: the row model and the queries on it.

use super::StoreError;
use super::schema::{claims, comments, evidence};
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel_async::{AsyncPgConnection, RunQueryDsl};
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
    #[schema(value_type = Object)]
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

/// An article's claims in reading order.
pub async fn for_article(
    conn: &mut AsyncPgConnection,
    article_id: Uuid,
) -> Result<Vec<ClaimRow>, StoreError> {
    Ok(claims::table
        .filter(claims::article_id.eq(article_id))
        .order(claims::ordinal.asc())
        .select(ClaimRow::as_select())
        .load(conn)
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
