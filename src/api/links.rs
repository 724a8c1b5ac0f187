//! Claim matching across articles: similar claims, and links between claims
//! making the same assertion so one approved verdict serves them all.

use super::auth::{Auth, Editor, Viewer};
use super::claim_views::{ClaimDetail, detail, live_claim, policy};
use super::error::ApiError;
use super::error::ErrorBody;
use super::error_code::ErrorCode;
use super::paging;
use super::state::AppState;
use super::views::ClaimView;
use crate::review::ClaimId;
use crate::store::claims::{self, ClaimRow};
use crate::store::{StoreError, links};
use actix_web::{HttpResponse, web};
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};

const DEFAULT_SIMILAR: i64 = 10;
const MAX_SIMILAR: i64 = 50;

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct SimilarQuery {
    /// 1 to 50, default 10.
    #[param(value_type = Option<i64>, minimum = 1, maximum = 50)]
    limit: Option<String>,
}

/// A claim from another article that reads like this one.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct SimilarClaim {
    pub claim: ClaimView,
    /// Trigram similarity of the contents, in [0, 1].
    pub similarity: f32,
    pub same_speaker: bool,
    /// Similarity, plus a boost when the speaker is the same; the ranking key.
    pub score: f32,
    /// Already linked to this claim.
    pub linked: bool,
}

/// Claims of other articles with similar content (pg_trgm), same speaker
/// boosted, best first. Claims marked not-a-claim are left out.
#[utoipa::path(get, path = "/claims/{id}/similar", tag = "links", params(("id" = Uuid, Path, description = "Claim id"), SimilarQuery),
    responses(
        (status = 200, body = [SimilarClaim]),
        (status = 401, body = ErrorBody),
        (status = 404, body = ErrorBody),
        (status = 422, body = ErrorBody, description = "invalid_limit"),
    ))]
pub async fn similar(
    state: web::Data<AppState>,
    _auth: Auth<Viewer>,
    path: web::Path<ClaimId>,
    query: web::Query<SimilarQuery>,
) -> Result<HttpResponse, ApiError> {
    // One page: similarity ranks, so there is no cursor to follow.
    let limit =
        paging::parse::<ClaimId>(None, query.limit.as_deref(), DEFAULT_SIMILAR, MAX_SIMILAR)?.limit;
    let mut conn = state.conn().await?;
    let claim = live_claim(&mut conn, path.into_inner()).await?;
    let hits = crate::store::similar::similar(&mut conn, &claim, limit).await?;
    let ids: Vec<ClaimId> = hits.iter().map(|h| h.id).collect();
    let mut rows: HashMap<ClaimId, ClaimRow> = claims::find_many(&mut conn, &ids)
        .await?
        .into_iter()
        .map(|c| (c.id, c))
        .collect();
    let linked: HashSet<ClaimId> = links::linked(&mut conn, claim.id)
        .await?
        .into_iter()
        .map(|c| c.id)
        .collect();
    let out: Vec<SimilarClaim> = hits
        .into_iter()
        .filter_map(|h| {
            rows.remove(&h.id).map(|claim| SimilarClaim {
                claim: claim.into(),
                similarity: h.similarity,
                same_speaker: h.same_speaker,
                score: h.score,
                linked: linked.contains(&h.id),
            })
        })
        .collect();
    Ok(HttpResponse::Ok().json(out))
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LinkRequest {
    /// The claim in another article making the same assertion.
    #[schema(value_type = String, format = Uuid)]
    pub claim_id: ClaimId,
}

/// Link two claims of different articles (editor+). Returns this claim,
/// which then shows the other's approved verdict as `linked_verdict`.
#[utoipa::path(post, path = "/claims/{id}/links", tag = "links", request_body = LinkRequest,
    params(("id" = Uuid, Path, description = "Claim id")),
    responses(
        (status = 201, body = ClaimDetail),
        (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody),
        (status = 409, body = ErrorBody, description = "already_linked"),
        (status = 422, body = ErrorBody, description = "same_claim, same_article"),
    ))]
pub async fn link(
    state: web::Data<AppState>,
    auth: Auth<Editor>,
    path: web::Path<ClaimId>,
    body: web::Json<LinkRequest>,
) -> Result<HttpResponse, ApiError> {
    let id = path.into_inner();
    let other_id = body.claim_id;
    if id == other_id {
        return Err(ApiError::validation(
            ErrorCode::SameClaim,
            "a claim cannot be linked to itself",
        ));
    }
    let mut conn = state.conn().await?;
    let one = live_claim(&mut conn, id).await?;
    let other = live_claim(&mut conn, other_id).await?;
    if one.article_id == other.article_id {
        return Err(ApiError::validation(
            ErrorCode::SameArticle,
            "links join claims of different articles",
        ));
    }
    match links::link(&mut conn, &one, &other, auth.id()).await {
        Ok(()) => {}
        Err(StoreError::Conflict(_)) => {
            return Err(ApiError::Conflict {
                code: ErrorCode::AlreadyLinked,
                message: "these claims are linked already".into(),
                details: None,
            });
        }
        Err(e) => return Err(e.into()),
    }
    Ok(HttpResponse::Created().json(detail(&mut conn, one, auth.actor(), policy(&state)).await?))
}

/// Remove a link between two claims (editor+).
#[utoipa::path(delete, path = "/claims/{id}/links/{other_id}", tag = "links",
    params(("id" = Uuid, Path, description = "Claim id"), ("other_id" = Uuid, Path, description = "The linked claim's id")),
    responses(
        (status = 204),
        (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody, description = "claim not found, or no such link"),
    ))]
pub async fn unlink(
    state: web::Data<AppState>,
    auth: Auth<Editor>,
    path: web::Path<(ClaimId, ClaimId)>,
) -> Result<HttpResponse, ApiError> {
    let (id, other_id) = path.into_inner();
    let mut conn = state.conn().await?;
    let one = live_claim(&mut conn, id).await?;
    let other = live_claim(&mut conn, other_id).await?;
    match links::unlink(&mut conn, &one, &other, auth.id()).await {
        Ok(()) => Ok(HttpResponse::NoContent().finish()),
        Err(StoreError::NotFound) => Err(ApiError::not_found("link")),
        Err(e) => Err(e.into()),
    }
}
