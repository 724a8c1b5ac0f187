//! Sessions ended by logging out. A token stays valid by its signature until
//! it expires, so logging out records its session id here, and the query
//! that loads the user for a request ([`super::users::find_for_session`])
//! refuses it.

use super::StoreError;
use super::schema::revoked_sessions;
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel_async::{AsyncPgConnection, RunQueryDsl};
use uuid::Uuid;

/// Ends session `sid`, whose token expires at `expires_at`. Rows of tokens
/// that have expired by now are dropped on the way: the signature check
/// already refuses those, and logging out is rare enough to pay for it.
pub async fn revoke(
    conn: &mut AsyncPgConnection,
    sid: Uuid,
    expires_at: DateTime<Utc>,
) -> Result<(), StoreError> {
    diesel::delete(
        revoked_sessions::table.filter(revoked_sessions::expires_at.lt(diesel::dsl::now)),
    )
    .execute(conn)
    .await?;
    diesel::insert_into(revoked_sessions::table)
        .values((
            revoked_sessions::sid.eq(sid),
            revoked_sessions::expires_at.eq(expires_at),
        ))
        .on_conflict_do_nothing()
        .execute(conn)
        .await?;
    Ok(())
}
