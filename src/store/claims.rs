//! Claims: the row model and the queries on it.

use super::events::{self, NewEvent};
use super::schema::{articles, claims, comments, evidence};
use super::{StoreError, Versioned};
use crate::extract::{Claim, SpeakerType};
use crate::review::matching::{Extraction, OwnWork};
use crate::review::workflow::{Change, ClaimState};
use crate::review::{
    ArticleId, ClaimId, ClaimKind, HistoryAction, Origin, Pieces, Span, Status, UserId,
};
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel_async::{AsyncConnection, AsyncPgConnection, RunQueryDsl};
use serde::Serialize;
use serde_json::Value;
use std::collections::HashMap;

/// A claim as stored. Offsets are Unicode code points into the article body.
#[derive(Debug, Clone, Queryable, Selectable, Serialize)]
#[diesel(table_name = claims, check_for_backend(diesel::pg::Pg))]
pub struct ClaimRow {
    pub id: ClaimId,
    pub article_id: ArticleId,
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
    /// `[{start, end, text}]`; several pieces for a quote split around its cue.
    pub content_pieces: Value,
    pub speaker: Option<String>,
    /// `person`, `organisation` or `group`.
    pub speaker_type: Option<String>,
    /// False when the speaker is the source as written (no antecedent found).
    pub speaker_resolved: bool,
    pub checkworthiness: f32,
    pub status: Status,
    pub verdict: Option<String>,
    pub verdict_note: Option<String>,
    pub proposed_by: Option<UserId>,
    /// Who last set the verdict or its note.
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

#[derive(Clone, Insertable)]
#[diesel(table_name = claims)]
pub struct NewClaim {
    pub id: ClaimId,
    pub article_id: ArticleId,
    pub ordinal: i32,
    pub kind: ClaimKind,
    pub source_start: Option<i32>,
    pub source_end: Option<i32>,
    pub source_text: Option<String>,
    pub cue_start: Option<i32>,
    pub cue_end: Option<i32>,
    pub cue_text: Option<String>,
    pub content_start: i32,
    pub content_end: i32,
    pub content_text: String,
    pub content_pieces: serde_json::Value,
    pub speaker: Option<String>,
    pub speaker_type: Option<String>,
    pub speaker_resolved: bool,
    pub checkworthiness: f32,
}

/// A span stored as three nullable columns.
fn span(start: Option<i32>, end: Option<i32>, text: &Option<String>) -> Option<Span> {
    Some(Span {
        start: usize::try_from(start?).ok()?,
        end: usize::try_from(end?).ok()?,
        text: text.clone()?,
    })
}

/// Offsets are code points into a body far below 2^31 of them (bodies are
/// capped by the upload limit), so the casts cannot wrap.
fn off(n: usize) -> i32 {
    n as i32
}

fn span_columns(s: &Option<Span>) -> (Option<i32>, Option<i32>, Option<String>) {
    match s {
        Some(s) => (Some(off(s.start)), Some(off(s.end)), Some(s.text.clone())),
        None => (None, None, None),
    }
}

fn pieces_json(p: &Pieces) -> Value {
    serde_json::to_value(&p.0).unwrap_or_default()
}

impl ClaimRow {
    pub fn source(&self) -> Option<Span> {
        span(self.source_start, self.source_end, &self.source_text)
    }

    pub fn cue(&self) -> Option<Span> {
        span(self.cue_start, self.cue_end, &self.cue_text)
    }

    /// The content as one span from its first piece's start to its last
    /// piece's end, with the pieces' joined text.
    pub fn content(&self) -> Span {
        Span {
            start: self.content_start.max(0) as usize,
            end: self.content_end.max(0) as usize,
            text: self.content_text.clone(),
        }
    }

    /// The content's pieces; a row written before pieces existed has one.
    pub fn pieces(&self) -> Pieces {
        serde_json::from_value(self.content_pieces.clone())
            .unwrap_or_else(|_| Pieces::single(self.content()))
    }

    pub fn extraction(&self) -> Extraction {
        Extraction {
            kind: self.kind,
            source: self.source(),
            cue: self.cue(),
            content: self.pieces(),
            speaker: self.speaker.clone(),
            speaker_type: self.speaker_type.clone(),
            speaker_resolved: self.speaker_resolved,
            checkworthiness: self.checkworthiness,
        }
    }

