//! The review workflow as pure functions: who may move a claim where, what
//! an edit changes and what history it writes. The API asks [`plan`] before
//! every claim write and [`allowed_actions`] to tell the browser what the
//! signed-in user may do, so both read the same rules.

use super::{ClaimKind, HistoryAction, LimitedField, ReviewError, Role, Span, Status, UserId};
use crate::config::VerdictLabel;
use crate::extract::SpeakerType;
use serde::Serialize;

pub const MAX_NOTE_CHARS: usize = 10_000;
/// A reason given for a status move.
pub const MAX_REASON_CHARS: usize = 2_000;
pub const MAX_SPEAKER_CHARS: usize = 200;

/// The configured rules a decision depends on.
#[derive(Debug, Clone, Copy)]
pub struct Policy<'a> {
    pub allow_self_approval: bool,
    /// The verdict scale, best first.
    pub verdicts: &'a [VerdictLabel],
}

/// Who acts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Actor {
    pub id: UserId,
    pub role: Role,
}

/// The parts of a stored claim the rules read.
#[derive(Debug, Clone, PartialEq)]
pub struct ClaimState {
    pub status: Status,
    pub kind: ClaimKind,
    pub source: Option<Span>,
    pub cue: Option<Span>,
    pub content: Span,
    pub speaker: Option<String>,
    pub speaker_type: Option<SpeakerType>,
    pub verdict: Option<String>,
    pub verdict_note: Option<String>,
    pub proposed_by: Option<UserId>,
    /// Who last set the verdict or its note.
    pub verdict_by: Option<UserId>,
    pub assignee: Option<UserId>,
    pub not_a_claim: bool,
}

impl ClaimState {
    pub fn authors(&self) -> VerdictAuthors {
        VerdictAuthors {
            proposed_by: self.proposed_by,
            verdict_by: self.verdict_by,
        }
    }
}

/// Who made the verdict on a claim what it is: whoever moved it to
/// `verdict_proposed` (or reshaped it there) and whoever last wrote the
/// verdict or its note. Either could be approving their own finding, so
/// neither may approve it unless the policy allows self-approval: with the
/// proposer alone, an editor could write the verdict, have a checker move
/// the claim on untouched, and approve it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct VerdictAuthors {
    pub proposed_by: Option<UserId>,
    pub verdict_by: Option<UserId>,
}

impl VerdictAuthors {
    fn include(self, id: UserId) -> bool {
        self.proposed_by == Some(id) || self.verdict_by == Some(id)
    }
}

/// A user proposed as assignee, as the store found them: `role` is `None`
/// when there is no such user or the account is disabled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Candidate {
    pub id: UserId,
    pub role: Option<Role>,
}

/// What a client asks to change. Absent fields stay; `Some(None)` clears.
/// Spans are already sliced from the body ([`super::span::slice`]).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ClaimEdit {
    pub status: Option<Status>,
    pub verdict: Option<Option<String>>,
    pub verdict_note: Option<Option<String>>,
    pub assignee: Option<Option<Candidate>>,
    pub kind: Option<ClaimKind>,
    pub source: Option<Option<Span>>,
    pub cue: Option<Option<Span>>,
    pub content: Option<Span>,
    pub speaker: Option<Option<String>>,
    pub speaker_type: Option<Option<SpeakerType>>,
    pub not_a_claim: Option<bool>,
    /// Why the status moves (a send-back, an approval, a reopening): kept
    /// in the history beside the move, never on the claim.
    pub reason: Option<String>,
}

/// What a write changes: only fields that differ from the current claim.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Change {
    pub status: Option<Status>,
    pub verdict: Option<Option<String>>,
    pub verdict_note: Option<Option<String>>,
    pub proposed_by: Option<Option<UserId>>,
    pub verdict_by: Option<Option<UserId>>,
    pub assignee: Option<Option<UserId>>,
    pub kind: Option<ClaimKind>,
    pub source: Option<Option<Span>>,
    pub cue: Option<Option<Span>>,
    pub content: Option<Span>,
    pub speaker: Option<Option<String>>,
    pub speaker_type: Option<Option<SpeakerType>>,
    pub not_a_claim: Option<bool>,
}

