//! Why the review rules refuse something. Each variant is one refusal an
//! editor can act on; the API turns them into its stable error codes.

use super::ids::UserId;
use super::vocab::{Role, Status, UnknownName};

/// A field with a length limit, named in the refusal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LimitedField {
    VerdictNote,
    Speaker,
    /// The reason given for a status move.
    Reason,
    Comment,
    /// Evidence title, publisher or excerpt.
    EvidenceText(&'static str),
}

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ReviewError {
    #[error(transparent)]
    UnknownName(#[from] UnknownName),
    #[error("a claim cannot go from {from} to {to}")]
    InvalidTransition { from: Status, to: Status },
    #[error("only {} can {action}", article(*needs))]
    RoleTooLow { needs: Role, action: &'static str },
    #[error("the verdict must be approved by someone other than who proposed it or last set it")]
    SelfApproval,
    #[error("'{label}' is not on the verdict scale")]
    UnknownVerdict { label: String, allowed: Vec<String> },
    #[error("proposing needs a verdict from the scale")]
    VerdictRequired { allowed: Vec<String> },
    /// A change other than status or assignee on an approved claim, or made
    /// while approving.
    #[error("{}", if *.locked {
        "an approved claim is locked: reopen it (status in_progress) to change it"
    } else {
        "approve the verdict as proposed, or send it back to in_progress to change it"
    })]
    ClaimApproved { locked: bool },
    #[error(
        "a reason goes with a status change (send back, approve, reopen): this edit moves nothing"
    )]
    ReasonWithoutMove,
    #[error("{0} is not an active user with role checker or above")]
    InvalidAssignee(UserId),
    #[error("{} is longer than {max} characters", field_name(*field))]
    TooLong { field: LimitedField, max: usize },
    #[error("{} must not be empty", field_name(*field))]
    Empty { field: LimitedField },
    #[error(
        "the {what} span [{start}, {end}) must satisfy 0 <= start < end <= {len} (the body's length in code points)"
    )]
    InvalidSpan {
        what: &'static str,
        start: i64,
        end: i64,
        len: usize,
    },
    #[error("checkworthiness must be in [0, 1]")]
    InvalidCheckworthiness,
    #[error("only {who}, or an editor, can change it")]
    NotAuthor { who: &'static str },
    #[error("{0}")]
    WeakPassword(String),
    #[error("'{0}' is not an email address")]
    InvalidEmail(String),
    #[error("a name needs 1 to 200 characters")]
    InvalidName,
}

fn article(r: Role) -> &'static str {
    match r {
        Role::Viewer => "a viewer",
        Role::Checker => "a checker",
        Role::Editor => "an editor",
        Role::Admin => "an admin",
    }
}

fn field_name(f: LimitedField) -> &'static str {
    match f {
        LimitedField::VerdictNote => "the verdict note",
        LimitedField::Speaker => "the speaker",
        LimitedField::Reason => "the reason",
        LimitedField::Comment => "the comment",
        LimitedField::EvidenceText(name) => name,
    }
}
