//! Evidence: sources that support, refute or give context to a claim.
//! Deleting keeps the row (`deleted_at`) so the history can point at it.

use super::attachment_writes::attachment_writes;
use super::events::{self, Attachment};
use super::schema::evidence;
use super::{StoreError, Versioned};
use crate::review::{ArticleId, ClaimId, EvidenceId, HistoryAction, Stance, UserId};
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel_async::{AsyncConnection, AsyncPgConnection, RunQueryDsl};
use serde::Serialize;

#[derive(Debug, Clone, Queryable, Selectable, Serialize)]
#[diesel(table_name = evidence, check_for_backend(diesel::pg::Pg))]
pub struct Evidence {
    pub id: EvidenceId,
    pub claim_id: ClaimId,
    pub url: String,
    pub title: Option<String>,
    pub publisher: Option<String>,
    pub excerpt: Option<String>,
    pub stance: Stance,
    pub added_by: UserId,
    pub added_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// Optimistic lock: send it back as `If-Match` to edit or delete.
    pub version: i32,
}

#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = evidence)]
pub struct NewEvidence {
    pub id: EvidenceId,
    pub claim_id: ClaimId,
    pub url: String,
    pub title: Option<String>,
    pub publisher: Option<String>,
    pub excerpt: Option<String>,
    pub stance: Stance,
    pub added_by: UserId,
}

#[derive(Debug, Clone, Default, AsChangeset)]
#[diesel(table_name = evidence)]
pub struct EvidenceChanges {
    pub url: Option<String>,
    pub title: Option<Option<String>>,
    pub publisher: Option<Option<String>>,
    pub excerpt: Option<Option<String>>,
    pub stance: Option<Stance>,
}

impl EvidenceChanges {
    /// Whether applying these changes to `ev` would change anything.
    pub fn changes(&self, ev: &Evidence) -> bool {
        self.url.as_ref().is_some_and(|v| *v != ev.url)
            || self.title.as_ref().is_some_and(|v| *v != ev.title)
            || self.publisher.as_ref().is_some_and(|v| *v != ev.publisher)
            || self.excerpt.as_ref().is_some_and(|v| *v != ev.excerpt)
            || self.stance.as_ref().is_some_and(|v| *v != ev.stance)
    }
}

impl Attachment for Evidence {
    const ACTIONS: [HistoryAction; 3] = [
        HistoryAction::EvidenceAdded,
        HistoryAction::EvidenceEdited,
        HistoryAction::EvidenceDeleted,
    ];
    fn claim_id(&self) -> ClaimId {
        self.claim_id
    }
    fn author_id(&self) -> UserId {
        self.added_by
    }
    fn version(&self) -> i32 {
        self.version
    }
}

/// Live evidence of a claim, oldest first.
pub async fn for_claim(
    conn: &mut AsyncPgConnection,
    claim_id: ClaimId,
) -> Result<Vec<Evidence>, StoreError> {
    for_claims(conn, &[claim_id]).await
}

/// Live evidence of several claims, oldest first.
pub async fn for_claims(
    conn: &mut AsyncPgConnection,
    claim_ids: &[ClaimId],
) -> Result<Vec<Evidence>, StoreError> {
    Ok(evidence::table
        .filter(evidence::claim_id.eq_any(claim_ids))
        .filter(evidence::deleted_at.is_null())
        .order(evidence::id.asc())
        .select(Evidence::as_select())
        .load(conn)
        .await?)
}

/// A live (not deleted) piece of evidence.
pub async fn find_live(
    conn: &mut AsyncPgConnection,
    id: EvidenceId,
) -> Result<Evidence, StoreError> {
    Ok(evidence::table
        .filter(evidence::id.eq(id))
        .filter(evidence::deleted_at.is_null())
        .select(Evidence::as_select())
        .first(conn)
        .await?)
}

pub async fn insert(
    conn: &mut AsyncPgConnection,
    article_id: ArticleId,
    new: NewEvidence,
) -> Result<Evidence, StoreError> {
    conn.transaction::<_, StoreError, _>(async |conn| {
        let row: Evidence = diesel::insert_into(evidence::table)
            .values(&new)
            .returning(Evidence::as_returning())
            .get_result(conn)
            .await?;
        events::attachment_added(conn, article_id, &row).await?;
        Ok(row)
    })
    .await
}

attachment_writes!(Evidence, EvidenceId, evidence, "evidence", "who added this evidence", changes: EvidenceChanges => changes);
