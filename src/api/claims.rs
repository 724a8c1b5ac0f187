//! Claims: list and search, one claim with its work, corrections and the
//! review workflow under optimistic locking, claims added by hand, history.
//!
//! Every write to a claim names the version it read, in `If-Match: "<n>"`
//! or as `version` in the body. Without one the write is refused with 422
//! `version_required` (a 422 rather than 428 so every refusal of a request's
//! content has one status); with a stale one it gets 409 `stale_version` and
//! the claim as it is now in `current`. A successful write bumps the version
//! by one and records one history event in the same transaction, so
//! `version - 1` is the number of writes to the claim itself. Evidence,
//! comments and links are rows of their own: they write history events but
//! neither need nor bump the claim's version, so adding a source never makes
//! a colleague's status change stale.

use super::auth::{Auth, Checker, Editor, Viewer};
use super::claim_query::{ClaimKindName, ClaimListQuery};
use super::claim_views::{
    ClaimDetail, ClaimPage, ClaimSummary, claim_response, detail, live_claim, policy, stale,
};
use super::error::{ApiError, ErrorBody, not_found_as};
use super::error_code::ErrorCode;
use super::nullable::nullable;
use super::paging::{self, HistoryQuery};
use super::preconditions::expected_version;
use super::state::AppState;
use super::views::{EventView, Names};
use crate::extract::SpeakerType;
use crate::review::span::{self, Span};
use crate::review::workflow::{self, Candidate, ClaimEdit};
use crate::review::{ArticleId, ClaimId, Pieces, ReviewError, Status, UserId};
use crate::store::claims::{self, ClaimChanges, NewClaim};
use crate::store::events;
use crate::store::users;
use crate::store::{StoreError, Versioned};
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use diesel_async::AsyncPgConnection;
use serde::Deserialize;

/// A stretch of the article body: `start`/`end` in Unicode code points, end
/// exclusive. The server takes the text from the body.
#[derive(Debug, Clone, Copy, Deserialize, utoipa::ToSchema)]
pub struct SpanInput {
    #[serde(deserialize_with = "super::integral::int")]
    #[schema(minimum = 0)]
    pub start: i64,
    /// Greater than `start`, at most the body's length.
    #[serde(deserialize_with = "super::integral::int")]
    #[schema(minimum = 1)]
    pub end: i64,
}

fn slice(body: &str, s: SpanInput, what: &'static str) -> Result<Span, ApiError> {
    Ok(span::slice(body, s.start, s.end, what)?)
}

/// Claims of live articles in creation order, filtered, one page at a time.
#[utoipa::path(get, path = "/claims", tag = "claims", params(ClaimListQuery),
    responses(
        (status = 200, body = ClaimPage),
        (status = 401, body = ErrorBody),
        (status = 422, body = ErrorBody, description = "invalid_filter, invalid_status, unknown_verdict, invalid_kind, invalid_cursor, invalid_limit, invalid_query"),
    ))]
pub async fn list(
    state: web::Data<AppState>,
    auth: Auth<Viewer>,
    query: web::Query<ClaimListQuery>,
) -> Result<HttpResponse, ApiError> {
    let filter = query.filter(&state.settings.workflow.verdicts, auth.id())?;
    let page = query.page()?;
    let mut conn = state.conn().await?;
    let (rows, more) = claims::list(&mut conn, &filter, page.after, page.limit).await?;
    let next_cursor = more
        .then(|| rows.last().map(|c| c.id.to_string()))
        .flatten();
    let items = ClaimSummary::load(&mut conn, rows).await?;
    Ok(HttpResponse::Ok().json(ClaimPage { items, next_cursor }))
}

/// One claim with evidence and comment counts, links and a linked verdict.
#[utoipa::path(get, path = "/claims/{id}", tag = "claims",
    params(("id" = Uuid, Path, description = "Claim id")),
    responses(
        (status = 200, body = ClaimDetail, description = "ETag carries the version"),
        (status = 401, body = ErrorBody),
        (status = 404, body = ErrorBody),
    ))]
