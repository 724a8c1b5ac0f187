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
use super::error::ApiError;
use super::nullable::nullable;
use super::openapi::ErrorBody;
use super::spans::{self, SpanInput};
use super::state::AppState;
use super::users::not_found_as;
use super::workflow::{self, Status};
use crate::extract::ClaimKind;
use crate::store::Versioned;
use crate::store::articles::NewClaim;
use crate::store::claims::{self, AssigneeFilter, ClaimChanges, ClaimFilter, ClaimRow};
use crate::store::events::{self, Event};
use crate::store::users::{self, Role};
use crate::store::{StoreError, links};
use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, web};
use diesel_async::AsyncPgConnection;
use serde::{Deserialize, Serialize};
use serde_json::json;
use uuid::Uuid;

pub const DEFAULT_LIMIT: i64 = 50;
pub const MAX_LIMIT: i64 = 200;
const MAX_NOTE_CHARS: usize = 10_000;
const MAX_SPEAKER_CHARS: usize = 200;
const MAX_QUERY_CHARS: usize = 500;

/// A claim in a list, with how much work it has.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ClaimSummary {
    #[serde(flatten)]
    pub claim: ClaimRow,
    pub evidence_count: i64,
    pub comment_count: i64,
}

impl ClaimSummary {
    /// Claims with their evidence and comment counts, in the order given.
    pub async fn load(
        conn: &mut AsyncPgConnection,
        rows: Vec<ClaimRow>,
    ) -> Result<Vec<Self>, ApiError> {
        let ids: Vec<Uuid> = rows.iter().map(|c| c.id).collect();
        let counts = claims::work_counts(conn, &ids).await?;
        Ok(rows
            .into_iter()
            .map(|claim| {
                let n = counts.get(&claim.id).copied().unwrap_or_default();
                ClaimSummary {
                    claim,
                    evidence_count: n.evidence,
                    comment_count: n.comments,
                }
            })
            .collect())
    }
}

/// The approved verdict of a linked claim, reusable for this one.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct LinkedVerdict {
    pub claim_id: Uuid,
    pub article_id: Uuid,
    pub verdict: String,
    pub verdict_note: Option<String>,
}

/// One claim with its work and its links.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ClaimDetail {
    #[serde(flatten)]
    pub claim: ClaimRow,
    pub evidence_count: i64,
    pub comment_count: i64,
    /// Claims linked to this one (the same assertion elsewhere).
    pub linked_claims: Vec<Uuid>,
    /// The approved verdict of a linked claim (the most recently updated,
    /// if several are approved), so the work done there is reused here.
    pub linked_verdict: Option<LinkedVerdict>,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ClaimPage {
    pub items: Vec<ClaimSummary>,
    /// Pass as `after` for the next page; null on the last page.
    pub next_cursor: Option<String>,
}

/// Filters of `GET /claims`. Each narrows the list; invalid values are 422.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct ClaimListQuery {
    /// unreviewed, in_progress, verdict_proposed or approved
    #[param(schema_with = super::schemas::status)]
    status: Option<String>,
    /// A label of the verdict scale.
    #[param(value_type = Option<super::schemas::Verdict>)]
    verdict: Option<String>,
    /// The normalised speaker, case-insensitive.
    #[param(
        pattern = "^[^\\u0000]*[^\\u0000\\t\\n\\v\\f\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000][^\\u0000]*$"
    )]
    speaker: Option<String>,
    /// A user id, `me` or `none`.
    #[param(
        pattern = "^(me|none|[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})$"
    )]
    assignee: Option<String>,
    /// An article id.
    #[param(value_type = Option<Uuid>)]
    article: Option<String>,
    /// direct, indirect, mixed or unattributed
    #[param(schema_with = super::schemas::kind)]
    kind: Option<String>,
    /// In [0, 1].
    #[param(value_type = Option<f64>, minimum = 0, maximum = 1)]
    min_checkworthiness: Option<String>,
    /// true or false
    #[param(value_type = Option<bool>)]
    not_a_claim: Option<String>,
    /// Full-text search over content, speaker and verdict note (web search syntax: "quoted phrase", or, -not).
    #[param(
        min_length = 1,
        max_length = 500,
        pattern = "^[^\\u0000]*[^\\u0000\\t\\n\\v\\f\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000][^\\u0000]*$"
    )]
    q: Option<String>,
    /// Cursor from the previous page's `next_cursor`.
    #[param(value_type = Option<Uuid>)]
    after: Option<String>,
    /// 1 to 200, default 50.
    #[param(value_type = Option<i64>, minimum = 1, maximum = 200)]
    limit: Option<String>,
}

