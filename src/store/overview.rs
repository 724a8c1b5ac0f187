//! What a start page shows: claim counts by status and verdict, and the
//! latest history across live articles.

use super::StoreError;
use crate::review::{ArticleId, ClaimId, HistoryAction, Status};
use chrono::{DateTime, Utc};
use diesel::QueryableByName;
use diesel::sql_types::{BigInt, Nullable, Text, Timestamptz, Uuid};
use diesel_async::{AsyncPgConnection, RunQueryDsl};
use serde::Serialize;

/// Claims of live articles with one (status, verdict) pair; claims marked
/// not-a-claim are left out.
#[derive(Debug, Clone, QueryableByName, Serialize, utoipa::ToSchema)]
pub struct StatusCount {
    #[diesel(sql_type = Text)]
    pub status: Status,
    #[diesel(sql_type = Nullable<Text>)]
    pub verdict: Option<String>,
    #[diesel(sql_type = BigInt)]
    pub count: i64,
}

pub async fn status_counts(conn: &mut AsyncPgConnection) -> Result<Vec<StatusCount>, StoreError> {
    Ok(diesel::sql_query(
        // Written so that `claims_overview_idx` answers it alone: deleted
        // articles are few, a join with every live one is not.
        "SELECT c.status, c.verdict, count(*) AS count \
         FROM claims c \
         WHERE NOT c.not_a_claim \
           AND c.article_id NOT IN (SELECT id FROM articles WHERE deleted_at IS NOT NULL) \
         GROUP BY c.status, c.verdict ORDER BY c.status, c.verdict",
    )
    .load(conn)
    .await?)
}

/// One history event with the names a reader needs.
#[derive(Debug, Clone, QueryableByName, Serialize, utoipa::ToSchema)]
pub struct Activity {
    #[diesel(sql_type = Timestamptz)]
    pub at: DateTime<Utc>,
    #[diesel(sql_type = Text)]
    pub action: HistoryAction,
    /// The actor's name; null for the system (import, extraction).
    #[diesel(sql_type = Nullable<Text>)]
    pub actor: Option<String>,
    #[diesel(sql_type = Uuid)]
    pub article_id: ArticleId,
    #[diesel(sql_type = Nullable<Text>)]
    pub article_title: Option<String>,
    #[diesel(sql_type = Nullable<Uuid>)]
    pub claim_id: Option<ClaimId>,
    #[diesel(sql_type = Nullable<Text>)]
    pub claim_text: Option<String>,
}

/// The latest `limit` events of live articles, newest first.
pub async fn recent_activity(
    conn: &mut AsyncPgConnection,
    limit: i64,
) -> Result<Vec<Activity>, StoreError> {
    Ok(diesel::sql_query(
        "SELECT e.at, e.action, u.name AS actor, e.article_id, a.title AS article_title, \
                e.claim_id, c.content_text AS claim_text \
         FROM claim_events e \
         JOIN articles a ON a.id = e.article_id AND a.deleted_at IS NULL \
         LEFT JOIN users u ON u.id = e.actor_id \
         LEFT JOIN claims c ON c.id = e.claim_id \
         ORDER BY e.id DESC LIMIT $1",
    )
    .bind::<BigInt, _>(limit)
    .load(conn)
    .await?)
}