    pub fn state(&self) -> ClaimState {
        ClaimState {
            status: self.status,
            kind: self.kind,
            source: self.source(),
            cue: self.cue(),
            content: self.content(),
            speaker: self.speaker.clone(),
            speaker_type: self.speaker_type.as_deref().and_then(SpeakerType::parse),
            verdict: self.verdict.clone(),
            verdict_note: self.verdict_note.clone(),
            proposed_by: self.proposed_by,
            verdict_by: self.verdict_by,
            assignee: self.assignee_id,
            not_a_claim: self.not_a_claim,
        }
    }

    pub fn own_work(&self) -> OwnWork {
        OwnWork {
            status: self.status,
            has_verdict: self.verdict.is_some(),
            has_note: self.verdict_note.is_some(),
            has_proposer: self.proposed_by.is_some(),
            has_assignee: self.assignee_id.is_some(),
            not_a_claim: self.not_a_claim,
            origin: self.origin,
            extraction_corrected: self.extraction_corrected,
        }
    }
}

impl NewClaim {
    /// A claim to insert into `article_id`; `ordinal` is its reading order.
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        article_id: ArticleId,
        ordinal: i32,
        kind: ClaimKind,
        source: Option<Span>,
        cue: Option<Span>,
        content: Pieces,
        speaker: Option<String>,
        checkworthiness: f32,
    ) -> Self {
        let (source_start, source_end, source_text) = span_columns(&source);
        let (cue_start, cue_end, cue_text) = span_columns(&cue);
        NewClaim {
            id: ClaimId::new(),
            article_id,
            ordinal,
            kind,
            source_start,
            source_end,
            source_text,
            cue_start,
            cue_end,
            cue_text,
            content_start: off(content.start()),
            content_end: off(content.end()),
            content_text: content.text(),
            content_pieces: pieces_json(&content),
            speaker,
            speaker_type: None,
            speaker_resolved: true,
            checkworthiness: checkworthiness.clamp(0.0, 1.0),
        }
    }

    pub fn from_extracted(article_id: ArticleId, ordinal: i32, c: &Claim) -> Self {
        let mut n = Self::new(
            article_id,
            ordinal,
            c.kind,
            c.source.clone(),
            c.cue.clone(),
            c.content.clone(),
            c.speaker.clone(),
            c.checkworthiness,
        );
        n.speaker_type = c.speaker_type.map(|t| t.as_str().to_owned());
        n.speaker_resolved = c.speaker_resolved;
        n
    }

    pub fn extraction(&self) -> Extraction {
        Extraction {
            kind: self.kind,
            source: span(self.source_start, self.source_end, &self.source_text),
            cue: span(self.cue_start, self.cue_end, &self.cue_text),
            content: serde_json::from_value(self.content_pieces.clone()).unwrap_or_else(|_| {
                Pieces::single(Span {
                    start: self.content_start as usize,
                    end: self.content_end as usize,
                    text: self.content_text.clone(),
                })
            }),
            speaker: self.speaker.clone(),
            speaker_type: self.speaker_type.clone(),
            speaker_resolved: self.speaker_resolved,
            checkworthiness: self.checkworthiness,
        }
    }
}

impl From<&Change> for ClaimChanges {
    fn from(c: &Change) -> Self {
        let mut ch = ClaimChanges {
            kind: c.kind,
            speaker: c.speaker.clone(),
            speaker_type: c.speaker_type.map(|t| t.map(|t| t.as_str().to_owned())),
            // A speaker named by hand is resolved: a person resolved it.
            speaker_resolved: c.speaker.is_some().then_some(true),
            status: c.status,
            verdict: c.verdict.clone(),
            verdict_note: c.verdict_note.clone(),
            proposed_by: c.proposed_by,
            verdict_by: c.verdict_by,
            not_a_claim: c.not_a_claim,
            assignee_id: c.assignee,
            extraction_corrected: c.touches_extraction().then_some(true),
            ..Default::default()
        };
        if let Some(s) = &c.source {
            let (a, b, t) = span_columns(s);
            (ch.source_start, ch.source_end, ch.source_text) = (Some(a), Some(b), Some(t));
        }
        if let Some(s) = &c.cue {
            let (a, b, t) = span_columns(s);
            (ch.cue_start, ch.cue_end, ch.cue_text) = (Some(a), Some(b), Some(t));
        }
        if let Some(s) = &c.content {
            ch.content_start = Some(off(s.start));
            ch.content_end = Some(off(s.end));
            ch.content_text = Some(s.text.clone());
            ch.content_pieces = Some(pieces_json(&Pieces::single(s.clone())));
        }
        ch
    }
}