impl Change {
    pub fn is_empty(&self) -> bool {
        *self == Change::default()
    }

    /// Corrects the extractor's work: kind, a span or the speaker.
    pub fn touches_extraction(&self) -> bool {
        self.kind.is_some()
            || self.source.is_some()
            || self.cue.is_some()
            || self.content.is_some()
            || self.speaker.is_some()
            || self.speaker_type.is_some()
    }

    /// Anything beyond status and assignee.
    fn touches_more_than_status_or_assignee(&self) -> bool {
        Change {
            status: None,
            assignee: None,
            ..self.clone()
        } != Change::default()
    }
}

/// A planned write: the change and the history action that names it.
#[derive(Debug, Clone, PartialEq)]
pub struct Planned {
    pub change: Change,
    pub action: HistoryAction,
    /// Trimmed; only with a status move.
    pub reason: Option<String>,
}

fn set_if_changed<T: PartialEq>(slot: &mut Option<T>, current: &T, new: T) {
    if *current != new {
        *slot = Some(new);
    }
}

/// Trims and turns blank text into `None`.
pub fn trimmed(v: Option<String>) -> Option<String> {
    v.map(|s| s.trim().to_owned()).filter(|s| !s.is_empty())
}

/// Checks a label against the verdict scale.
pub fn check_verdict(scale: &[VerdictLabel], label: &str) -> Result<(), ReviewError> {
    if scale.iter().any(|v| v.label == label) {
        return Ok(());
    }
    Err(ReviewError::UnknownVerdict {
        label: label.to_owned(),
        allowed: labels(scale),
    })
}

fn labels(scale: &[VerdictLabel]) -> Vec<String> {
    scale.iter().map(|v| v.label.clone()).collect()
}

/// The least role that may move a claim from `from` to `to`: approving and
/// reopening an approved claim are an editor's, the rest a checker's.
pub fn role_for(from: Status, to: Status) -> Role {
    if to == Status::Approved || from == Status::Approved {
        Role::Editor
    } else {
        Role::Checker
    }
}

/// Checks that `actor` may move a claim from `from` to `to`; `authors` are
/// those of the verdict now on the claim.
pub fn check_transition(
    from: Status,
    to: Status,
    actor: Actor,
    authors: VerdictAuthors,
    policy: Policy<'_>,
) -> Result<(), ReviewError> {
    if from == to {
        return Ok(());
    }
    if !from.next().contains(&to) {
        return Err(ReviewError::InvalidTransition { from, to });
    }
    let needs = role_for(from, to);
    if actor.role < needs {
        let action = if to == Status::Approved {
            "approve a verdict"
        } else {
            "reopen an approved claim"
        };
        return Err(ReviewError::RoleTooLow { needs, action });
    }
    if to == Status::Approved && authors.include(actor.id) && !policy.allow_self_approval {
        return Err(ReviewError::SelfApproval);
    }
    Ok(())
}

fn check_len(v: &Option<String>, field: LimitedField, max: usize) -> Result<(), ReviewError> {
    if v.as_ref().is_some_and(|s| s.chars().count() > max) {
        return Err(ReviewError::TooLong { field, max });
    }
    Ok(())
}

/// Checks a speaker written by hand: trimmed, at most 200 characters.
pub fn check_speaker(v: Option<String>) -> Result<Option<String>, ReviewError> {
    let v = trimmed(v);
    check_len(&v, LimitedField::Speaker, MAX_SPEAKER_CHARS)?;
    Ok(v)
}

