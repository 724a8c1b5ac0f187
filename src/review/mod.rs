//! The review rules, typed and pure: the vocabulary of statuses, kinds,
//! stances, roles and history actions; typed ids; spans; the workflow
//! (who may move a claim where, and what history that writes); account and
//! attachment rules; the re-extraction matcher. Nothing here knows HTTP or
//! runs a query: `store` maps rows to these types, `api` turns requests
//! into calls here and [`ReviewError`] into its error codes.

pub mod accounts;
pub mod attachments;
mod error;
mod ids;
pub mod matching;
pub mod span;
pub mod speakers;
mod vocab;
pub mod workflow;

pub use crate::extract::ClaimKind;
pub use error::{LimitedField, ReviewError};
pub use ids::{ArticleId, ClaimId, CommentId, EvidenceId, UserId};
pub use span::{Pieces, Span};
pub use vocab::{HistoryAction, Origin, Role, Stance, Status, UnknownName};
