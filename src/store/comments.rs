//! Comments: the discussion on a claim. Deleting keeps the row
//! (`deleted_at`) so the history can point at it.

use super::attachment_writes::attachment_writes;
use super::events::{self, Attachment};
use super::schema::comments;
use super::{StoreError, Versioned};
use crate::review::{ArticleId, ClaimId, CommentId, HistoryAction, UserId};
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel_async::{AsyncConnection, AsyncPgConnection, RunQueryDsl};
use serde::Serialize;

#[derive(Debug, Clone, Queryable, Selectable, Serialize)]
#[diesel(table_name = comments, check_for_backend(diesel::pg::Pg))]
pub struct Comment {
    pub id: CommentId,
    pub claim_id: ClaimId,
    pub author_id: UserId,
    pub body: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// Optimistic lock: send it back as `If-Match` to edit or delete.
    pub version: i32,
}

impl Attachment for Comment {
    const ACTIONS: [HistoryAction; 3] = [
        HistoryAction::CommentAdded,
        HistoryAction::CommentEdited,
        HistoryAction::CommentDeleted,
    ];
    fn claim_id(&self) -> ClaimId {
        self.claim_id
    }
    fn author_id(&self) -> UserId {
        self.author_id
    }
    fn version(&self) -> i32 {
        self.version
    }
}

/// Live comments of a claim, oldest first.
pub async fn for_claim(
    conn: &mut AsyncPgConnection,
    claim_id: ClaimId,
) -> Result<Vec<Comment>, StoreError> {
    Ok(comments::table
        .filter(comments::claim_id.eq(claim_id))
        .filter(comments::deleted_at.is_null())
        .order(comments::id.asc())
        .select(Comment::as_select())
        .load(conn)
        .await?)
}

pub async fn find_live(conn: &mut AsyncPgConnection, id: CommentId) -> Result<Comment, StoreError> {
    Ok(comments::table
        .filter(comments::id.eq(id))
        .filter(comments::deleted_at.is_null())
        .select(Comment::as_select())
        .first(conn)
        .await?)
}

pub async fn insert(
    conn: &mut AsyncPgConnection,
    article_id: ArticleId,
    claim_id: ClaimId,
    author_id: UserId,
    body: &str,
) -> Result<Comment, StoreError> {
    conn.transaction::<_, StoreError, _>(async |conn| {
        let row: Comment = diesel::insert_into(comments::table)
            .values((
                comments::id.eq(super::new_id()),
                comments::claim_id.eq(claim_id),
                comments::author_id.eq(author_id),
                comments::body.eq(body),
            ))
            .returning(Comment::as_returning())
            .get_result(conn)
            .await?;
        events::attachment_added(conn, article_id, &row).await?;
        Ok(row)
    })
    .await
}

attachment_writes!(Comment, CommentId, comments, "comment", "the comment's author", body: str => comments::body.eq(body));