pub async fn get(
    state: web::Data<AppState>,
    auth: Auth<Viewer>,
    path: web::Path<ClaimId>,
) -> Result<HttpResponse, ApiError> {
    let mut conn = state.conn().await?;
    let claim = live_claim(&mut conn, path.into_inner()).await?;
    let d = detail(&mut conn, claim, auth.actor(), policy(&state)).await?;
    Ok(claim_response(StatusCode::OK, d))
}

/// Changes to one claim. Absent fields stay as they are; `null` clears a
/// nullable one.
#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ClaimPatch {
    /// The version this change is based on. Required, unless sent as
    /// `If-Match` instead (then both, if sent, must agree).
    #[serde(default, deserialize_with = "super::integral::opt_i32")]
    #[schema(required = true, value_type = i32)]
    pub version: Option<i32>,
    /// The next status (see the workflow).
    #[schema(schema_with = super::schemas::status)]
    pub status: Option<String>,
    /// A label of the verdict scale; required to propose.
    #[serde(default, deserialize_with = "nullable")]
    #[schema(value_type = Option<super::schemas::Verdict>)]
    pub verdict: Option<Option<String>>,
    #[serde(default, deserialize_with = "nullable")]
    #[schema(value_type = Option<String>, max_length = 10000)]
    pub verdict_note: Option<Option<String>>,
    /// An active user with role checker or above.
    #[serde(default, deserialize_with = "nullable", alias = "assignee")]
    #[schema(value_type = Option<String>, format = Uuid)]
    pub assignee_id: Option<Option<UserId>>,
    /// Correction of the extraction: direct, indirect, mixed or unattributed.
    #[schema(schema_with = super::schemas::kind)]
    pub kind: Option<String>,
    /// Corrected source span (code points into the body); the text is taken from the body.
    #[serde(default, deserialize_with = "nullable")]
    #[schema(value_type = Option<SpanInput>)]
    pub source: Option<Option<SpanInput>>,
    #[serde(default, deserialize_with = "nullable")]
    #[schema(value_type = Option<SpanInput>)]
    pub cue: Option<Option<SpanInput>>,
    pub content: Option<SpanInput>,
    #[serde(default, deserialize_with = "nullable")]
    #[schema(value_type = Option<String>, max_length = 200)]
    pub speaker: Option<Option<String>>,
    /// person, organisation or group (null: not known).
    #[serde(default, deserialize_with = "nullable")]
    #[schema(value_type = Option<String>, schema_with = super::schemas::speaker_type)]
    pub speaker_type: Option<Option<String>>,
    /// Marks an extraction that is not a claim (or undoes that).
    pub not_a_claim: Option<bool>,
    /// Why the status moves (sending back, approving, reopening): kept in
    /// the history event as `after.reason`. Only with a `status` change.
    #[schema(max_length = 2000)]
    pub reason: Option<String>,
}

/// Reads what the store must say for an edit (the article body for spans,
/// the proposed assignee) and turns the patch into the domain's edit.
async fn edit_from(
    conn: &mut AsyncPgConnection,
    current: &claims::ClaimRow,
    p: ClaimPatch,
) -> Result<ClaimEdit, ApiError> {
    let status = p.status.as_deref().map(str::parse::<Status>).transpose()?;
    let kind = p
        .kind
        .as_deref()
        .map(str::parse::<ClaimKindName>)
        .transpose()?
        .map(|k| k.0);
    let assignee = match p.assignee_id {
        Some(Some(id)) => Some(Some(candidate(conn, id).await?)),
        Some(None) => Some(None),
        None => None,
    };
    let (mut source, mut cue, mut content) = (None, None, None);
    if p.source.is_some() || p.cue.is_some() || p.content.is_some() {
        let body = claims::article_body(conn, current.article_id)
            .await
            .map_err(|e| not_found_as(e, "claim"))?;
        source = p
            .source
            .map(|s| s.map(|s| slice(&body, s, "source")).transpose())
            .transpose()?;
        cue = p
            .cue
            .map(|s| s.map(|s| slice(&body, s, "cue")).transpose())
            .transpose()?;
        content = p.content.map(|s| slice(&body, s, "content")).transpose()?;
    }
    Ok(ClaimEdit {
        status,
        verdict: p.verdict,
        verdict_note: p.verdict_note,
        assignee,
        kind,
        source,
        cue,
        content,
        speaker: p.speaker,
        speaker_type: p
            .speaker_type
            .map(|t| t.as_deref().map(speaker_type).transpose())
            .transpose()?,
        not_a_claim: p.not_a_claim,
        reason: p.reason,
    })
}