/// Turns an edit into the change it makes to `current`, enforcing the
/// workflow, and names it for the history.
pub fn plan(
    current: &ClaimState,
    edit: ClaimEdit,
    actor: Actor,
    policy: Policy<'_>,
) -> Result<Planned, ReviewError> {
    let mut ch = Change::default();
    let from = current.status;
    let to = edit.status.unwrap_or(from);
    check_transition(from, to, actor, current.authors(), policy)?;
    if to != from {
        ch.status = Some(to);
    }
    if let Some(v) = edit.verdict {
        let v = trimmed(v);
        if let Some(label) = &v {
            check_verdict(policy.verdicts, label)?;
        }
        set_if_changed(&mut ch.verdict, &current.verdict, v);
    }
    if let Some(n) = edit.verdict_note {
        let n = trimmed(n);
        check_len(&n, LimitedField::VerdictNote, MAX_NOTE_CHARS)?;
        set_if_changed(&mut ch.verdict_note, &current.verdict_note, n);
    }
    if let Some(a) = edit.assignee {
        if let Some(c) = a
            && c.role.is_none_or(|r| r < Role::Checker)
        {
            return Err(ReviewError::InvalidAssignee(c.id));
        }
        set_if_changed(&mut ch.assignee, &current.assignee, a.map(|c| c.id));
    }
    if let Some(k) = edit.kind {
        set_if_changed(&mut ch.kind, &current.kind, k);
    }
    if let Some(s) = edit.speaker {
        set_if_changed(&mut ch.speaker, &current.speaker, check_speaker(s)?);
    }
    if let Some(t) = edit.speaker_type {
        set_if_changed(&mut ch.speaker_type, &current.speaker_type, t);
    }
    if let Some(n) = edit.not_a_claim {
        set_if_changed(&mut ch.not_a_claim, &current.not_a_claim, n);
    }
    if let Some(s) = edit.source {
        set_if_changed(&mut ch.source, &current.source, s);
    }
    if let Some(c) = edit.cue {
        set_if_changed(&mut ch.cue, &current.cue, c);
    }
    if let Some(c) = edit.content {
        set_if_changed(&mut ch.content, &current.content, c);
    }

    if to == Status::Approved && ch.touches_more_than_status_or_assignee() {
        return Err(ReviewError::ClaimApproved {
            locked: from == Status::Approved,
        });
    }
    let verdict_after = ch
        .verdict
        .clone()
        .unwrap_or_else(|| current.verdict.clone());
    let verdict_touched = ch.verdict.is_some() || ch.verdict_note.is_some();
    if verdict_touched {
        set_if_changed(&mut ch.verdict_by, &current.verdict_by, Some(actor.id));
    }
    if to == Status::VerdictProposed {
        if verdict_after.is_none() {
            return Err(ReviewError::VerdictRequired {
                allowed: labels(policy.verdicts),
            });
        }
        // Whoever last shaped the proposed verdict counts as its proposer.
        if from != to || verdict_touched {
            set_if_changed(&mut ch.proposed_by, &current.proposed_by, Some(actor.id));
        }
    } else if matches!(to, Status::InProgress | Status::Unreviewed) {
        set_if_changed(&mut ch.proposed_by, &current.proposed_by, None);
    }
    let reason = trimmed(edit.reason);
    check_len(&reason, LimitedField::Reason, MAX_REASON_CHARS)?;
    if reason.is_some() && ch.status.is_none() {
        return Err(ReviewError::ReasonWithoutMove);
    }
    let action = action_for(from, to, &ch);
    Ok(Planned {
        change: ch,
        action,
        reason,
    })
}

