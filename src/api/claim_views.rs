//! What the API answers about claims: list entries, one claim with its
//! links and what the signed-in user may do to it, and the 409 that carries
//! the claim as it is now.

use super::error::{ApiError, not_found_as};
use super::error_code::ErrorCode;
use super::state::AppState;
use super::views::{ClaimView, Names};
use crate::review::workflow::{self, Actor, ClaimAction, Policy};
use crate::review::{ArticleId, ClaimId, Status};
use crate::store::claims::{self, ClaimRow};
use crate::store::links;
use actix_web::HttpResponse;
use actix_web::http::{StatusCode, header};
use diesel_async::AsyncPgConnection;
use serde::Serialize;
use serde_json::json;

/// A claim in a list, with how much work it has.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ClaimSummary {
    #[serde(flatten)]
    pub claim: ClaimView,
    pub evidence_count: i64,
    pub comment_count: i64,
    /// The assignee's display name.
    pub assignee_name: Option<String>,
    /// The title of the claim's article, so a list across articles needs
    /// no request per article.
    pub article_title: Option<String>,
}

impl ClaimSummary {
    /// Claims with their evidence and comment counts, in the order given.
    pub async fn load(
        conn: &mut AsyncPgConnection,
        rows: Vec<ClaimRow>,
    ) -> Result<Vec<Self>, ApiError> {
        let ids: Vec<ClaimId> = rows.iter().map(|c| c.id).collect();
        let counts = claims::work_counts(conn, &ids).await?;
        let names = Names::load(conn, rows.iter().filter_map(|c| c.assignee_id)).await?;
        let mut article_ids: Vec<ArticleId> = rows.iter().map(|c| c.article_id).collect();
        article_ids.sort_unstable();
        article_ids.dedup();
        let titles = crate::store::articles::titles(conn, &article_ids).await?;
        Ok(rows
            .into_iter()
            .map(|claim| {
                let n = counts.get(&claim.id).copied().unwrap_or_default();
                ClaimSummary {
                    assignee_name: claim.assignee_id.and_then(|a| names.of(a)),
                    article_title: titles.get(&claim.article_id).cloned().flatten(),
                    claim: claim.into(),
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
    pub claim_id: ClaimId,
    pub article_id: ArticleId,
    pub verdict: String,
    pub verdict_note: Option<String>,
}

/// One claim with its work, its links and what the caller may do to it.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ClaimDetail {
    #[serde(flatten)]
    pub claim: ClaimView,
    /// Who proposed the verdict now on the claim, by name.
    pub proposed_by_name: Option<String>,
    /// Who last set the verdict or its note, by name.
    pub verdict_by_name: Option<String>,
    pub assignee_name: Option<String>,
    pub evidence_count: i64,
    pub comment_count: i64,
    /// Claims linked to this one (the same assertion elsewhere).
    pub linked_claims: Vec<ClaimId>,
    /// The approved verdict of a linked claim (the most recently updated,
    /// if several are approved), so the work done there is reused here.
    pub linked_verdict: Option<LinkedVerdict>,
    /// What the signed-in user may do to this claim now, by the workflow
    /// rules (the same ones every write is checked against).
    pub allowed_actions: Vec<ClaimAction>,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ClaimPage {
    pub items: Vec<ClaimSummary>,
    /// Pass as `after` for the next page; null on the last page.
    pub next_cursor: Option<String>,
}

/// The workflow policy from the configuration.
pub fn policy(state: &AppState) -> Policy<'_> {
    Policy {
        allow_self_approval: state.settings.workflow.allow_self_approval,
        verdicts: &state.settings.workflow.verdicts,
    }
}

/// A claim of a live article, or 404 `not_found` naming the claim.
pub async fn live_claim(conn: &mut AsyncPgConnection, id: ClaimId) -> Result<ClaimRow, ApiError> {
    claims::find_live(conn, id)
        .await
        .map_err(|e| not_found_as(e, "claim"))
}

pub async fn detail(
    conn: &mut AsyncPgConnection,
    claim: ClaimRow,
    actor: Actor,
    policy: Policy<'_>,
) -> Result<ClaimDetail, ApiError> {
    let counts = claims::work_counts(conn, &[claim.id])
        .await?
        .remove(&claim.id)
        .unwrap_or_default();
    let mut linked = links::linked(conn, claim.id).await?;
    let linked_claims = linked.iter().map(|c| c.id).collect();
    linked.retain(|c| c.status == Status::Approved && c.verdict.is_some());
    linked.sort_by_key(|c| std::cmp::Reverse(c.updated_at));
    let linked_verdict = linked.into_iter().next().map(|c| LinkedVerdict {
        claim_id: c.id,
        article_id: c.article_id,
        verdict: c.verdict.unwrap_or_default(),
        verdict_note: c.verdict_note,
    });
    let allowed_actions = workflow::allowed_actions(&claim.state(), actor, policy);
    let people = [claim.proposed_by, claim.verdict_by, claim.assignee_id];
    let names = Names::load(conn, people.into_iter().flatten()).await?;
    Ok(ClaimDetail {
        proposed_by_name: claim.proposed_by.and_then(|u| names.of(u)),
        verdict_by_name: claim.verdict_by.and_then(|u| names.of(u)),
        assignee_name: claim.assignee_id.and_then(|u| names.of(u)),
        claim: claim.into(),
        evidence_count: counts.evidence,
        comment_count: counts.comments,
        linked_claims,
        linked_verdict,
        allowed_actions,
    })
}

/// The claim, its version as the ETag for the next `If-Match`.
pub fn claim_response(status: StatusCode, d: ClaimDetail) -> HttpResponse {
    HttpResponse::build(status)
        .insert_header((header::ETAG, format!("\"{}\"", d.claim.version)))
        .json(d)
}

/// 409 carrying the claim as it is now.
pub async fn stale(
    conn: &mut AsyncPgConnection,
    current: ClaimRow,
    sent: i32,
    actor: Actor,
    policy: Policy<'_>,
) -> ApiError {
    let version = current.version;
    match detail(conn, current, actor, policy).await {
        Ok(d) => ApiError::Conflict {
            code: ErrorCode::StaleVersion,
            message: format!(
                "the claim changed since version {sent}; it is at version {version} now"
            ),
            details: Some(json!({"current": d})),
        },
        Err(e) => e,
    }
}
