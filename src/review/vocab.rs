//! The review vocabulary: every name a claim, an account or the history can
//! carry, as enums. The database keeps the same names under CHECK
//! constraints (the last line of defence); the store maps columns to these
//! types, so no layer above it spells a status as a string.

use serde::{Deserialize, Serialize};

/// Declares a closed set of snake_case names: the enum, `ALL`, `as_str`,
/// `parse`, `Display`, `FromStr` and the serde and diesel (text column)
/// mappings, all from one list so they cannot disagree.
macro_rules! vocabulary {
    ($(#[$meta:meta])* pub enum $name:ident { $($(#[$vmeta:meta])* $variant:ident = $text:literal,)+ }) => {
        $(#[$meta])*
        #[derive(
            Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord,
            Serialize, Deserialize, utoipa::ToSchema,
            diesel::expression::AsExpression, diesel::deserialize::FromSqlRow,
        )]
        #[serde(rename_all = "snake_case")]
        #[diesel(sql_type = diesel::sql_types::Text)]
        pub enum $name { $($(#[$vmeta])* $variant,)+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text,)+ }
            }

            /// The value named `s`, as `as_str` spells it.
            pub fn parse(s: &str) -> Option<$name> {
                match s { $($text => Some($name::$variant),)+ _ => None }
            }

            /// Every name, for error details and the workflow document.
            pub fn names() -> Vec<&'static str> {
                Self::ALL.iter().map(|v| v.as_str()).collect()
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                self.as_str()
            }
        }

        impl std::str::FromStr for $name {
            type Err = UnknownName;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                $name::parse(s).ok_or_else(|| UnknownName {
                    what: stringify!($name),
                    value: s.to_owned(),
                    allowed: $name::names(),
                })
            }
        }
    };
}

/// A name outside a closed set (a status, kind, stance or role).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown {} '{value}': expected one of {}", human(what), allowed.join(", "))]
pub struct UnknownName {
    /// The type's name: `Status`, `ClaimKind`, `Stance`, `Role`, …
    pub what: &'static str,
    pub value: String,
    pub allowed: Vec<&'static str>,
}

fn human(what: &str) -> &'static str {
    match what {
        "Status" => "status",
        "ClaimKind" => "claim kind",
        "Stance" => "stance",
        "Role" => "role",
        "Origin" => "origin",
        "HistoryAction" => "history action",
        _ => "value",
    }
}

vocabulary! {
    /// Where a claim is in review. See [`crate::review::workflow`] for who
    /// may move it where.
    pub enum Status {
        Unreviewed = "unreviewed",
        InProgress = "in_progress",
        VerdictProposed = "verdict_proposed",
        Approved = "approved",
    }
}

vocabulary! {
    /// Who put a claim in the store: re-extraction may replace an untouched
    /// extracted claim, never a manual one.
    pub enum Origin {
        Extracted = "extracted",
        Manual = "manual",
    }
}

vocabulary! {
    /// What a piece of evidence says about the claim.
    pub enum Stance {
        Supports = "supports",
        Refutes = "refutes",
        Context = "context",
    }
}

vocabulary! {
    /// Roles in increasing order of power; each can do everything the ones
    /// before it can (the derived order is the declaration order).
    pub enum Role {
        Viewer = "viewer",
        Checker = "checker",
        Editor = "editor",
        Admin = "admin",
    }
}

vocabulary! {
    /// The name of one history event. Claim events name the claim; article
    /// events (ingest, re-extraction, a claim the extractor added or dropped)
    /// name the article and, where there is one, the claim in their payload.
    pub enum HistoryAction {
        ArticleIngested = "article_ingested",
        ArticleReextracted = "article_reextracted",
        ArticleDeleted = "article_deleted",
        /// Title, URL, outlet or publication date changed.
        ArticleEdited = "article_edited",
        /// A claim added by hand (names the claim).
        ClaimAdded = "claim_added",
        /// A claim a re-extraction found (an article event: the claim is
        /// named in the payload, so the event does not pin it as worked on).
        ClaimExtracted = "claim_extracted",
        ClaimRemoved = "claim_removed",
        ClaimReextracted = "claim_reextracted",
        ReviewStarted = "review_started",
        VerdictProposed = "verdict_proposed",
        VerdictApproved = "verdict_approved",
        Reopened = "reopened",
        ProposalWithdrawn = "proposal_withdrawn",
        ReviewReset = "review_reset",
        MarkedNotAClaim = "marked_not_a_claim",
        UnmarkedNotAClaim = "unmarked_not_a_claim",
        ExtractionCorrected = "extraction_corrected",
        VerdictEdited = "verdict_edited",
        Assigned = "assigned",
        ClaimUpdated = "claim_updated",
        EvidenceAdded = "evidence_added",
        EvidenceEdited = "evidence_edited",
        EvidenceDeleted = "evidence_deleted",
        CommentAdded = "comment_added",
        CommentEdited = "comment_edited",
        CommentDeleted = "comment_deleted",
        ClaimLinked = "claim_linked",
        ClaimUnlinked = "claim_unlinked",
    }
}

impl Status {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_through_parse_and_serde() {
        for s in Status::ALL {
            assert_eq!(Status::parse(s.as_str()), Some(*s));
            assert_eq!(serde_json::to_value(s).unwrap(), s.as_str());
        }
        for a in HistoryAction::ALL {
            let back: HistoryAction = serde_json::from_value(a.as_str().into()).unwrap();
            assert_eq!(back, *a);
        }
        assert_eq!(Stance::parse("agrees"), None);
    }

    #[test]
    fn roles_order_by_power() {
        assert!(Role::Viewer < Role::Checker);
        assert!(Role::Checker < Role::Editor);
        assert!(Role::Editor < Role::Admin);
        let err = "owner".parse::<Role>().unwrap_err();
        assert!(
            err.to_string().contains("viewer, checker, editor, admin"),
            "{err}"
        );
    }
}