pub async fn find(conn: &mut AsyncPgConnection, id: ClaimId) -> Result<ClaimRow, StoreError> {
    Ok(claims::table
        .find(id)
        .select(ClaimRow::as_select())
        .first(conn)
        .await?)
}

/// An article's claims in reading order. Claims added by hand take the next
/// free ordinal, so position in the text orders them, ordinal breaks ties.
pub async fn for_article(
    conn: &mut AsyncPgConnection,
    article_id: ArticleId,
) -> Result<Vec<ClaimRow>, StoreError> {
    Ok(claims::table
        .filter(claims::article_id.eq(article_id))
        .order((claims::content_start.asc(), claims::ordinal.asc()))
        .select(ClaimRow::as_select())
        .load(conn)
        .await?)
}

/// How many claims an article has.
pub async fn count_for_article(
    conn: &mut AsyncPgConnection,
    article_id: ArticleId,
) -> Result<i64, StoreError> {
    Ok(claims::table
        .filter(claims::article_id.eq(article_id))
        .count()
        .get_result(conn)
        .await?)
}

/// Live evidence and comment counts per claim, for list views.
#[derive(Debug, Clone, Copy, Default, Serialize, utoipa::ToSchema)]
pub struct WorkCounts {
    pub evidence: i64,
    pub comments: i64,
}

pub async fn work_counts(
    conn: &mut AsyncPgConnection,
    claim_ids: &[ClaimId],
) -> Result<HashMap<ClaimId, WorkCounts>, StoreError> {
    let mut out: HashMap<ClaimId, WorkCounts> = HashMap::new();
    if claim_ids.is_empty() {
        return Ok(out);
    }
    let ev: Vec<(ClaimId, i64)> = evidence::table
        .filter(evidence::claim_id.eq_any(claim_ids))
        .filter(evidence::deleted_at.is_null())
        .group_by(evidence::claim_id)
        .select((evidence::claim_id, diesel::dsl::count_star()))
        .load(conn)
        .await?;
    for (id, n) in ev {
        out.entry(id).or_default().evidence = n;
    }
    let cm: Vec<(ClaimId, i64)> = comments::table
        .filter(comments::claim_id.eq_any(claim_ids))
        .filter(comments::deleted_at.is_null())
        .group_by(comments::claim_id)
        .select((comments::claim_id, diesel::dsl::count_star()))
        .load(conn)
        .await?;
    for (id, n) in cm {
        out.entry(id).or_default().comments = n;
    }
    Ok(out)
}

/// A claim that is visible: its article has not been deleted.
pub async fn find_live(conn: &mut AsyncPgConnection, id: ClaimId) -> Result<ClaimRow, StoreError> {
    Ok(claims::table
        .inner_join(articles::table)
        .filter(claims::id.eq(id))
        .filter(articles::deleted_at.is_null())
        .select(ClaimRow::as_select())
        .first(conn)
        .await?)
}

/// The body of a live article, which claim spans point into.
pub async fn article_body(
    conn: &mut AsyncPgConnection,
    article_id: ArticleId,
) -> Result<String, StoreError> {
    Ok(articles::table
        .filter(articles::id.eq(article_id))
        .filter(articles::deleted_at.is_null())
        .select(articles::body)
        .first(conn)
        .await?)
}

/// Who a list is filtered to.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum AssigneeFilter {
    User(UserId),
    Nobody,
}

/// Filters of the claim list; every field narrows it. Values are already
/// validated by the caller.
#[derive(Debug, Clone, Default)]
pub struct ClaimFilter {
    pub status: Option<Status>,
    pub verdict: Option<String>,
    pub speaker: Option<String>,
    pub assignee: Option<AssigneeFilter>,
    pub article: Option<ArticleId>,
    pub kind: Option<ClaimKind>,
    pub min_checkworthiness: Option<f32>,
    pub not_a_claim: Option<bool>,
    pub q: Option<String>,
}