fn speaker_type(s: &str) -> Result<SpeakerType, ApiError> {
    SpeakerType::parse(s).ok_or_else(|| ApiError::Validation {
        code: ErrorCode::InvalidSpeakerType,
        message: format!("unknown speaker type '{s}'"),
        details: Some(serde_json::json!({"allowed": SpeakerType::ALL.map(SpeakerType::as_str)})),
    })
}

/// A proposed assignee as the rules need them: their role if active.
async fn candidate(conn: &mut AsyncPgConnection, id: UserId) -> Result<Candidate, ApiError> {
    let role = match users::find(conn, id).await {
        Ok(u) if u.disabled_at.is_none() => Some(u.role()),
        Ok(_) | Err(StoreError::NotFound) => None,
        Err(e) => return Err(e.into()),
    };
    Ok(Candidate { id, role })
}

/// Review or correct a claim (checker+). Needs the version read, as
/// `version` (or in an `If-Match: "<version>"` header instead; when both
/// are sent they must agree): 409 `stale_version` with `current` if it
/// moved on.
/// Approving, and reopening an approved claim, need an editor; approving
/// needs one who neither proposed the verdict nor last set it or its note
/// (`verdict_by`), unless `workflow.allow_self_approval`.
#[utoipa::path(patch, path = "/claims/{id}", tag = "claims", request_body = ClaimPatch,
    params(("id" = Uuid, Path, description = "Claim id")),
    responses(
        (status = 200, body = ClaimDetail, description = "Written (or nothing to change); ETag carries the version"),
        (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody, description = "forbidden (role), self_approval"),
        (status = 404, body = ErrorBody),
        (status = 409, body = ErrorBody, description = "stale_version; `current` holds the claim as it is now"),
        (status = 422, body = ErrorBody, description = "version_required, invalid_if_match, version_mismatch, invalid_transition (with `allowed`), invalid_status, unknown_verdict (with `allowed`), verdict_required, claim_approved, invalid_assignee, invalid_kind, invalid_span, invalid_speaker, invalid_speaker_type, note_too_long, reason_too_long, reason_without_move"),
    ))]
pub async fn update(
    state: web::Data<AppState>,
    auth: Auth<Checker>,
    req: HttpRequest,
    path: web::Path<ClaimId>,
    body: web::Json<ClaimPatch>,
) -> Result<HttpResponse, ApiError> {
    let patch = body.into_inner();
    let version = expected_version(&req, patch.version)?;
    let (actor, policy) = (auth.actor(), policy(&state));
    let mut conn = state.conn().await?;
    let current = live_claim(&mut conn, path.into_inner()).await?;
    if current.version != version {
        return Err(stale(&mut conn, current, version, actor, policy).await);
    }
    let edit = edit_from(&mut conn, &current, patch).await?;
    let planned = workflow::plan(&current.state(), edit, actor, policy)?;
    let row = if planned.change.is_empty() {
        current
    } else {
        let changes = ClaimChanges::from(&planned.change);
        let why = planned.reason.as_deref();
        match claims::update_versioned(&mut conn, &current, &changes, actor.id, planned.action, why)
            .await?
        {
            Versioned::Written(row) => row,
            Versioned::Stale(now) => {
                return Err(stale(&mut conn, now, version, actor, policy).await);
            }
        }
    };
    let d = detail(&mut conn, row, actor, policy).await?;
    Ok(claim_response(StatusCode::OK, d))
}

/// A claim added by hand.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ManualClaim {
    /// direct, indirect, mixed or unattributed
    #[schema(schema_with = super::schemas::kind)]
    pub kind: String,
    pub content: SpanInput,
    pub source: Option<SpanInput>,
    pub cue: Option<SpanInput>,
    #[schema(max_length = 200)]
    pub speaker: Option<String>,
    /// In [0, 1]; default 1 (someone thought it worth adding).
    #[schema(minimum = 0, maximum = 1)]
    pub checkworthiness: Option<f32>,
}

