//! What evidence and comments share over HTTP: who may change one, the
//! optional `If-Match` check, the 409 that carries the row as it is now,
//! the response with its version as ETag, and the list and delete routes.

use super::auth::{Auth, Checker};
use super::claim_views::live_claim;
use super::error::{ApiError, not_found_as};
use super::error_code::ErrorCode;
use super::preconditions::if_match;
use super::state::AppState;
use super::views::{CommentView, EvidenceView, Names};
use crate::review::attachments::{check_author_or_editor, is_stale};
use crate::review::{ArticleId, ClaimId};
use crate::store::comments::Comment;
use crate::store::events::AttachmentQueries;
use crate::store::evidence::Evidence;
use crate::store::users::User;
use crate::store::{StoreError, Versioned};
use actix_web::http::{StatusCode, header};
use actix_web::{HttpRequest, HttpResponse};
use diesel_async::AsyncPgConnection;
use serde::Serialize;
use serde_json::json;

/// An attachment as the API shows it.
pub trait Viewed: AttachmentQueries {
    type View: Serialize;
    fn view(self, names: &Names, viewer: &User) -> Self::View;
}

impl Viewed for Evidence {
    type View = EvidenceView;
    fn view(self, names: &Names, viewer: &User) -> EvidenceView {
        let may_change = may_change(self.added_by, viewer);
        EvidenceView::new(self, names, may_change)
    }
}

impl Viewed for Comment {
    type View = CommentView;
    fn view(self, names: &Names, viewer: &User) -> CommentView {
        let may_change = may_change(self.author_id, viewer);
        CommentView::new(self, names, may_change)
    }
}

/// The domain's rule, asked for the viewer so the browser need not copy it.
fn may_change(author: crate::review::UserId, viewer: &User) -> bool {
    check_author_or_editor(author, viewer.id, viewer.role(), "its author").is_ok()
}

async fn view_one<T: Viewed>(
    conn: &mut AsyncPgConnection,
    row: T,
    viewer: &User,
) -> Result<T::View, ApiError> {
    let names = Names::load(conn, [row.author_id()]).await?;
    Ok(row.view(&names, viewer))
}

/// A live attachment `user` may change, with its claim's article id: its
/// author may, and so may any editor.
pub async fn own_or_editor<T: Viewed>(
    conn: &mut AsyncPgConnection,
    id: T::Id,
    user: &User,
) -> Result<(T, ArticleId), ApiError> {
    let row = T::find_live(conn, id)
        .await
        .map_err(|e| not_found_as(e, T::WHAT))?;
    // Attachments of a claim whose article was deleted are gone with it.
    let claim = crate::store::claims::find_live(conn, row.claim_id())
        .await
        .map_err(|e| not_found_as(e, T::WHAT))?;
    check_author_or_editor(row.author_id(), user.id, user.role(), T::AUTHOR)?;
    Ok((row, claim.article_id))
}

/// 409 `stale_version` carrying the row as it is now.
async fn stale<T: Viewed>(conn: &mut AsyncPgConnection, now: T, viewer: &User) -> ApiError {
    let version = now.version();
    match view_one(conn, now, viewer).await {
        Ok(current) => ApiError::Conflict {
            code: ErrorCode::StaleVersion,
            message: format!(
                "the {} changed since the version sent; it is at version {version} now",
                T::WHAT
            ),
            details: Some(json!({ "current": current })),
        },
        Err(e) => e,
    }
}

/// Checks the version read against the row read; the store checks again
/// under the row's lock. Gives the row back when it is current.
pub async fn check_if_match<T: Viewed>(
    conn: &mut AsyncPgConnection,
    expected: Option<i32>,
    row: T,
    viewer: &User,
) -> Result<T, ApiError> {
    if is_stale(expected, row.version()) {
        return Err(stale(conn, row, viewer).await);
    }
    Ok(row)
}

/// The row with its version as the ETag.
pub async fn respond<T: Viewed>(
    conn: &mut AsyncPgConnection,
    status: StatusCode,
    row: T,
    viewer: &User,
) -> Result<HttpResponse, ApiError> {
    let version = row.version();
    let view = view_one(conn, row, viewer).await?;
    Ok(HttpResponse::build(status)
        .insert_header((header::ETAG, format!("\"{version}\"")))
        .json(view))
}

/// The written row, or 409 when the store found it moved on.
pub async fn written<T: Viewed>(
    conn: &mut AsyncPgConnection,
    v: Versioned<T>,
    viewer: &User,
) -> Result<T, ApiError> {
    match v {
        Versioned::Written(row) => Ok(row),
        Versioned::Stale(now) => Err(stale(conn, now, viewer).await),
    }
}

/// A claim's live attachments of one kind, oldest first.
pub async fn list<T: Viewed>(
    state: &AppState,
    claim: ClaimId,
    viewer: &User,
) -> Result<HttpResponse, ApiError> {
    let mut conn = state.conn().await?;
    let claim = live_claim(&mut conn, claim).await?;
    let rows = T::for_claim(&mut conn, claim.id).await?;
    let names = Names::load(&mut conn, rows.iter().map(|r| r.author_id())).await?;
    let views: Vec<T::View> = rows.into_iter().map(|r| r.view(&names, viewer)).collect();
    Ok(HttpResponse::Ok().json(views))
}

/// Deletes an attachment (its author, or an editor), honouring `If-Match`.
/// The row is kept, hidden.
pub async fn delete<T: Viewed>(
    req: &HttpRequest,
    state: &AppState,
    auth: &Auth<Checker>,
    id: T::Id,
) -> Result<HttpResponse, ApiError> {
    let expected = if_match(req)?;
    let mut conn = state.conn().await?;
    let (before, article_id) = own_or_editor::<T>(&mut conn, id, &auth.user).await?;
    check_if_match(&mut conn, expected, before, &auth.user).await?;
    let gone = T::soft_delete(&mut conn, article_id, id, expected, auth.id())
        .await
        .map_err(|e| not_found_as(e, T::WHAT))?;
    written(&mut conn, gone, &auth.user).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Edits an attachment (its author, or an editor), honouring `If-Match`;
/// an edit that changes nothing (`unchanged`) is answered with the row and
/// writes no event.
pub async fn update<T: Viewed>(
    req: &HttpRequest,
    state: &AppState,
    auth: &Auth<Checker>,
    id: T::Id,
    changes: &T::Changes,
    unchanged: impl FnOnce(&T) -> bool,
) -> Result<HttpResponse, ApiError> {
    let expected = if_match(req)?;
    let mut conn = state.conn().await?;
    let (before, article_id) = own_or_editor::<T>(&mut conn, id, &auth.user).await?;
    let before = check_if_match(&mut conn, expected, before, &auth.user).await?;
    if unchanged(&before) {
        return respond(&mut conn, StatusCode::OK, before, &auth.user).await;
    }
    let row = T::update(&mut conn, article_id, id, expected, changes, auth.id())
        .await
        .map_err(missing::<T>)?;
    let row = written(&mut conn, row, &auth.user).await?;
    respond(&mut conn, StatusCode::OK, row, &auth.user).await
}

/// `StoreError::NotFound` named for the kind of attachment.
pub fn missing<T: Viewed>(e: StoreError) -> ApiError {
    not_found_as(e, T::WHAT)
}