/// Claims whose article is not deleted, as an anti-join against the few
/// deleted articles (partially indexed): joining every live article made
/// PostgreSQL hash all of them for a page of fifty claims.
#[diesel::dsl::auto_type]
fn in_live_article() -> _ {
    let deleted = articles::table
        .filter(articles::deleted_at.is_not_null())
        .select(articles::id);
    diesel::dsl::not(claims::article_id.eq_any(deleted))
}

/// One page of claims in id (creation) order after `after`, plus whether
/// more follow. Claims of deleted articles never show.
pub async fn list(
    conn: &mut AsyncPgConnection,
    f: &ClaimFilter,
    after: Option<ClaimId>,
    limit: i64,
) -> Result<(Vec<ClaimRow>, bool), StoreError> {
    use diesel::dsl::sql;
    use diesel::sql_types::{Bool, Text};
    let mut query = claims::table
        .filter(in_live_article())
        .select(ClaimRow::as_select())
        .into_boxed();
    if let Some(s) = &f.status {
        query = query.filter(claims::status.eq(*s));
    }
    if let Some(v) = &f.verdict {
        query = query.filter(claims::verdict.eq(v.clone()));
    }
    if let Some(s) = &f.speaker {
        // Every form of the speaker's name; written to match the
        // `lower(speaker)` index.
        let forms = super::speakers::speaker_forms(conn, s).await?;
        query = query.filter(
            sql::<Bool>("lower(claims.speaker) = ANY(")
                .bind::<diesel::sql_types::Array<Text>, _>(forms)
                .sql(")"),
        );
    }
    match f.assignee {
        Some(AssigneeFilter::User(u)) => query = query.filter(claims::assignee_id.eq(u)),
        Some(AssigneeFilter::Nobody) => query = query.filter(claims::assignee_id.is_null()),
        None => {}
    }
    if let Some(a) = f.article {
        query = query.filter(claims::article_id.eq(a));
    }
    if let Some(k) = &f.kind {
        query = query.filter(claims::kind.eq(*k));
    }
    if let Some(m) = f.min_checkworthiness {
        query = query.filter(claims::checkworthiness.ge(m));
    }
    if let Some(n) = f.not_a_claim {
        query = query.filter(claims::not_a_claim.eq(n));
    }
    if let Some(q) = &f.q {
        // `search` is a generated column unknown to schema.rs.
        query = query.filter(
            sql::<Bool>("claims.search @@ websearch_to_tsquery('english', ")
                .bind::<Text, _>(q.clone())
                .sql(")"),
        );
    }
    if let Some(after) = after {
        query = query.filter(claims::id.gt(after));
    }
    let mut rows: Vec<ClaimRow> = query
        .order(claims::id.asc())
        .limit(limit + 1)
        .load(conn)
        .await?;
    let more = rows.len() as i64 > limit;
    rows.truncate(limit as usize);
    Ok((rows, more))
}

/// Column changes of one claim write; `None` leaves a column alone,
/// `Some(None)` clears a nullable one.
#[derive(Debug, Clone, Default, PartialEq, AsChangeset)]
#[diesel(table_name = claims)]
pub struct ClaimChanges {
    pub kind: Option<ClaimKind>,
    pub source_start: Option<Option<i32>>,
    pub source_end: Option<Option<i32>>,
    pub source_text: Option<Option<String>>,
    pub cue_start: Option<Option<i32>>,
    pub cue_end: Option<Option<i32>>,
    pub cue_text: Option<Option<String>>,
    pub content_start: Option<i32>,
    pub content_end: Option<i32>,
    pub content_text: Option<String>,
    pub content_pieces: Option<Value>,
    pub speaker: Option<Option<String>>,
    pub speaker_type: Option<Option<String>>,
    pub speaker_resolved: Option<bool>,
    pub status: Option<Status>,
    pub verdict: Option<Option<String>>,
    pub verdict_note: Option<Option<String>>,
    pub proposed_by: Option<Option<UserId>>,
    pub verdict_by: Option<Option<UserId>>,
    pub not_a_claim: Option<bool>,
    pub assignee_id: Option<Option<UserId>>,
    pub extraction_corrected: Option<bool>,
}

impl ClaimChanges {
    pub fn is_empty(&self) -> bool {
        *self == ClaimChanges::default()
    }
}

