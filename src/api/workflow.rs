//! The review workflow: statuses, who may move a claim between them, and
//! the verdict scale from the configuration.

use super::auth::{Auth, Viewer};
use super::error::ApiError;
use super::openapi::ErrorBody;
use super::state::AppState;
use crate::config::VerdictLabel;
use crate::store::users::Role;
use actix_web::{HttpResponse, web};
use serde_json::json;
use uuid::Uuid;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Unreviewed,
    InProgress,
    VerdictProposed,
    Approved,
}

impl Status {
    pub const ALL: [Status; 4] = [
        Status::Unreviewed,
        Status::InProgress,
        Status::VerdictProposed,
        Status::Approved,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Unreviewed => "unreviewed",
            Status::InProgress => "in_progress",
            Status::VerdictProposed => "verdict_proposed",
            Status::Approved => "approved",
        }
    }

    /// Parses a status named by a client: 422 `invalid_status` listing them.
    pub fn parse(s: &str) -> Result<Status, ApiError> {
        Status::ALL
            .into_iter()
            .find(|st| st.as_str() == s)
            .ok_or_else(|| ApiError::Validation {
                code: "invalid_status",
                message: format!("unknown status '{s}'"),
                details: Some(json!({"allowed": Status::ALL.map(Status::as_str)})),
            })
    }

    /// Statuses a claim may move to from this one.
    pub fn next(self) -> &'static [Status] {
        match self {
            Status::Unreviewed => &[Status::InProgress],
            Status::InProgress => &[Status::VerdictProposed, Status::Unreviewed],
            Status::VerdictProposed => &[Status::Approved, Status::InProgress],
            Status::Approved => &[Status::InProgress],
        }
    }
}

/// Checks that `actor` may move a claim from `from` to `to`. `proposed_by`
/// is whoever proposed the verdict now on the claim.
pub fn check_transition(
    from: Status,
    to: Status,
    actor: Uuid,
    actor_role: Role,
    proposed_by: Option<Uuid>,
    allow_self_approval: bool,
) -> Result<(), ApiError> {
    if from == to {
        return Ok(());
    }
    if !from.next().contains(&to) {
        return Err(ApiError::Validation {
            code: "invalid_transition",
            message: format!(
                "a claim cannot go from {} to {}",
                from.as_str(),
                to.as_str()
            ),
            details: Some(
                json!({"allowed": from.next().iter().map(|s| s.as_str()).collect::<Vec<_>>()}),
            ),
        });
    }
    let editor_only = to == Status::Approved || from == Status::Approved;
    if editor_only && actor_role < Role::Editor {
        let what = if to == Status::Approved {
            "approve a verdict"
        } else {
            "reopen an approved claim"
        };
        return Err(ApiError::forbidden(
            "forbidden",
            format!("only an editor can {what}"),
        ));
    }
    if to == Status::Approved && proposed_by == Some(actor) && !allow_self_approval {
        return Err(ApiError::forbidden(
            "self_approval",
            "the verdict must be approved by someone other than who proposed it",
        ));
    }
    Ok(())
}

/// Checks a verdict label against the configured scale: 422 `unknown_verdict`
/// listing the scale.
pub fn check_verdict(scale: &[VerdictLabel], label: &str) -> Result<(), ApiError> {
    if scale.iter().any(|v| v.label == label) {
        return Ok(());
    }
    Err(ApiError::Validation {
        code: "unknown_verdict",
        message: format!("'{label}' is not on the verdict scale"),
        details: Some(json!({"allowed": scale.iter().map(|v| &v.label).collect::<Vec<_>>()})),
    })
}

/// The verdict scale, best first (from `workflow.verdicts`).
#[utoipa::path(get, path = "/verdicts", tag = "claims",
    responses((status = 200, body = [VerdictLabel]), (status = 401, body = ErrorBody)))]
pub async fn verdicts(state: web::Data<AppState>, _auth: Auth<Viewer>) -> HttpResponse {
    HttpResponse::Ok().json(&state.settings.workflow.verdicts)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(r: Result<(), ApiError>) -> &'static str {
        r.err().map_or("ok", |e| e.code())
    }

    #[test]
    fn transitions_follow_the_workflow() {
        let me = Uuid::now_v7();
        let other = Uuid::now_v7();
        let t = |from, to, role| code(check_transition(from, to, me, role, Some(other), false));
        assert_eq!(
            t(Status::Unreviewed, Status::InProgress, Role::Checker),
            "ok"
        );
        assert_eq!(
            t(Status::Unreviewed, Status::Approved, Role::Admin),
            "invalid_transition"
        );
        assert_eq!(
            t(Status::Unreviewed, Status::VerdictProposed, Role::Checker),
            "invalid_transition"
        );
        assert_eq!(
            t(Status::VerdictProposed, Status::Approved, Role::Checker),
            "forbidden"
        );
        assert_eq!(
            t(Status::VerdictProposed, Status::Approved, Role::Editor),
            "ok"
        );
        assert_eq!(
            t(Status::Approved, Status::InProgress, Role::Checker),
            "forbidden"
        );
        assert_eq!(t(Status::Approved, Status::InProgress, Role::Editor), "ok");
        assert_eq!(
            t(Status::Approved, Status::Unreviewed, Role::Editor),
            "invalid_transition"
        );
        assert_eq!(
            t(Status::InProgress, Status::Unreviewed, Role::Checker),
            "ok"
        );
        assert_eq!(
            t(Status::Approved, Status::Approved, Role::Viewer),
            "ok",
            "staying is no transition"
        );
    }

    #[test]
    fn self_approval_is_refused_unless_configured() {
        let me = Uuid::now_v7();
        let own = |allow| {
            code(check_transition(
                Status::VerdictProposed,
                Status::Approved,
                me,
                Role::Editor,
                Some(me),
                allow,
            ))
        };
        assert_eq!(own(false), "self_approval");
        assert_eq!(own(true), "ok");
    }

    #[test]
    fn invalid_transition_lists_the_allowed_next_statuses() {
        let err = check_transition(
            Status::InProgress,
            Status::Approved,
            Uuid::nil(),
            Role::Admin,
            None,
            false,
        )
        .unwrap_err();
        let ApiError::Validation {
            details: Some(d), ..
        } = err
        else {
            panic!("not a validation error")
        };
        assert_eq!(d["allowed"], json!(["verdict_proposed", "unreviewed"]));
    }
}
