//! Comments: the discussion on a claim. Deleting keeps the row
//! (`deleted_at`) so the history can point at it.

use super::StoreError;
use super::events::{self, Attachment};
use super::schema::comments;
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel_async::{AsyncConnection, AsyncPgConnection, RunQueryDsl};
use serde::Serialize;
use uuid::Uuid;

#[derive(Debug, Clone, Queryable, Selectable, Serialize, utoipa::ToSchema)]
#[diesel(table_name = comments, check_for_backend(diesel::pg::Pg))]
pub struct Comment {
    pub id: Uuid,
    pub claim_id: Uuid,
    pub author_id: Uuid,
    pub body: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl Attachment for Comment {
    const ACTIONS: [&'static str; 3] = ["comment_added", "comment_edited", "comment_deleted"];
    fn claim_id(&self) -> Uuid {
        self.claim_id
    }
    fn author_id(&self) -> Uuid {
        self.author_id
    }
}

/// Live comments of a claim, oldest first.
pub async fn for_claim(
    conn: &mut AsyncPgConnection,
    claim_id: Uuid,
) -> Result<Vec<Comment>, StoreError> {
    Ok(comments::table
        .filter(comments::claim_id.eq(claim_id))
        .filter(comments::deleted_at.is_null())
        .order(comments::id.asc())
        .select(Comment::as_select())
        .load(conn)
        .await?)
}

pub async fn find_live(conn: &mut AsyncPgConnection, id: Uuid) -> Result<Comment, StoreError> {
    Ok(comments::table
        .filter(comments::id.eq(id))
        .filter(comments::deleted_at.is_null())
        .select(Comment::as_select())
        .first(conn)
        .await?)
}

pub async fn insert(
    conn: &mut AsyncPgConnection,
    article_id: Uuid,
    claim_id: Uuid,
    author_id: Uuid,
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

/// Replaces a live comment's body; `NotFound` if it was deleted meanwhile.
pub async fn update(
    conn: &mut AsyncPgConnection,
    article_id: Uuid,
    id: Uuid,
    body: &str,
    actor: Uuid,
) -> Result<Comment, StoreError> {
    conn.transaction::<_, StoreError, _>(async |conn| {
        // The row as it is now, locked: an edit that landed since the caller
        // read it is what this one replaces, and the history must say so.
        let before: Comment = comments::table
            .filter(comments::id.eq(id))
            .filter(comments::deleted_at.is_null())
            .for_update()
            .select(Comment::as_select())
            .first(conn)
            .await?;
        let row: Comment = diesel::update(comments::table.filter(comments::id.eq(id)))
            .set((
                comments::body.eq(body),
                comments::updated_at.eq(diesel::dsl::now),
            ))
            .returning(Comment::as_returning())
            .get_result(conn)
            .await?;
        events::attachment_edited(conn, article_id, actor, &before, &row).await?;
        Ok(row)
    })
    .await
}

pub async fn soft_delete(
    conn: &mut AsyncPgConnection,
    article_id: Uuid,
    id: Uuid,
    actor: Uuid,
) -> Result<(), StoreError> {
    conn.transaction::<_, StoreError, _>(async |conn| {
        // The history keeps the row as it was when deleted, not as the
        // caller last read it.
        let gone: Comment = diesel::update(
            comments::table
                .filter(comments::id.eq(id))
                .filter(comments::deleted_at.is_null()),
        )
        .set(comments::deleted_at.eq(diesel::dsl::now))
        .returning(Comment::as_returning())
        .get_result(conn)
        .await?;
        events::attachment_deleted(conn, article_id, actor, &gone).await
    })
    .await
}
