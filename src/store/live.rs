//! The history as it happens: every `claim_events` row is announced on a
//! PostgreSQL channel when its transaction commits (see the `live_events`
//! migration), so an instance learns of changes made through any other.

use super::StoreError;
use diesel_async::{AsyncConnection, AsyncPgConnection, RunQueryDsl};
use futures_util::StreamExt;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// The channel the trigger announces on.
const CHANNEL: &str = "claimdesk_events";

/// One history event as announced: enough for a page to know what to read
/// again, nothing a viewer of the article could not read anyway.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct LiveEvent {
    pub id: i64,
    pub article_id: Uuid,
    pub claim_id: Option<Uuid>,
    pub action: String,
    pub actor_id: Option<Uuid>,
    pub actor_name: Option<String>,
}

/// Connects on its own connection (a pooled one would hold a slot for
/// good), LISTENs, and hands each announced event to `on_event` until the
/// connection fails; the caller reconnects. Payloads that do not parse are
/// skipped: they are not ours.
pub async fn follow(
    database_url: &str,
    mut on_event: impl FnMut(LiveEvent),
) -> Result<(), StoreError> {
    let mut conn = AsyncPgConnection::establish(database_url)
        .await
        .map_err(|e| StoreError::Unavailable(e.to_string()))?;
    diesel::sql_query(format!("LISTEN {CHANNEL}"))
        .execute(&mut conn)
        .await?;
    let mut notes = std::pin::pin!(conn.notifications_stream());
    while let Some(note) = notes.next().await {
        let note = note?;
        if note.channel != CHANNEL {
            continue;
        }
        match serde_json::from_str::<LiveEvent>(&note.payload) {
            Ok(e) => on_event(e),
            Err(e) => tracing::warn!(error = %e, "unreadable event announcement skipped"),
        }
    }
    Err(StoreError::Unavailable(
        "the event announcement connection closed".into(),
    ))
}
