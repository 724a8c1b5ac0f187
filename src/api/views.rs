//! What the API answers with: its own types, built from store rows, so a
//! column can change without changing the contract and the contract can
//! carry what a row does not (the names of the people involved).

use super::error::ApiError;
use crate::review::{
    ArticleId, ClaimId, ClaimKind, CommentId, EvidenceId, HistoryAction, Origin, Stance, Status,
    UserId,
};
use crate::store::claims::ClaimRow;
use crate::store::comments::Comment;
use crate::store::events::Event;
use crate::store::evidence::Evidence;
use crate::store::users;
use chrono::{DateTime, Utc};
use diesel_async::AsyncPgConnection;
use serde::Serialize;
use serde_json::Value;
use std::collections::HashMap;

/// Display names of the people a response mentions.
pub struct Names(HashMap<UserId, String>);

impl Names {
    /// One query for every id a response mentions.
    pub async fn load(
        conn: &mut AsyncPgConnection,
        ids: impl IntoIterator<Item = UserId>,
    ) -> Result<Self, ApiError> {
        let mut ids: Vec<UserId> = ids.into_iter().collect();
        ids.sort_unstable();
        ids.dedup();
        Ok(Names(users::names(conn, &ids).await?))
    }

    pub fn of(&self, id: UserId) -> Option<String> {
        self.0.get(&id).cloned()
    }
}

/// One piece of a claim's content: code points `[start, end)` of the body.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ContentPiece {
    pub start: usize,
    pub end: usize,
    pub text: String,
}

/// A claim. Offsets are Unicode code points into the article body.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ClaimView {
    pub id: ClaimId,
    pub article_id: ArticleId,
    /// Position in reading order within the article, from 0.
    pub ordinal: i32,
    pub kind: ClaimKind,
    pub origin: Origin,
    pub source_start: Option<i32>,
    pub source_end: Option<i32>,
    pub source_text: Option<String>,
    pub cue_start: Option<i32>,
    pub cue_end: Option<i32>,
    pub cue_text: Option<String>,
    pub content_start: i32,
    pub content_end: i32,
    pub content_text: String,
    /// Several pieces for a quote split around its cue.
    pub content_pieces: Vec<ContentPiece>,
    pub speaker: Option<String>,
    /// person, organisation or group; null when not known.
    #[schema(schema_with = super::schemas::speaker_type)]
    pub speaker_type: Option<String>,
    /// False when `speaker` is the source as written, no antecedent having
    /// been found with confidence ("officials", an unresolved "he").
    pub speaker_resolved: bool,
    pub checkworthiness: f32,
    pub status: Status,
    pub verdict: Option<String>,
    pub verdict_note: Option<String>,
    pub proposed_by: Option<UserId>,
    /// Who last set the verdict or its note; like the proposer, they may
    /// not approve it (unless `workflow.allow_self_approval`).
    pub verdict_by: Option<UserId>,
    pub not_a_claim: bool,
    pub assignee_id: Option<UserId>,
    /// Optimistic lock: send it back with every write.
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// A person corrected the kind, a span or the speaker; re-extraction
    /// keeps the claim as corrected.
    pub extraction_corrected: bool,
}

impl From<ClaimRow> for ClaimView {
    fn from(c: ClaimRow) -> Self {
        let content_pieces = c
            .pieces()
            .0
            .into_iter()
            .map(|p| ContentPiece {
                start: p.start,
                end: p.end,
                text: p.text,
            })
            .collect();
        ClaimView {
            id: c.id,
            article_id: c.article_id,
            ordinal: c.ordinal,
            kind: c.kind,
            origin: c.origin,
            source_start: c.source_start,
            source_end: c.source_end,
            source_text: c.source_text,
            cue_start: c.cue_start,
            cue_end: c.cue_end,
            cue_text: c.cue_text,
            content_start: c.content_start,
            content_end: c.content_end,
            content_text: c.content_text,
            content_pieces,
            speaker: c.speaker,
            speaker_type: c.speaker_type,
            speaker_resolved: c.speaker_resolved,
            checkworthiness: c.checkworthiness,
            status: c.status,
            verdict: c.verdict,
            verdict_note: c.verdict_note,
            proposed_by: c.proposed_by,
            verdict_by: c.verdict_by,
            not_a_claim: c.not_a_claim,
            assignee_id: c.assignee_id,
            version: c.version,
            created_at: c.created_at,
            updated_at: c.updated_at,
            extraction_corrected: c.extraction_corrected,
        }
    }
}

/// A source that supports, refutes or gives context to a claim.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct EvidenceView {
    pub id: EvidenceId,
    pub claim_id: ClaimId,
    pub url: String,
    pub title: Option<String>,
    pub publisher: Option<String>,
    pub excerpt: Option<String>,
    pub stance: Stance,
    pub added_by: UserId,
    /// The display name of who added it (null if the account is gone).
    pub added_by_name: Option<String>,
    pub added_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// Optimistic lock: send it back as `If-Match` to edit or delete.
    pub version: i32,
    /// May the signed-in user edit or delete it (its author, or an editor).
    pub may_change: bool,
}

impl EvidenceView {
    pub fn new(e: Evidence, names: &Names, may_change: bool) -> Self {
        EvidenceView {
            may_change,
            added_by_name: names.of(e.added_by),
            id: e.id,
            claim_id: e.claim_id,
            url: e.url,
            title: e.title,
            publisher: e.publisher,
            excerpt: e.excerpt,
            stance: e.stance,
            added_by: e.added_by,
            added_at: e.added_at,
            updated_at: e.updated_at,
            version: e.version,
        }
    }
}

/// A comment on a claim.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct CommentView {
    pub id: CommentId,
    pub claim_id: ClaimId,
    pub author_id: UserId,
    /// The author's display name (null if the account is gone).
    pub author_name: Option<String>,
    pub body: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// Optimistic lock: send it back as `If-Match` to edit or delete.
    pub version: i32,
    /// May the signed-in user edit or delete it (its author, or an editor).
    pub may_change: bool,
}

impl CommentView {
    pub fn new(c: Comment, names: &Names, may_change: bool) -> Self {
        CommentView {
            may_change,
            author_name: names.of(c.author_id),
            id: c.id,
            claim_id: c.claim_id,
            author_id: c.author_id,
            body: c.body,
            created_at: c.created_at,
            updated_at: c.updated_at,
            version: c.version,
        }
    }
}

/// One history event: who did what, and the fields it changed.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct EventView {
    pub id: i64,
    pub article_id: ArticleId,
    pub claim_id: Option<ClaimId>,
    /// Null for the system (an import, a re-extraction without a user).
    pub actor_id: Option<UserId>,
    pub actor_name: Option<String>,
    pub at: DateTime<Utc>,
    pub action: HistoryAction,
    /// The changed fields as they were (null when something was added).
    #[schema(value_type = Option<Object>)]
    pub before: Option<Value>,
    /// The changed fields as they became (null when something was removed).
    #[schema(value_type = Option<Object>)]
    pub after: Option<Value>,
}

impl EventView {
    pub fn new(e: Event, names: &Names) -> Self {
        EventView {
            actor_name: e.actor_id.and_then(|a| names.of(a)),
            id: e.id,
            article_id: e.article_id,
            claim_id: e.claim_id,
            actor_id: e.actor_id,
            at: e.at,
            action: e.action,
            before: e.before,
            after: e.after,
        }
    }
}