fn invalid_filter(name: &str, message: impl std::fmt::Display) -> ApiError {
    ApiError::validation("invalid_filter", format!("filter `{name}`: {message}"))
}

fn parse_uuid(name: &str, v: &str) -> Result<Uuid, ApiError> {
    v.parse()
        .map_err(|_| invalid_filter(name, format!("'{v}' is not an id")))
}

pub fn check_kind(kind: &str) -> Result<ClaimKind, ApiError> {
    ClaimKind::parse(kind).ok_or_else(|| ApiError::Validation {
        code: "invalid_kind",
        message: format!("unknown claim kind '{kind}'"),
        details: Some(json!({"allowed": ClaimKind::ALL.map(ClaimKind::as_str)})),
    })
}

impl ClaimListQuery {
    fn filter(&self, state: &AppState, me: Uuid) -> Result<ClaimFilter, ApiError> {
        let mut f = ClaimFilter::default();
        if let Some(s) = &self.status {
            f.status = Some(Status::parse(s)?.as_str().to_owned());
        }
        if let Some(v) = &self.verdict {
            workflow::check_verdict(&state.settings.workflow.verdicts, v)?;
            f.verdict = Some(v.clone());
        }
        if let Some(s) = &self.speaker {
            if s.trim().is_empty() {
                return Err(invalid_filter("speaker", "must not be empty"));
            }
            f.speaker = Some(s.trim().to_owned());
        }
        f.assignee = match self.assignee.as_deref() {
            None => None,
            Some("me") => Some(AssigneeFilter::User(me)),
            Some("none") => Some(AssigneeFilter::Nobody),
            Some(v) => Some(AssigneeFilter::User(v.parse().map_err(|_| {
                invalid_filter(
                    "assignee",
                    format!("'{v}' is not a user id, `me` or `none`"),
                )
            })?)),
        };
        if let Some(a) = &self.article {
            f.article = Some(parse_uuid("article", a)?);
        }
        if let Some(k) = &self.kind {
            check_kind(k)?;
            f.kind = Some(k.clone());
        }
        if let Some(m) = &self.min_checkworthiness {
            let v: f32 = m
                .parse()
                .ok()
                .filter(|v: &f32| (0.0..=1.0).contains(v))
                .ok_or_else(|| {
                    invalid_filter(
                        "min_checkworthiness",
                        format!("'{m}' is not a number in [0, 1]"),
                    )
                })?;
            f.min_checkworthiness = Some(v);
        }
        if let Some(n) = &self.not_a_claim {
            f.not_a_claim = Some(
                n.parse()
                    .map_err(|_| invalid_filter("not_a_claim", "must be true or false"))?,
            );
        }
        if let Some(q) = &self.q {
            if q.trim().is_empty() || q.chars().count() > MAX_QUERY_CHARS {
                return Err(invalid_filter(
                    "q",
                    format!("must have 1 to {MAX_QUERY_CHARS} characters"),
                ));
            }
            f.q = Some(q.clone());
        }
        Ok(f)
    }

