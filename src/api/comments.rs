//! Comments on claims. Checkers write them; authors edit and delete their
//! own, editors anyone's. Writes record history events but leave the
//! claim's version alone (see `claims`).

use super::attachments;
use super::auth::{Auth, Checker, Viewer};
use super::claim_views::live_claim;
use super::error::ApiError;
use super::error::ErrorBody;
use super::state::AppState;
use super::views::CommentView;
use crate::review::attachments as attachments_rules;
use crate::review::{ClaimId, CommentId};
use crate::store::comments::{self, Comment};
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use serde::Deserialize;

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CommentInput {
    #[schema(
        min_length = 1,
        max_length = 10000,
        pattern = "^[^\\u0000]*[^\\u0000\\t\\n\\v\\f\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000][^\\u0000]*$"
    )]
    pub body: String,
}

fn check_body(body: &str) -> Result<&str, ApiError> {
    Ok(attachments_rules::check_comment(body)?)
}

/// Comment on a claim (checker+).
#[utoipa::path(post, path = "/claims/{id}/comments", tag = "comments", request_body = CommentInput,
    params(("id" = Uuid, Path, description = "Claim id")),
    responses(
        (status = 201, body = CommentView),
        (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody),
        (status = 422, body = ErrorBody, description = "empty_comment, comment_too_long"),
    ))]
pub async fn create(
    state: web::Data<AppState>,
    auth: Auth<Checker>,
    path: web::Path<ClaimId>,
    body: web::Json<CommentInput>,
) -> Result<HttpResponse, ApiError> {
    let text = check_body(&body.body)?;
    let mut conn = state.conn().await?;
    let claim = live_claim(&mut conn, path.into_inner()).await?;
    let row = comments::insert(&mut conn, claim.article_id, claim.id, auth.id(), text).await?;
    attachments::respond(&mut conn, StatusCode::CREATED, row, &auth.user).await
}

/// A claim's comments, oldest first (deleted ones are left out).
#[utoipa::path(get, path = "/claims/{id}/comments", tag = "comments",
    params(("id" = Uuid, Path, description = "Claim id")),
    responses((status = 200, body = [CommentView]), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn list(
    state: web::Data<AppState>,
    auth: Auth<Viewer>,
    path: web::Path<ClaimId>,
) -> Result<HttpResponse, ApiError> {
    attachments::list::<Comment>(&state, path.into_inner(), &auth.user).await
}

/// Edit a comment (its author, or an editor).
#[utoipa::path(patch, path = "/comments/{id}", tag = "comments", request_body = CommentInput,
    params(("id" = Uuid, Path, description = "Comment id"),
           ("If-Match" = Option<String>, Header, description = "Optional: the version read, e.g. \"2\"")),
    responses(
        (status = 200, body = CommentView, description = "ETag carries the new version"),
        (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody, description = "not_author"),
        (status = 404, body = ErrorBody),
        (status = 409, body = ErrorBody, description = "stale_version: `current` holds the row as it is now"),
        (status = 422, body = ErrorBody, description = "empty_comment, comment_too_long, invalid_if_match"),
    ))]
pub async fn update(
    req: HttpRequest,
    state: web::Data<AppState>,
    auth: Auth<Checker>,
    path: web::Path<CommentId>,
    body: web::Json<CommentInput>,
) -> Result<HttpResponse, ApiError> {
    let text = check_body(&body.body)?;
    let unchanged = |c: &Comment| c.body == text;
    attachments::update::<Comment>(&req, &state, &auth, path.into_inner(), text, unchanged).await
}

/// Delete a comment (its author, or an editor). The row is kept, hidden.
#[utoipa::path(delete, path = "/comments/{id}", tag = "comments",
    params(("id" = Uuid, Path, description = "Comment id"),
           ("If-Match" = Option<String>, Header, description = "Optional: the version read, e.g. \"2\"")),
    responses(
        (status = 204),
        (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody, description = "not_author"),
        (status = 404, body = ErrorBody),
        (status = 409, body = ErrorBody, description = "stale_version: `current` holds the row as it is now"),
        (status = 422, body = ErrorBody, description = "invalid_if_match"),
    ))]
pub async fn delete(
    req: HttpRequest,
    state: web::Data<AppState>,
    auth: Auth<Checker>,
    path: web::Path<CommentId>,
) -> Result<HttpResponse, ApiError> {
    attachments::delete::<Comment>(&req, &state, &auth, path.into_inner()).await
}
