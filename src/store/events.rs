//! The append-only history. Every change to a claim, its evidence or its
//! comments records one event in the same transaction as the change, so the
//! history can never disagree with the data.

use super::StoreError;
use super::schema::claim_events;
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel_async::{AsyncPgConnection, RunQueryDsl};
use serde::Serialize;
use serde_json::Value;
use uuid::Uuid;

#[derive(Debug, Clone, Queryable, Selectable, Serialize, utoipa::ToSchema)]
#[diesel(table_name = claim_events, check_for_backend(diesel::pg::Pg))]
pub struct Event {
    pub id: i64,
    pub article_id: Uuid,
    pub claim_id: Option<Uuid>,
    pub actor_id: Option<Uuid>,
    pub at: DateTime<Utc>,
    pub action: String,
    pub before: Option<Value>,
    pub after: Option<Value>,
}

/// One history row. Call it inside the transaction that makes the change.
pub struct NewEvent<'a> {
    pub article_id: Uuid,
    pub claim_id: Option<Uuid>,
    pub actor_id: Option<Uuid>,
    pub action: &'a str,
    pub before: Option<Value>,
    pub after: Option<Value>,
}

pub async fn record(conn: &mut AsyncPgConnection, e: NewEvent<'_>) -> Result<(), StoreError> {
    diesel::insert_into(claim_events::table)
        .values((
            claim_events::article_id.eq(e.article_id),
            claim_events::claim_id.eq(e.claim_id),
            claim_events::actor_id.eq(e.actor_id),
            claim_events::action.eq(e.action),
            claim_events::before.eq(e.before),
            claim_events::after.eq(e.after),
        ))
        .execute(conn)
        .await?;
    Ok(())
}

/// A claim's history, oldest first.
pub async fn for_claim(
    conn: &mut AsyncPgConnection,
    claim_id: Uuid,
) -> Result<Vec<Event>, StoreError> {
    Ok(claim_events::table
        .filter(claim_events::claim_id.eq(claim_id))
        .order(claim_events::id.asc())
        .select(Event::as_select())
        .load(conn)
        .await?)
}