    fn page(&self) -> Result<(Option<Uuid>, i64), ApiError> {
        let after = match &self.after {
            Some(a) => Some(a.parse().map_err(|_| {
                ApiError::validation(
                    "invalid_cursor",
                    format!("'{a}' is not a cursor from this list"),
                )
            })?),
            None => None,
        };
        let limit = match &self.limit {
            Some(l) => l
                .parse()
                .ok()
                .filter(|n| (1..=MAX_LIMIT).contains(n))
                .ok_or_else(|| {
                    ApiError::validation(
                        "invalid_limit",
                        format!("limit must be an integer from 1 to {MAX_LIMIT}"),
                    )
                })?,
            None => DEFAULT_LIMIT,
        };
        Ok((after, limit))
    }
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
    let filter = query.filter(&state, auth.id())?;
    let (after, limit) = query.page()?;
    let mut conn = state.conn().await?;
    let (rows, more) = claims::list(&mut conn, &filter, after, limit).await?;
    let next_cursor = if more {
        rows.last().map(|c| c.id.to_string())
    } else {
        None
    };
    let items = ClaimSummary::load(&mut conn, rows).await?;
    Ok(HttpResponse::Ok().json(ClaimPage { items, next_cursor }))
}

/// A claim of a live article, or 404 `not_found` naming the claim.
pub async fn live_claim(conn: &mut AsyncPgConnection, id: Uuid) -> Result<ClaimRow, ApiError> {
    claims::find_live(conn, id)
        .await
        .map_err(|e| not_found_as(e, "claim"))
}

/// A live attachment (evidence, a comment) that `user` may change, with its
/// claim's article id: its author may, and so may any editor. `what` names
/// it in errors, `who` its author.
pub async fn author_or_editor<T: events::Attachment>(
    conn: &mut AsyncPgConnection,
    found: Result<T, StoreError>,
    user: &users::User,
    what: &'static str,
    who: &str,
) -> Result<(T, Uuid), ApiError> {
    let row = found.map_err(|e| not_found_as(e, what))?;
    // Attachments of a claim whose article was deleted are gone with it.
    let claim = claims::find_live(conn, row.claim_id())
        .await
        .map_err(|e| not_found_as(e, what))?;
    if row.author_id() != user.id && user.role() < Role::Editor {
        return Err(ApiError::forbidden(
            "not_author",
            format!("only {who}, or an editor, can change it"),
        ));
    }
    Ok((row, claim.article_id))
}

/// 409 `stale_version` for evidence or a comment that moved on since the
/// version the caller sent, carrying the row as it is now.
pub fn stale_attachment<T: events::Attachment>(now: &T, what: &str) -> ApiError {
    ApiError::Conflict {
        code: "stale_version",
        message: format!(
            "the {what} changed since the version sent; it is at version {} now",
            now.version()
        ),
        details: Some(json!({ "current": now })),
    }
}

/// An edit of evidence or a comment may name the version it read in
/// `If-Match` (optional, unlike claims): checked here against the row read,
/// and again by the store under the row's lock.
pub fn check_if_match<T: events::Attachment>(
    expected: Option<i32>,
    row: &T,
    what: &str,
) -> Result<(), ApiError> {
    match expected {
        Some(v) if v != row.version() => Err(stale_attachment(row, what)),
        _ => Ok(()),
    }
}

/// 200 with the row and its version as the ETag.
pub fn attachment_response<T: events::Attachment>(row: &T) -> HttpResponse {
    HttpResponse::Ok()
        .insert_header((header::ETAG, format!("\"{}\"", row.version())))
        .json(row)
}

/// The written row, or 409 when the store found it moved on.
pub fn written<T: events::Attachment>(v: Versioned<T>, what: &str) -> Result<T, ApiError> {
    match v {
        Versioned::Written(row) => Ok(row),
        Versioned::Stale(now) => Err(stale_attachment(&now, what)),
    }
}

