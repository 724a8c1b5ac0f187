//! Links between claims that make the same assertion in different
//! articles, so one verdict can serve them all. A pair is stored once, with
//! `claim_a < claim_b`.

use super::StoreError;
use super::claims::ClaimRow;
use super::events::{self, NewEvent};
use super::schema::{articles, claim_links, claims};
use crate::review::{ClaimId, HistoryAction, UserId};
use diesel::prelude::*;
use diesel_async::{AsyncConnection, AsyncPgConnection, RunQueryDsl};

fn ordered(x: ClaimId, y: ClaimId) -> (ClaimId, ClaimId) {
    if x < y { (x, y) } else { (y, x) }
}

/// Links two claims and records the link on both. `Conflict` if they
/// already are linked.
pub async fn link(
    conn: &mut AsyncPgConnection,
    one: &ClaimRow,
    other: &ClaimRow,
    actor: UserId,
) -> Result<(), StoreError> {
    let (a, b) = ordered(one.id, other.id);
    conn.transaction::<_, StoreError, _>(async |conn| {
        diesel::insert_into(claim_links::table)
            .values((
                claim_links::claim_a.eq(a),
                claim_links::claim_b.eq(b),
                claim_links::created_by.eq(actor),
            ))
            .execute(conn)
            .await?;
        record_both(conn, one, other, actor, HistoryAction::ClaimLinked, true).await
    })
    .await
}

/// Removes a link; `NotFound` if there was none.
pub async fn unlink(
    conn: &mut AsyncPgConnection,
    one: &ClaimRow,
    other: &ClaimRow,
    actor: UserId,
) -> Result<(), StoreError> {
    let (a, b) = ordered(one.id, other.id);
    conn.transaction::<_, StoreError, _>(async |conn| {
        let n = diesel::delete(
            claim_links::table
                .filter(claim_links::claim_a.eq(a))
                .filter(claim_links::claim_b.eq(b)),
        )
        .execute(conn)
        .await?;
        if n == 0 {
            return Err(StoreError::NotFound);
        }
        record_both(conn, one, other, actor, HistoryAction::ClaimUnlinked, false).await
    })
    .await
}

/// Each side's history shows the link from its own point of view.
async fn record_both(
    conn: &mut AsyncPgConnection,
    one: &ClaimRow,
    other: &ClaimRow,
    actor: UserId,
    action: HistoryAction,
    linked: bool,
) -> Result<(), StoreError> {
    for (me, them) in [(one, other), (other, one)] {
        let side = Some(serde_json::json!({"linked_claim_id": them.id}));
        events::record(
            conn,
            NewEvent {
                article_id: me.article_id,
                claim_id: Some(me.id),
                actor_id: Some(actor),
                action,
                before: if linked { None } else { side.clone() },
                after: if linked { side } else { None },
            },
        )
        .await?;
    }
    Ok(())
}

/// The claims linked to `id` whose articles are live, oldest first.
pub async fn linked(
    conn: &mut AsyncPgConnection,
    id: ClaimId,
) -> Result<Vec<ClaimRow>, StoreError> {
    let pairs: Vec<(ClaimId, ClaimId)> = claim_links::table
        .filter(claim_links::claim_a.eq(id).or(claim_links::claim_b.eq(id)))
        .select((claim_links::claim_a, claim_links::claim_b))
        .load(conn)
        .await?;
    let others: Vec<ClaimId> = pairs
        .into_iter()
        .map(|(a, b)| if a == id { b } else { a })
        .collect();
    if others.is_empty() {
        return Ok(Vec::new());
    }
    Ok(claims::table
        .inner_join(articles::table)
        .filter(claims::id.eq_any(&others))
        .filter(articles::deleted_at.is_null())
        .order(claims::id.asc())
        .select(ClaimRow::as_select())
        .load(conn)
        .await?)
}
