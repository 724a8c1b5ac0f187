//! What evidence and comments share over HTTP: who may change one, the
//! optional `If-Match` check, the 409 that carries the row as it is now,
//! and the response with its version as ETag.

use super::auth::{Auth, Checker};
use super::claim_views::live_claim;
use super::error::{ApiError, not_found_as};
use super::error_code::ErrorCode;
use super::preconditions::if_match;
use super::state::AppState;
use crate::review::attachments::{check_author_or_editor, is_stale};
use crate::review::{ArticleId, ClaimId};
use crate::store::events::{Attachment, AttachmentQueries};
use crate::store::users::User;
use crate::store::{StoreError, Versioned};
use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse};
use diesel_async::AsyncPgConnection;
use serde_json::json;

/// A live attachment that `user` may change, with its claim's article id.
/// `what` names it in errors, `who` its author.
pub async fn author_or_editor<T: Attachment>(
    conn: &mut AsyncPgConnection,
    found: Result<T, StoreError>,
    user: &User,
    what: &'static str,
    who: &'static str,
) -> Result<(T, ArticleId), ApiError> {
    let row = found.map_err(|e| not_found_as(e, what))?;
    // Attachments of a claim whose article was deleted are gone with it.
    let claim = crate::store::claims::find_live(conn, row.claim_id())
        .await
        .map_err(|e| not_found_as(e, what))?;
    check_author_or_editor(row.author_id(), user.id, user.role(), who)?;
    Ok((row, claim.article_id))
}

/// 409 `stale_version` carrying the row as it is now.
pub fn stale<T: Attachment>(now: &T, what: &str) -> ApiError {
    ApiError::Conflict {
        code: ErrorCode::StaleVersion,
        message: format!(
            "the {what} changed since the version sent; it is at version {} now",
            now.version()
        ),
        details: Some(json!({ "current": now })),
    }
}

/// Checks the version read against the row read; the store checks again
/// under the row's lock.
pub fn check_if_match<T: Attachment>(
    expected: Option<i32>,
    row: &T,
    what: &str,
) -> Result<(), ApiError> {
    if is_stale(expected, row.version()) {
        return Err(stale(row, what));
    }
    Ok(())
}

/// 200 with the row and its version as the ETag.
pub fn response<T: Attachment>(row: &T) -> HttpResponse {
    HttpResponse::Ok()
        .insert_header((header::ETAG, format!("\"{}\"", row.version())))
        .json(row)
}

/// The written row, or 409 when the store found it moved on.
pub fn written<T: Attachment>(v: Versioned<T>, what: &str) -> Result<T, ApiError> {
    match v {
        Versioned::Written(row) => Ok(row),
        Versioned::Stale(now) => Err(stale(&now, what)),
    }
}

/// A live attachment `user` may change, with its claim's article id.
pub async fn own_or_editor<T: AttachmentQueries>(
    conn: &mut AsyncPgConnection,
    id: T::Id,
    user: &User,
) -> Result<(T, ArticleId), ApiError> {
    let found = T::find_live(conn, id).await;
    author_or_editor(conn, found, user, T::WHAT, T::AUTHOR).await
}

/// A claim's live attachments of one kind, oldest first.
pub async fn list<T: AttachmentQueries>(
    state: &AppState,
    claim: ClaimId,
) -> Result<HttpResponse, ApiError> {
    let mut conn = state.conn().await?;
    let claim = live_claim(&mut conn, claim).await?;
    Ok(HttpResponse::Ok().json(T::for_claim(&mut conn, claim.id).await?))
}

/// Deletes an attachment (its author, or an editor), honouring `If-Match`.
/// The row is kept, hidden.
pub async fn delete<T: AttachmentQueries>(
    req: &HttpRequest,
    state: &AppState,
    auth: &Auth<Checker>,
    id: T::Id,
) -> Result<HttpResponse, ApiError> {
    let expected = if_match(req)?;
    let mut conn = state.conn().await?;
    let (before, article_id) = own_or_editor::<T>(&mut conn, id, &auth.user).await?;
    check_if_match(expected, &before, T::WHAT)?;
    let gone = T::soft_delete(&mut conn, article_id, id, expected, auth.id())
        .await
        .map_err(|e| not_found_as(e, T::WHAT))?;
    written(gone, T::WHAT)?;
    Ok(HttpResponse::NoContent().finish())
}