pub async fn detail(
    conn: &mut AsyncPgConnection,
    claim: ClaimRow,
) -> Result<ClaimDetail, ApiError> {
    let counts = claims::work_counts(conn, &[claim.id])
        .await?
        .remove(&claim.id)
        .unwrap_or_default();
    let mut linked = links::linked(conn, claim.id).await?;
    let linked_claims = linked.iter().map(|c| c.id).collect();
    linked.retain(|c| c.status == Status::Approved.as_str() && c.verdict.is_some());
    linked.sort_by_key(|c| std::cmp::Reverse(c.updated_at));
    let linked_verdict = linked.into_iter().next().map(|c| LinkedVerdict {
        claim_id: c.id,
        article_id: c.article_id,
        verdict: c.verdict.unwrap_or_default(),
        verdict_note: c.verdict_note,
    });
    Ok(ClaimDetail {
        claim,
        evidence_count: counts.evidence,
        comment_count: counts.comments,
        linked_claims,
        linked_verdict,
    })
}

/// 200 with the claim, its version as the ETag for the next `If-Match`.
fn claim_response(status: actix_web::http::StatusCode, d: ClaimDetail) -> HttpResponse {
    HttpResponse::build(status)
        .insert_header((header::ETAG, format!("\"{}\"", d.claim.version)))
        .json(d)
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
    _auth: Auth<Viewer>,
    path: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let mut conn = state.conn().await?;
    let claim = live_claim(&mut conn, path.into_inner()).await?;
    Ok(claim_response(
        actix_web::http::StatusCode::OK,
        detail(&mut conn, claim).await?,
    ))
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
    #[schema(value_type = Option<Uuid>)]
    pub assignee_id: Option<Option<Uuid>>,
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
    /// Marks an extraction that is not a claim (or undoes that).
    pub not_a_claim: Option<bool>,
}

/// The version in `If-Match` (`"3"`, `W/"3"` or `3`), if sent.
pub fn if_match(req: &HttpRequest) -> Result<Option<i32>, ApiError> {
    let Some(v) = req.headers().get(header::IF_MATCH) else {
        return Ok(None);
    };
    let raw = v.to_str().unwrap_or_default().trim();
    let tag = raw.strip_prefix("W/").unwrap_or(raw).trim_matches('"');
    tag.parse::<i32>().map(Some).map_err(|_| {
        ApiError::validation(
            "invalid_if_match",
            format!("If-Match must be a version such as \"3\", not {raw}"),
        )
    })
}

/// The version a write is based on: `If-Match` or the body's `version`;
/// both must agree when both are sent.
fn expected_version(req: &HttpRequest, body: Option<i32>) -> Result<i32, ApiError> {
    match (if_match(req)?, body) {
        (Some(h), Some(b)) if h != b => Err(ApiError::validation(
            "version_mismatch",
            format!("If-Match says version {h} but the body says {b}"),
        )),
        (Some(v), _) | (None, Some(v)) => Ok(v),
        (None, None) => Err(ApiError::validation(
            "version_required",
            "send the claim version you read, as If-Match: \"<version>\" or `version` in the body",
        )),
    }
}

/// 409 carrying the claim as it is now.
async fn stale(conn: &mut AsyncPgConnection, current: ClaimRow, sent: i32) -> ApiError {
    let version = current.version;
    match detail(conn, current).await {
        Ok(d) => ApiError::Conflict {
            code: "stale_version",
            message: format!(
                "the claim changed since version {sent}; it is at version {version} now"
            ),
            details: Some(json!({"current": d})),
        },
        Err(e) => e,
    }
}

fn set_if_changed<T: PartialEq + Clone>(slot: &mut Option<T>, current: &T, new: T) {
    if *current != new {
        *slot = Some(new);
    }
}

fn trimmed(v: Option<String>) -> Option<String> {
    v.map(|s| s.trim().to_owned()).filter(|s| !s.is_empty())
}