/// Applies `changes` only if the claim is still at `before.version`, bumping
/// the version and recording the event in the same transaction. `before`
/// must be the row as read at that version: the history's "before" side
/// comes from it, and a matching version means nothing changed since.
pub async fn update_versioned(
    conn: &mut AsyncPgConnection,
    before: &ClaimRow,
    changes: &ClaimChanges,
    actor: UserId,
    action: HistoryAction,
    reason: Option<&str>,
) -> Result<Versioned<ClaimRow>, StoreError> {
    let mut attempt = 0;
    loop {
        let result = conn
            .transaction::<_, StoreError, _>(async |conn| {
                write_versioned(conn, before, changes, actor, action, reason).await
            })
            .await;
        if !super::retry::again(&result, &mut attempt).await {
            return result;
        }
    }
}

async fn write_versioned(
    conn: &mut AsyncPgConnection,
    before: &ClaimRow,
    changes: &ClaimChanges,
    actor: UserId,
    action: HistoryAction,
    reason: Option<&str>,
) -> Result<Versioned<ClaimRow>, StoreError> {
    {
        let written: Option<ClaimRow> = diesel::update(
            claims::table
                .filter(claims::id.eq(before.id))
                .filter(claims::version.eq(before.version)),
        )
        .set((
            changes,
            claims::version.eq(claims::version + 1),
            claims::updated_at.eq(diesel::dsl::now),
        ))
        .returning(ClaimRow::as_returning())
        .get_result(conn)
        .await
        .optional()?;
        let Some(after) = written else {
            return Ok(Versioned::Stale(find(conn, before.id).await?));
        };
        let (b, mut a) = events::diff(before, &after);
        if let (Some(r), Some(fields)) = (reason, a.as_object_mut()) {
            fields.insert("reason".into(), r.into());
        }
        events::record(
            conn,
            NewEvent {
                article_id: after.article_id,
                claim_id: Some(after.id),
                actor_id: Some(actor),
                action,
                before: Some(b),
                after: Some(a),
            },
        )
        .await?;
        Ok(Versioned::Written(after))
    }
}

/// Inserts a claim added by hand. The article row is locked (`FOR NO KEY
/// UPDATE`, as re-extraction locks it) so concurrent additions take ordinals
/// one after the other; the new claim goes last in ordinal order (views sort
/// by position in the text).
pub async fn insert_manual(
    conn: &mut AsyncPgConnection,
    claim: NewClaim,
    actor: UserId,
) -> Result<ClaimRow, StoreError> {
    let mut attempt = 0;
    loop {
        let result = conn
            .transaction::<_, StoreError, _>(async |conn| {
                insert_manual_once(conn, claim.clone(), actor).await
            })
            .await;
        if !super::retry::again(&result, &mut attempt).await {
            return result;
        }
    }
}

async fn insert_manual_once(
    conn: &mut AsyncPgConnection,
    mut claim: NewClaim,
    actor: UserId,
) -> Result<ClaimRow, StoreError> {
    {
        articles::table
            .filter(articles::id.eq(claim.article_id))
            .filter(articles::deleted_at.is_null())
            .select(articles::id)
            .for_no_key_update()
            .first::<ArticleId>(conn)
            .await?;
        let max: Option<i32> = claims::table
            .filter(claims::article_id.eq(claim.article_id))
            .select(diesel::dsl::max(claims::ordinal))
            .first(conn)
            .await?;
        claim.ordinal = max.map_or(0, |m| m + 1);
        let row: ClaimRow = diesel::insert_into(claims::table)
            .values((&claim, claims::origin.eq(Origin::Manual)))
            .returning(ClaimRow::as_returning())
            .get_result(conn)
            .await?;
        events::record(
            conn,
            NewEvent {
                article_id: row.article_id,
                claim_id: Some(row.id),
                actor_id: Some(actor),
                action: HistoryAction::ClaimAdded,
                before: None,
                after: serde_json::to_value(&row).ok(),
            },
        )
        .await?;
        Ok(row)
    }
}

/// Claims by id, in no particular order.
pub async fn find_many(
    conn: &mut AsyncPgConnection,
    ids: &[ClaimId],
) -> Result<Vec<ClaimRow>, StoreError> {
    Ok(claims::table
        .filter(claims::id.eq_any(ids))
        .select(ClaimRow::as_select())
        .load(conn)
        .await?)
}