/// A name for the history, from the most significant part of the change.
pub fn action_for(from: Status, to: Status, ch: &Change) -> HistoryAction {
    use HistoryAction as A;
    use Status::*;
    match (from, to) {
        (Unreviewed, InProgress) => return A::ReviewStarted,
        (_, VerdictProposed) if from != to => return A::VerdictProposed,
        (_, Approved) if from != to => return A::VerdictApproved,
        (Approved, InProgress) => return A::Reopened,
        (VerdictProposed, InProgress) => return A::ProposalWithdrawn,
        (_, Unreviewed) if from != to => return A::ReviewReset,
        _ => {}
    }
    match ch.not_a_claim {
        Some(true) => A::MarkedNotAClaim,
        Some(false) => A::UnmarkedNotAClaim,
        None if ch.touches_extraction() => A::ExtractionCorrected,
        None if ch.verdict.is_some() || ch.verdict_note.is_some() => A::VerdictEdited,
        None if ch.assignee.is_some() => A::Assigned,
        None => A::ClaimUpdated,
    }
}

/// Something a user may do to a claim, as the browser offers it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ClaimAction {
    /// Move to another status (see `transitions` in the workflow document).
    StartReview,
    ProposeVerdict,
    Approve,
    SendBack,
    Reopen,
    ResetReview,
    /// Change the verdict or its note without moving the claim.
    EditVerdict,
    /// Correct kind, spans or speaker; mark or unmark as not a claim.
    CorrectExtraction,
    Assign,
    AddEvidence,
    Comment,
}

impl ClaimAction {
    pub const ALL: [ClaimAction; 11] = [
        ClaimAction::StartReview,
        ClaimAction::ProposeVerdict,
        ClaimAction::Approve,
        ClaimAction::SendBack,
        ClaimAction::Reopen,
        ClaimAction::ResetReview,
        ClaimAction::EditVerdict,
        ClaimAction::CorrectExtraction,
        ClaimAction::Assign,
        ClaimAction::AddEvidence,
        ClaimAction::Comment,
    ];

    /// The status change this action makes, if it is one.
    pub fn moves(self, from: Status) -> Option<Status> {
        use ClaimAction::*;
        Some(match (self, from) {
            (StartReview, Status::Unreviewed) => Status::InProgress,
            (ProposeVerdict, Status::InProgress) => Status::VerdictProposed,
            (Approve, Status::VerdictProposed) => Status::Approved,
            (SendBack, Status::VerdictProposed) => Status::InProgress,
            (Reopen, Status::Approved) => Status::InProgress,
            (ResetReview, Status::InProgress) => Status::Unreviewed,
            _ => return None,
        })
    }
}

/// What `actor` may do to a claim in `current` now, under `policy`: each
/// move is checked by the same [`check_transition`] a write goes through.
pub fn allowed_actions(current: &ClaimState, actor: Actor, policy: Policy<'_>) -> Vec<ClaimAction> {
    use ClaimAction::*;
    if actor.role < Role::Checker {
        return Vec::new();
    }
    let mut out: Vec<ClaimAction> = [
        StartReview,
        ProposeVerdict,
        Approve,
        SendBack,
        Reopen,
        ResetReview,
    ]
    .into_iter()
    .filter(|a| {
        a.moves(current.status).is_some_and(|to| {
            check_transition(current.status, to, actor, current.authors(), policy).is_ok()
        })
    })
    .collect();
    // An approved claim is locked until reopened; a proposed verdict may be
    // reshaped by a checker (who then becomes its proposer).
    if current.status != Status::Approved {
        out.extend([EditVerdict, CorrectExtraction]);
    }
    out.extend([Assign, AddEvidence, Comment]);
    out
}

/// One allowed move between statuses and the least role it needs.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Transition {
    pub from: Status,
    pub to: Status,
    pub min_role: Role,
    /// The history action the move records.
    pub action: HistoryAction,
}

/// Every move the workflow allows, for the workflow document.
pub fn transitions() -> Vec<Transition> {
    Status::ALL
        .iter()
        .flat_map(|&from| {
            from.next().iter().map(move |&to| Transition {
                from,
                to,
                min_role: role_for(from, to),
                action: action_for(from, to, &Change::default()),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests;