/// Turns a patch into column changes against `current`, enforcing the
/// workflow. Only what differs from `current` ends up in the changes.
async fn plan(
    state: &AppState,
    conn: &mut AsyncPgConnection,
    actor: Uuid,
    actor_role: Role,
    current: &ClaimRow,
    patch: ClaimPatch,
) -> Result<(ClaimChanges, &'static str), ApiError> {
    let wf = &state.settings.workflow;
    let mut ch = ClaimChanges::default();
    let from = Status::parse(&current.status)?;
    let to = match &patch.status {
        Some(s) => Status::parse(s)?,
        None => from,
    };
    workflow::check_transition(
        from,
        to,
        actor,
        actor_role,
        current.proposed_by,
        wf.allow_self_approval,
    )?;
    if to != from {
        ch.status = Some(to.as_str().to_owned());
    }

    if let Some(v) = patch.verdict {
        let v = trimmed(v);
        if let Some(label) = &v {
            workflow::check_verdict(&wf.verdicts, label)?;
        }
        set_if_changed(&mut ch.verdict, &current.verdict, v);
    }
    if let Some(n) = patch.verdict_note {
        let n = trimmed(n);
        if n.as_ref()
            .is_some_and(|n| n.chars().count() > MAX_NOTE_CHARS)
        {
            return Err(ApiError::validation(
                "note_too_long",
                format!("the verdict note is longer than {MAX_NOTE_CHARS} characters"),
            ));
        }
        set_if_changed(&mut ch.verdict_note, &current.verdict_note, n);
    }
    if let Some(a) = patch.assignee_id {
        if let Some(user) = a {
            check_assignee(conn, user).await?;
        }
        set_if_changed(&mut ch.assignee_id, &current.assignee_id, a);
    }
    if let Some(k) = patch.kind {
        check_kind(&k)?;
        set_if_changed(&mut ch.kind, &current.kind, k);
    }
    if let Some(s) = patch.speaker {
        let s = trimmed(s);
        if s.as_ref()
            .is_some_and(|s| s.chars().count() > MAX_SPEAKER_CHARS)
        {
            return Err(ApiError::validation(
                "invalid_speaker",
                format!("the speaker is longer than {MAX_SPEAKER_CHARS} characters"),
            ));
        }
        set_if_changed(&mut ch.speaker, &current.speaker, s);
    }
    if let Some(n) = patch.not_a_claim {
        set_if_changed(&mut ch.not_a_claim, &current.not_a_claim, n);
    }
    if patch.source.is_some() || patch.cue.is_some() || patch.content.is_some() {
        let body = claims::article_body(conn, current.article_id)
            .await
            .map_err(|e| not_found_as(e, "claim"))?;
        if let Some(src) = patch.source {
            let s = src.map(|s| spans::check(&body, s, "source")).transpose()?;
            set_if_changed(
                &mut ch.source_start,
                &current.source_start,
                s.as_ref().map(|s| s.start),
            );
            set_if_changed(
                &mut ch.source_end,
                &current.source_end,
                s.as_ref().map(|s| s.end),
            );
            set_if_changed(&mut ch.source_text, &current.source_text, s.map(|s| s.text));
        }
        if let Some(cue) = patch.cue {
            let s = cue.map(|s| spans::check(&body, s, "cue")).transpose()?;
            set_if_changed(
                &mut ch.cue_start,
                &current.cue_start,
                s.as_ref().map(|s| s.start),
            );
            set_if_changed(&mut ch.cue_end, &current.cue_end, s.as_ref().map(|s| s.end));
            set_if_changed(&mut ch.cue_text, &current.cue_text, s.map(|s| s.text));
        }
        if let Some(content) = patch.content {
            let s = spans::check(&body, content, "content")?;
            if (s.start, s.end, &s.text)
                != (
                    current.content_start,
                    current.content_end,
                    &current.content_text,
                )
            {
                ch.content_pieces = Some(json!([{"start": s.start, "end": s.end, "text": s.text}]));
                ch.content_start = Some(s.start);
                ch.content_end = Some(s.end);
                ch.content_text = Some(s.text);
            }
        }
    }

    let verdict_after = ch
        .verdict
        .clone()
        .unwrap_or_else(|| current.verdict.clone());
    let verdict_touched = ch.verdict.is_some() || ch.verdict_note.is_some();
    let only_status_or_assignee = ClaimChanges {
        status: None,
        assignee_id: None,
        ..ch.clone()
    }
    .is_empty();
    if to == Status::Approved && !only_status_or_assignee {
        let message = if from == Status::Approved {
            "an approved claim is locked: reopen it (status in_progress) to change it"
        } else {
            "approve the verdict as proposed, or send it back to in_progress to change it"
        };
        return Err(ApiError::validation("claim_approved", message));
    }
    if to == Status::VerdictProposed {
        if verdict_after.is_none() {
            return Err(ApiError::Validation {
                code: "verdict_required",
                message: "proposing needs a verdict from the scale".into(),
                details: Some(
                    json!({"allowed": wf.verdicts.iter().map(|v| &v.label).collect::<Vec<_>>()}),
                ),
            });
        }
        // Whoever last shaped the proposed verdict counts as its proposer.
        if from != to || verdict_touched {
            set_if_changed(&mut ch.proposed_by, &current.proposed_by, Some(actor));
        }
    } else if matches!(to, Status::InProgress | Status::Unreviewed) {
        set_if_changed(&mut ch.proposed_by, &current.proposed_by, None);
    }
    let action = action_for(from, to, &ch);
    Ok((ch, action))
}

