//! The review rules as a document the browser reads instead of copying
//! them: statuses and the moves between them with the least role each
//! needs, roles, kinds, stances, the verdict scale and the self-approval
//! policy. Per claim, `allowed_actions` says what the signed-in user may do.

use super::auth::{Auth, Viewer};
use super::error::ErrorBody;
use super::state::AppState;
use crate::config::VerdictLabel;
use crate::review::workflow::{self, ClaimAction, Transition};
use crate::review::{ClaimKind, HistoryAction, Role, Stance, Status};
use actix_web::{HttpResponse, web};
use serde::Serialize;

/// The verdict scale, best first (from `workflow.verdicts`).
#[utoipa::path(get, path = "/verdicts", tag = "claims",
    responses((status = 200, body = [VerdictLabel]), (status = 401, body = ErrorBody)))]
pub async fn verdicts(state: web::Data<AppState>, _auth: Auth<Viewer>) -> HttpResponse {
    HttpResponse::Ok().json(&state.settings.workflow.verdicts)
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct WorkflowDocument {
    /// In workflow order.
    pub statuses: Vec<Status>,
    pub transitions: Vec<Transition>,
    /// In increasing order of power; each includes the ones before.
    pub roles: Vec<Role>,
    pub kinds: Vec<ClaimKind>,
    /// What a speaker can be.
    pub speaker_types: Vec<crate::extract::SpeakerType>,
    pub stances: Vec<Stance>,
    /// Every action a claim's `allowed_actions` can name.
    pub actions: Vec<ClaimAction>,
    pub history_actions: Vec<HistoryAction>,
    /// Best first.
    pub verdicts: Vec<VerdictLabel>,
    /// May an editor approve a verdict they proposed or last set themselves.
    pub allow_self_approval: bool,
    /// Unattributed sentences scored below this are not presented as
    /// assertions to check (`workflow.checkworthiness_threshold`).
    pub checkworthiness_threshold: f64,
}

/// The review rules: statuses, transitions with the least role each needs,
/// roles, kinds, stances, the verdict scale.
#[utoipa::path(get, path = "/workflow", tag = "claims",
    responses((status = 200, body = WorkflowDocument), (status = 401, body = ErrorBody)))]
pub async fn document(state: web::Data<AppState>, _auth: Auth<Viewer>) -> HttpResponse {
    let wf = &state.settings.workflow;
    HttpResponse::Ok().json(WorkflowDocument {
        statuses: Status::ALL.to_vec(),
        transitions: workflow::transitions(),
        roles: Role::ALL.to_vec(),
        kinds: ClaimKind::ALL.to_vec(),
        speaker_types: crate::extract::SpeakerType::ALL.to_vec(),
        stances: Stance::ALL.to_vec(),
        actions: ClaimAction::ALL.to_vec(),
        history_actions: HistoryAction::ALL.to_vec(),
        verdicts: wf.verdicts.clone(),
        allow_self_approval: wf.allow_self_approval,
        checkworthiness_threshold: wf.checkworthiness_threshold,
    })
}