/// Add a claim the extractor missed (editor+). Spans are code points into
/// the article body; the texts are taken from it.
#[utoipa::path(post, path = "/articles/{id}/claims", tag = "claims", request_body = ManualClaim,
    params(("id" = Uuid, Path, description = "Article id")),
    responses(
        (status = 201, body = ClaimDetail),
        (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody),
        (status = 422, body = ErrorBody, description = "invalid_kind, invalid_span, invalid_speaker, invalid_checkworthiness"),
    ))]
pub async fn create_manual(
    state: web::Data<AppState>,
    auth: Auth<Editor>,
    path: web::Path<ArticleId>,
    body: web::Json<ManualClaim>,
) -> Result<HttpResponse, ApiError> {
    let article_id = path.into_inner();
    let m = body.into_inner();
    let kind = m.kind.parse::<ClaimKindName>()?.0;
    let checkworthiness = m.checkworthiness.unwrap_or(1.0);
    if !(0.0..=1.0).contains(&checkworthiness) {
        return Err(ReviewError::InvalidCheckworthiness.into());
    }
    let speaker = workflow::check_speaker(m.speaker)?;
    let mut conn = state.conn().await?;
    let body = claims::article_body(&mut conn, article_id)
        .await
        .map_err(|e| not_found_as(e, "article"))?;
    let content = slice(&body, m.content, "content")?;
    let source = m.source.map(|s| slice(&body, s, "source")).transpose()?;
    let cue = m.cue.map(|s| slice(&body, s, "cue")).transpose()?;
    // The ordinal is assigned in the transaction.
    let new = NewClaim::new(
        article_id,
        0,
        kind,
        source,
        cue,
        Pieces::single(content),
        speaker,
        checkworthiness,
    );
    let row = claims::insert_manual(&mut conn, new, auth.id())
        .await
        .map_err(|e| not_found_as(e, "article"))?;
    let d = detail(&mut conn, row, auth.actor(), policy(&state)).await?;
    Ok(claim_response(StatusCode::CREATED, d))
}

/// Everything done to a claim, its evidence, comments and links, oldest first.
#[utoipa::path(get, path = "/claims/{id}/history", tag = "claims",
    params(("id" = Uuid, Path, description = "Claim id"), HistoryQuery),
    responses(
        (status = 200, body = HistoryPage),
        (status = 401, body = ErrorBody),
        (status = 404, body = ErrorBody),
        (status = 422, body = ErrorBody, description = "invalid_limit, invalid_cursor, invalid_query"),
    ))]
pub async fn history(
    state: web::Data<AppState>,
    _auth: Auth<Viewer>,
    path: web::Path<ClaimId>,
    query: web::Query<HistoryQuery>,
) -> Result<HttpResponse, ApiError> {
    let page = paging::parse::<i64>(
        query.after.as_deref(),
        query.limit.as_deref(),
        HISTORY_DEFAULT_LIMIT,
        HISTORY_MAX_LIMIT,
    )?;
    let mut conn = state.conn().await?;
    let claim = live_claim(&mut conn, path.into_inner()).await?;
    let (rows, more) = events::page_for_claim(&mut conn, claim.id, page.after, page.limit).await?;
    let next_cursor = more
        .then(|| rows.last().map(|e| e.id.to_string()))
        .flatten();
    let names = Names::load(&mut conn, rows.iter().filter_map(|e| e.actor_id)).await?;
    let items = rows
        .into_iter()
        .map(|e| EventView::new(e, &names))
        .collect();
    Ok(HttpResponse::Ok().json(HistoryPage { items, next_cursor }))
}

const HISTORY_DEFAULT_LIMIT: i64 = 100;
const HISTORY_MAX_LIMIT: i64 = 500;

#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
pub struct HistoryPage {
    pub items: Vec<EventView>,
    /// Pass as `after` for the next page; null on the last page.
    pub next_cursor: Option<String>,
}