/// A name for the history, from the most significant part of the change.
fn action_for(from: Status, to: Status, ch: &ClaimChanges) -> &'static str {
    use Status::*;
    match (from, to) {
        (Unreviewed, InProgress) => return "review_started",
        (_, VerdictProposed) if from != to => return "verdict_proposed",
        (_, Approved) if from != to => return "verdict_approved",
        (Approved, InProgress) => return "reopened",
        (VerdictProposed, InProgress) => return "proposal_withdrawn",
        (_, Unreviewed) if from != to => return "review_reset",
        _ => {}
    }
    let extraction = ClaimChanges {
        kind: ch.kind.clone(),
        source_start: ch.source_start,
        source_end: ch.source_end,
        source_text: ch.source_text.clone(),
        cue_start: ch.cue_start,
        cue_end: ch.cue_end,
        cue_text: ch.cue_text.clone(),
        content_start: ch.content_start,
        content_end: ch.content_end,
        content_text: ch.content_text.clone(),
        content_pieces: ch.content_pieces.clone(),
        speaker: ch.speaker.clone(),
        ..Default::default()
    };
    match ch.not_a_claim {
        Some(true) => "marked_not_a_claim",
        Some(false) => "unmarked_not_a_claim",
        None if !extraction.is_empty() => "extraction_corrected",
        None if ch.verdict.is_some() || ch.verdict_note.is_some() => "verdict_edited",
        None if ch.assignee_id.is_some() => "assigned",
        None => "claim_updated",
    }
}

async fn check_assignee(conn: &mut AsyncPgConnection, id: Uuid) -> Result<(), ApiError> {
    let ok = match users::find(conn, id).await {
        Ok(u) => u.disabled_at.is_none() && u.role() >= Role::Checker,
        Err(StoreError::NotFound) => false,
        Err(e) => return Err(e.into()),
    };
    if ok {
        Ok(())
    } else {
        Err(ApiError::validation(
            "invalid_assignee",
            format!("{id} is not an active user with role checker or above"),
        ))
    }
}

/// Review or correct a claim (checker+). Needs the version read, as
/// `version` (or in an `If-Match: "<version>"` header instead; when both
/// are sent they must agree): 409 `stale_version` with `current` if it
/// moved on.
/// Approving, and reopening an approved claim, need an editor who did not
/// propose the verdict (unless `workflow.allow_self_approval`).
#[utoipa::path(patch, path = "/claims/{id}", tag = "claims", request_body = ClaimPatch,
    params(("id" = Uuid, Path, description = "Claim id")),
    responses(
        (status = 200, body = ClaimDetail, description = "Written (or nothing to change); ETag carries the version"),
        (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody, description = "forbidden (role), self_approval"),
        (status = 404, body = ErrorBody),
        (status = 409, body = ErrorBody, description = "stale_version; `current` holds the claim as it is now"),
        (status = 422, body = ErrorBody, description = "version_required, invalid_if_match, version_mismatch, invalid_transition (with `allowed`), invalid_status, unknown_verdict (with `allowed`), verdict_required, claim_approved, invalid_assignee, invalid_kind, invalid_span, invalid_speaker, note_too_long"),
    ))]
