//! Editing an article's metadata: title, URL, outlet, publication date.
//! The body is what claims point into, so it is never edited here.

use super::auth::{Auth, Editor};
use super::error::{ApiError, ErrorBody, not_found_as};
use super::error_code::ErrorCode;
use super::nullable::nullable;
use super::state::AppState;
use crate::ingest::{self, Metadata};
use crate::review::ArticleId;
use crate::store::articles::{self, ArticleMeta, MetaChanges};
use actix_web::{HttpResponse, web};
use serde::Deserialize;

/// Fields to change; a field left out stays as it is, `null` or an empty
/// string clears it.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ArticlePatch {
    #[serde(default, deserialize_with = "nullable")]
    #[schema(value_type = Option<String>, max_length = 2000)]
    pub title: Option<Option<String>>,
    /// http(s) only.
    #[serde(default, deserialize_with = "nullable")]
    #[schema(
        value_type = Option<String>,
        max_length = 2000,
        pattern = "^([hH][tT][tT][pP][sS]?://([-!\"$&'()*+,;=0-9A-Za-z_`{}~]+\\.)*[A-Za-z][-!\"$&'()*+,;=0-9A-Za-z_`{}~]*([/?#][!-~]*)?)?$"
    )]
    pub url: Option<Option<String>>,
    #[serde(default, deserialize_with = "nullable")]
    #[schema(value_type = Option<String>, max_length = 2000)]
    pub outlet: Option<Option<String>>,
    /// RFC 3339, e.g. `2026-11-26T09:30:00Z`.
    #[serde(default, deserialize_with = "nullable")]
    #[schema(
        value_type = Option<String>,
        pattern = "^([0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|1[0-9]|2[0-8])T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\\.[0-9]{1,9})?(Z|[+-]([01][0-9]|2[0-3]):[0-5][0-9]))?$"
    )]
    pub published_at: Option<Option<String>>,
}

/// Edit an article's title, URL, outlet or publication date (editor and
/// up). The change is in the article's history; the body never changes.
#[utoipa::path(patch, path = "/articles/{id}", tag = "articles", request_body = ArticlePatch,
    params(("id" = Uuid, Path, description = "Article id")),
    responses(
        (status = 200, body = ArticleMeta),
        (status = 400, body = ErrorBody, description = "malformed_json"),
        (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody, description = "No such article, or deleted"),
        (status = 422, body = ErrorBody, description = "invalid_url, invalid_published_at, invalid_field, nothing_to_change"),
    ))]
pub async fn update(
    state: web::Data<AppState>,
    auth: Auth<Editor>,
    path: web::Path<ArticleId>,
    body: web::Json<ArticlePatch>,
) -> Result<HttpResponse, ApiError> {
    let p = body.into_inner();
    if p.title.is_none() && p.url.is_none() && p.outlet.is_none() && p.published_at.is_none() {
        return Err(ApiError::validation(
            ErrorCode::NothingToChange,
            "send at least one of title, url, outlet, published_at",
        ));
    }
    // The same checks as at ingest; a field sent empty is cleared.
    let checked = ingest::check_metadata(Metadata {
        title: p.title.clone().flatten(),
        url: p.url.clone().flatten(),
        outlet: p.outlet.clone().flatten(),
        published_at: p.published_at.clone().flatten(),
    })?;
    let changes = MetaChanges {
        title: p.title.map(|_| checked.title),
        url: p.url.map(|_| checked.url),
        outlet: p.outlet.map(|_| checked.outlet),
        published_at: p.published_at.map(|_| checked.published_at),
    };
    let mut conn = state.conn().await?;
    let article = articles::update_meta(&mut conn, path.into_inner(), changes, auth.id())
        .await
        .map_err(|e| not_found_as(e, "article"))?;
    Ok(HttpResponse::Ok().json(ArticleMeta::from(&article)))
}
