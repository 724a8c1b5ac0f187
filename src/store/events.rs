//! The append-only history. Every change to a claim, its evidence or its
//! comments records one event in the same transaction as the change, so the
//! history can never disagree with the data.

use super::StoreError;
use super::schema::claim_events;
use crate::review::{ArticleId, ClaimId, HistoryAction, UserId};
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel_async::{AsyncPgConnection, RunQueryDsl};
use serde::Serialize;
use serde_json::Value;

#[derive(Debug, Clone, Queryable, Selectable, Serialize)]
#[diesel(table_name = claim_events, check_for_backend(diesel::pg::Pg))]
pub struct Event {
    pub id: i64,
    pub article_id: ArticleId,
    pub claim_id: Option<ClaimId>,
    pub actor_id: Option<UserId>,
    pub at: DateTime<Utc>,
    pub action: HistoryAction,
    pub before: Option<Value>,
    pub after: Option<Value>,
}

/// One history row. Call it inside the transaction that makes the change.
pub struct NewEvent {
    pub article_id: ArticleId,
    pub claim_id: Option<ClaimId>,
    pub actor_id: Option<UserId>,
    pub action: HistoryAction,
    pub before: Option<Value>,
    pub after: Option<Value>,
}

pub async fn record(conn: &mut AsyncPgConnection, e: NewEvent) -> Result<(), StoreError> {
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

/// A row attached to a claim by one author (evidence, a comment): added,
/// edited and softly deleted, each change one history event.
pub trait Attachment: Serialize {
    /// The event actions for adding, editing and deleting one.
    const ACTIONS: [HistoryAction; 3];
    fn claim_id(&self) -> ClaimId;
    fn author_id(&self) -> UserId;
    fn version(&self) -> i32;
}

/// The queries evidence and comments share, so one generic handler serves
/// both (see `attachment_writes!`, which implements it).
#[allow(async_fn_in_trait)]
pub trait AttachmentQueries: Attachment + Sized {
    type Id: Copy + std::fmt::Display;
    /// What an edit writes.
    type Changes: ?Sized;
    /// How errors name one: "evidence", "comment".
    const WHAT: &'static str;
    /// Who may change it besides an editor, as refusals say it.
    const AUTHOR: &'static str;
    async fn find_live(conn: &mut AsyncPgConnection, id: Self::Id) -> Result<Self, StoreError>;
    async fn for_claim(
        conn: &mut AsyncPgConnection,
        claim: ClaimId,
    ) -> Result<Vec<Self>, StoreError>;
    async fn soft_delete(
        conn: &mut AsyncPgConnection,
        article_id: ArticleId,
        id: Self::Id,
        expected: Option<i32>,
        actor: UserId,
    ) -> Result<super::Versioned<Self>, StoreError>;
    async fn update(
        conn: &mut AsyncPgConnection,
        article_id: ArticleId,
        id: Self::Id,
        expected: Option<i32>,
        changes: &Self::Changes,
        actor: UserId,
    ) -> Result<super::Versioned<Self>, StoreError>;
}

/// Records that `row` was added (by its author).
pub async fn attachment_added<T: Attachment>(
    conn: &mut AsyncPgConnection,
    article_id: ArticleId,
    row: &T,
) -> Result<(), StoreError> {
    record(
        conn,
        NewEvent {
            article_id,
            claim_id: Some(row.claim_id()),
            actor_id: Some(row.author_id()),
            action: T::ACTIONS[0],
            before: None,
            after: serde_json::to_value(row).ok(),
        },
    )
    .await
}

/// Records the fields `actor` changed from `before` to `after`.
pub async fn attachment_edited<T: Attachment>(
    conn: &mut AsyncPgConnection,
    article_id: ArticleId,
    actor: UserId,
    before: &T,
    after: &T,
) -> Result<(), StoreError> {
    let (b, a) = diff(before, after);
    record(
        conn,
        NewEvent {
            article_id,
            claim_id: Some(after.claim_id()),
            actor_id: Some(actor),
            action: T::ACTIONS[1],
            before: Some(b),
            after: Some(a),
        },
    )
    .await
}

/// Records that `actor` deleted `before` (the row stays, hidden).
pub async fn attachment_deleted<T: Attachment>(
    conn: &mut AsyncPgConnection,
    article_id: ArticleId,
    actor: UserId,
    before: &T,
) -> Result<(), StoreError> {
    record(
        conn,
        NewEvent {
            article_id,
            claim_id: Some(before.claim_id()),
            actor_id: Some(actor),
            action: T::ACTIONS[2],
            before: serde_json::to_value(before).ok(),
            after: None,
        },
    )
    .await
}

/// A claim's whole history, oldest first.
pub async fn for_claim(
    conn: &mut AsyncPgConnection,
    claim_id: ClaimId,
) -> Result<Vec<Event>, StoreError> {
    Ok(page_for_claim(conn, claim_id, None, i64::MAX - 1).await?.0)
}

/// One page of a claim's history after event `after`, oldest first, and
/// whether more follow.
pub async fn page_for_claim(
    conn: &mut AsyncPgConnection,
    claim_id: ClaimId,
    after: Option<i64>,
    limit: i64,
) -> Result<(Vec<Event>, bool), StoreError> {
    let mut rows: Vec<Event> = claim_events::table
        .filter(claim_events::claim_id.eq(claim_id))
        .filter(claim_events::id.gt(after.unwrap_or(0)))
        .order(claim_events::id.asc())
        .limit(limit + 1)
        .select(Event::as_select())
        .load(conn)
        .await?;
    let more = rows.len() as i64 > limit;
    rows.truncate(limit as usize);
    Ok((rows, more))
}

/// The fields that differ between two serialisable states, as a pair of
/// objects; `updated_at` is left out (the event has its own time).
pub fn diff<T: Serialize>(before: &T, after: &T) -> (Value, Value) {
    let (Ok(Value::Object(b)), Ok(Value::Object(a))) =
        (serde_json::to_value(before), serde_json::to_value(after))
    else {
        return (Value::Null, Value::Null);
    };
    let mut bo = serde_json::Map::new();
    let mut ao = serde_json::Map::new();
    for (k, av) in a {
        let bv = b.get(&k).cloned().unwrap_or(Value::Null);
        if k != "updated_at" && bv != av {
            bo.insert(k.clone(), bv);
            ao.insert(k, av);
        }
    }
    (Value::Object(bo), Value::Object(ao))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn diff_keeps_only_changed_fields_and_ignores_updated_at() {
        let before = json!({"status": "unreviewed", "verdict": null, "version": 1, "updated_at": "a", "speaker": "X"});
        let after = json!({"status": "in_progress", "verdict": "true", "version": 2, "updated_at": "b", "speaker": "X"});
        let (b, a) = diff(&before, &after);
        assert_eq!(
            b,
            json!({"status": "unreviewed", "verdict": null, "version": 1})
        );
        assert_eq!(
            a,
            json!({"status": "in_progress", "verdict": "true", "version": 2})
        );
    }
}