pub async fn update(
    state: web::Data<AppState>,
    auth: Auth<Checker>,
    req: HttpRequest,
    path: web::Path<Uuid>,
    body: web::Json<ClaimPatch>,
) -> Result<HttpResponse, ApiError> {
    let patch = body.into_inner();
    let version = expected_version(&req, patch.version)?;
    let mut conn = state.conn().await?;
    let current = live_claim(&mut conn, path.into_inner()).await?;
    if current.version != version {
        return Err(stale(&mut conn, current, version).await);
    }
    let (changes, action) =
        plan(&state, &mut conn, auth.id(), auth.role(), &current, patch).await?;
    let row = if changes.is_empty() {
        current
    } else {
        match claims::update_versioned(&mut conn, &current, &changes, auth.id(), action).await? {
            Versioned::Written(row) => row,
            Versioned::Stale(now) => return Err(stale(&mut conn, now, version).await),
        }
    };
    Ok(claim_response(
        actix_web::http::StatusCode::OK,
        detail(&mut conn, row).await?,
    ))
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
    path: web::Path<Uuid>,
    body: web::Json<ManualClaim>,
) -> Result<HttpResponse, ApiError> {
    let article_id = path.into_inner();
    let m = body.into_inner();
    let kind = check_kind(&m.kind)?.as_str();
    let checkworthiness = m.checkworthiness.unwrap_or(1.0);
    if !(0.0..=1.0).contains(&checkworthiness) {
        return Err(ApiError::validation(
            "invalid_checkworthiness",
            "checkworthiness must be in [0, 1]",
        ));
    }
    let speaker = trimmed(m.speaker);
    if speaker
        .as_ref()
        .is_some_and(|s| s.chars().count() > MAX_SPEAKER_CHARS)
    {
        return Err(ApiError::validation(
            "invalid_speaker",
            format!("the speaker is longer than {MAX_SPEAKER_CHARS} characters"),
        ));
    }
    let mut conn = state.conn().await?;
    let body = claims::article_body(&mut conn, article_id)
        .await
        .map_err(|e| not_found_as(e, "article"))?;
    let content = spans::check(&body, m.content, "content")?;
    let source = m
        .source
        .map(|s| spans::check(&body, s, "source"))
        .transpose()?;
    let cue = m.cue.map(|s| spans::check(&body, s, "cue")).transpose()?;
    let new = NewClaim {
        id: crate::store::new_id(),
        article_id,
        // Assigned in the transaction.
        ordinal: 0,
        kind,
        source_start: source.as_ref().map(|s| s.start),
        source_end: source.as_ref().map(|s| s.end),
        source_text: source.map(|s| s.text),
        cue_start: cue.as_ref().map(|s| s.start),
        cue_end: cue.as_ref().map(|s| s.end),
        cue_text: cue.map(|s| s.text),
        content_start: content.start,
        content_end: content.end,
        content_pieces: json!([{"start": content.start, "end": content.end, "text": content.text}]),
        content_text: content.text,
        speaker,
        checkworthiness,
    };
    let row = claims::insert_manual(&mut conn, new, auth.id())
        .await
        .map_err(|e| not_found_as(e, "article"))?;
    Ok(claim_response(
        actix_web::http::StatusCode::CREATED,
        detail(&mut conn, row).await?,
    ))
}

/// Everything done to a claim, its evidence, comments and links, oldest first.
#[utoipa::path(get, path = "/claims/{id}/history", tag = "claims",
    params(("id" = Uuid, Path, description = "Claim id")),
    responses((status = 200, body = [Event]), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn history(
    state: web::Data<AppState>,
    _auth: Auth<Viewer>,
    path: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let mut conn = state.conn().await?;
    let claim = live_claim(&mut conn, path.into_inner()).await?;
    Ok(HttpResponse::Ok().json(events::for_claim(&mut conn, claim.id).await?))
}
