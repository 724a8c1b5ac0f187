//! Evidence on claims. Checkers add it; its author or an editor edits or
//! deletes it. Writes record history events but leave the claim's version
//! alone (see `claims`).

use super::attachments;
use super::auth::{Auth, Checker, Viewer};
use super::claim_views::live_claim;
use super::error::ApiError;
use super::error::ErrorBody;
use super::error_code::ErrorCode;
use super::nullable::nullable;
use super::state::AppState;
use super::views::EvidenceView;
use crate::ingest;
use crate::review::Stance;
use crate::review::{ClaimId, EvidenceId};
use crate::store::evidence::{self, Evidence, EvidenceChanges, NewEvidence};
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use serde::Deserialize;

const MAX_URL_BYTES: usize = 2048;

/// An http(s) URL with a host (the rule article URLs follow), at most
/// 2048 bytes.
pub fn check_url(raw: &str) -> Result<String, ApiError> {
    if raw.trim().len() > MAX_URL_BYTES {
        return Err(ApiError::validation(
            ErrorCode::InvalidUrl,
            format!("the source URL is longer than {MAX_URL_BYTES} bytes"),
        ));
    }
    Ok(ingest::check_url(raw)?.to_string())
}

fn check_text(field: &'static str, v: Option<String>) -> Result<Option<String>, ApiError> {
    Ok(crate::review::attachments::check_evidence_text(field, v)?)
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct EvidenceInput {
    /// http or https
    #[schema(
        pattern = "^[hH][tT][tT][pP][sS]?://([-!\"$&'()*+,;=0-9A-Za-z_`{}~]+\\.)*[A-Za-z][-!\"$&'()*+,;=0-9A-Za-z_`{}~]*([/?#][!-~]*)?$",
        max_length = 2048
    )]
    pub url: String,
    #[schema(max_length = 10000)]
    pub title: Option<String>,
    #[schema(max_length = 10000)]
    pub publisher: Option<String>,
    #[schema(max_length = 10000)]
    pub excerpt: Option<String>,
    /// supports, refutes or context
    #[schema(schema_with = super::schemas::stance)]
    pub stance: String,
}

/// Add evidence to a claim (checker+).
#[utoipa::path(post, path = "/claims/{id}/evidence", tag = "evidence", request_body = EvidenceInput,
    params(("id" = Uuid, Path, description = "Claim id")),
    responses(
        (status = 201, body = EvidenceView),
        (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody),
        (status = 422, body = ErrorBody, description = "invalid_url, invalid_stance (with `allowed`), text_too_long"),
    ))]
pub async fn create(
    state: web::Data<AppState>,
    auth: Auth<Checker>,
    path: web::Path<ClaimId>,
    body: web::Json<EvidenceInput>,
) -> Result<HttpResponse, ApiError> {
    let input = body.into_inner();
    let url = check_url(&input.url)?;
    let new = NewEvidence {
        id: EvidenceId::new(),
        claim_id: path.into_inner(),
        url,
        title: check_text("title", input.title)?,
        publisher: check_text("publisher", input.publisher)?,
        excerpt: check_text("excerpt", input.excerpt)?,
        stance: input.stance.parse::<Stance>()?,
        added_by: auth.id(),
    };
    let mut conn = state.conn().await?;
    let claim = live_claim(&mut conn, new.claim_id).await?;
    let row = evidence::insert(&mut conn, claim.article_id, new).await?;
    attachments::respond(&mut conn, StatusCode::CREATED, row, &auth.user).await
}

/// A claim's evidence, oldest first (deleted evidence is left out).
#[utoipa::path(get, path = "/claims/{id}/evidence", tag = "evidence",
    params(("id" = Uuid, Path, description = "Claim id")),
    responses((status = 200, body = [EvidenceView]), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn list(
    state: web::Data<AppState>,
    auth: Auth<Viewer>,
    path: web::Path<ClaimId>,
) -> Result<HttpResponse, ApiError> {
    attachments::list::<Evidence>(&state, path.into_inner(), &auth.user).await
}

/// Changes to evidence; absent fields stay, `null` clears optional ones.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct EvidencePatch {
    #[schema(
        pattern = "^[hH][tT][tT][pP][sS]?://([-!\"$&'()*+,;=0-9A-Za-z_`{}~]+\\.)*[A-Za-z][-!\"$&'()*+,;=0-9A-Za-z_`{}~]*([/?#][!-~]*)?$",
        max_length = 2048
    )]
    pub url: Option<String>,
    #[serde(default, deserialize_with = "nullable")]
    #[schema(value_type = Option<String>, max_length = 10000)]
    pub title: Option<Option<String>>,
    #[serde(default, deserialize_with = "nullable")]
    #[schema(value_type = Option<String>, max_length = 10000)]
    pub publisher: Option<Option<String>>,
    #[serde(default, deserialize_with = "nullable")]
    #[schema(value_type = Option<String>, max_length = 10000)]
    pub excerpt: Option<Option<String>>,
    #[schema(schema_with = super::schemas::stance)]
    pub stance: Option<String>,
}

/// Edit evidence (its author, or an editor).
#[utoipa::path(patch, path = "/evidence/{id}", tag = "evidence", request_body = EvidencePatch,
    params(("id" = Uuid, Path, description = "Evidence id"),
           ("If-Match" = Option<String>, Header, description = "Optional: the version read, e.g. \"2\"")),
    responses(
        (status = 200, body = EvidenceView, description = "ETag carries the new version"),
        (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody, description = "not_author"),
        (status = 404, body = ErrorBody),
        (status = 409, body = ErrorBody, description = "stale_version: `current` holds the row as it is now"),
        (status = 422, body = ErrorBody, description = "invalid_url, invalid_stance, text_too_long, invalid_if_match"),
    ))]
pub async fn update(
    req: HttpRequest,
    state: web::Data<AppState>,
    auth: Auth<Checker>,
    path: web::Path<EvidenceId>,
    body: web::Json<EvidencePatch>,
) -> Result<HttpResponse, ApiError> {
    let p = body.into_inner();
    let changes = EvidenceChanges {
        url: p.url.as_deref().map(check_url).transpose()?,
        title: p.title.map(|v| check_text("title", v)).transpose()?,
        publisher: p
            .publisher
            .map(|v| check_text("publisher", v))
            .transpose()?,
        excerpt: p.excerpt.map(|v| check_text("excerpt", v)).transpose()?,
        stance: p.stance.as_deref().map(str::parse::<Stance>).transpose()?,
    };
    let unchanged = |e: &Evidence| !changes.changes(e);
    attachments::update::<Evidence>(&req, &state, &auth, path.into_inner(), &changes, unchanged)
        .await
}

/// Delete evidence (its author, or an editor). The row is kept, hidden.
#[utoipa::path(delete, path = "/evidence/{id}", tag = "evidence",
    params(("id" = Uuid, Path, description = "Evidence id"),
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
    path: web::Path<EvidenceId>,
) -> Result<HttpResponse, ApiError> {
    attachments::delete::<Evidence>(&req, &state, &auth, path.into_inner()).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_http_urls_with_a_host_pass() {
        assert!(check_url("https://example.org/report?id=3").is_ok());
        assert!(check_url(" http://stats.gov.example/x ").is_ok());
        for bad in [
            "",
            "example.org",
            "ftp://example.org/x",
            "javascript:alert(1)",
            "mailto:a@b.org",
            "http://",
            "file:///etc/passwd",
        ] {
            assert_eq!(
                check_url(bad).unwrap_err().code(),
                crate::api::error_code::ErrorCode::InvalidUrl,
                "{bad}"
            );
        }
    }
}
