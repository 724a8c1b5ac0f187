//! Running a newer extractor over a stored article without losing review
//! work. Claims someone worked on are kept, moved to the span the new
//! extractor found for them when there is one; claims whose extraction a
//! person corrected (or added by hand) keep it; claims nobody touched are
//! replaced by the new extraction (`review::matching` decides).

use super::StoreError;
use super::articles::Article;
use super::claims::{ClaimRow, NewClaim};
use super::events::{self, NewEvent};
use super::schema::{articles, claim_events, claim_links, claims, comments, evidence};
use crate::extract::{self, Claim};
use crate::review::matching::{self, Extraction, Work};
use crate::review::{ArticleId, ClaimId, ClaimKind, HistoryAction, UserId};
use diesel::prelude::*;
use diesel_async::{AsyncConnection, AsyncPgConnection, RunQueryDsl};
use serde::Serialize;
use serde_json::{Value, json};
use std::collections::HashSet;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct ReextractCounts {
    /// Claims left as they were: found again unchanged, or worked on and
    /// not found again (review work is never dropped).
    pub kept: usize,
    /// Worked-on claims moved to the span the new extraction found for them.
    pub updated: usize,
    /// New claims from the new extraction.
    pub added: usize,
    /// Untouched claims the new extraction no longer finds.
    pub removed: usize,
}

#[derive(AsChangeset)]
#[diesel(table_name = claims, treat_none_as_null = true)]
struct SpanChange<'a> {
    kind: ClaimKind,
    source_start: Option<i32>,
    source_end: Option<i32>,
    source_text: Option<&'a str>,
    cue_start: Option<i32>,
    cue_end: Option<i32>,
    cue_text: Option<&'a str>,
    content_start: i32,
    content_end: i32,
    content_text: &'a str,
    content_pieces: &'a Value,
    speaker: Option<&'a str>,
    speaker_type: Option<&'a str>,
    speaker_resolved: bool,
    checkworthiness: f32,
}

impl<'a> From<&'a NewClaim> for SpanChange<'a> {
    fn from(n: &'a NewClaim) -> Self {
        SpanChange {
            kind: n.kind,
            source_start: n.source_start,
            source_end: n.source_end,
            source_text: n.source_text.as_deref(),
            cue_start: n.cue_start,
            cue_end: n.cue_end,
            cue_text: n.cue_text.as_deref(),
            content_start: n.content_start,
            content_end: n.content_end,
            content_text: &n.content_text,
            content_pieces: &n.content_pieces,
            speaker: n.speaker.as_deref(),
            speaker_type: n.speaker_type.as_deref(),
            speaker_resolved: n.speaker_resolved,
            checkworthiness: n.checkworthiness,
        }
    }
}

fn span_json(
    kind: ClaimKind,
    content: (i32, i32, &str),
    speaker: Option<&str>,
    source: Option<&str>,
    cue: Option<&str>,
) -> Value {
    json!({
        "kind": kind,
        "content_start": content.0,
        "content_end": content.1,
        "content_text": content.2,
        "speaker": speaker,
        "source_text": source,
        "cue_text": cue,
    })
}

fn old_json(c: &ClaimRow) -> Value {
    let mut v = span_json(
        c.kind,
        (c.content_start, c.content_end, &c.content_text),
        c.speaker.as_deref(),
        c.source_text.as_deref(),
        c.cue_text.as_deref(),
    );
    v["id"] = json!(c.id);
    v["ordinal"] = json!(c.ordinal);
    v
}

fn new_json(n: &NewClaim) -> Value {
    let mut v = span_json(
        n.kind,
        (n.content_start, n.content_end, &n.content_text),
        n.speaker.as_deref(),
        n.source_text.as_deref(),
        n.cue_text.as_deref(),
    );
    v["id"] = json!(n.id);
    v["ordinal"] = json!(n.ordinal);
    v
}

/// Replaces an article's extraction with `fresh` (the new extractor's output
/// on the stored body), in one transaction. Added and removed claims are
/// recorded as article events naming the claim: a history row pointing at a
/// claim would pin an untouched claim forever.
///
/// Locks, in the order every writer follows: the article row (`FOR NO KEY
/// UPDATE`, which serialises re-extractions of one article but lets edits'
/// history rows reference it), then all its claims by id, before reading
/// them. An edit holds at most one claim and needs only a key-share on the
/// article, so the two cannot wait on each other in a circle; an aborted
/// attempt runs again (see `retry`).
pub async fn reextract(
    conn: &mut AsyncPgConnection,
    article_id: ArticleId,
    actor: Option<UserId>,
    fresh: &[Claim],
) -> Result<ReextractCounts, StoreError> {
    let mut attempt = 0;
    loop {
        let result = conn
            .transaction::<_, StoreError, _>(async |conn| {
                apply(conn, article_id, actor, fresh).await
            })
            .await;
        if !super::retry::again(&result, &mut attempt).await {
            return result;
        }
    }
}

/// An article's claims, locked by id, in reading order.
async fn lock_claims(
    conn: &mut AsyncPgConnection,
    article_id: ArticleId,
) -> Result<Vec<ClaimRow>, StoreError> {
    let mut rows: Vec<ClaimRow> = claims::table
        .filter(claims::article_id.eq(article_id))
        .order(claims::id.asc())
        .for_update()
        .select(ClaimRow::as_select())
        .load(conn)
        .await?;
    rows.sort_by_key(|c| (c.content_start, c.ordinal));
    Ok(rows)
}

async fn apply(
    conn: &mut AsyncPgConnection,
    article_id: ArticleId,
    actor: Option<UserId>,
    fresh: &[Claim],
) -> Result<ReextractCounts, StoreError> {
    {
        let article: Article = articles::table
            .find(article_id)
            .filter(articles::deleted_at.is_null())
            .for_no_key_update()
            .select(Article::as_select())
            .first(conn)
            .await?;
        // Waits for writes in flight to the claims (and for comments,
        // evidence and links being added to them, which key-share them), so
        // what is read next is what they left.
        let old = lock_claims(conn, article.id).await?;
        let ids: Vec<ClaimId> = old.iter().map(|c| c.id).collect();
        let referenced = referenced_claims(conn, &ids).await?;
        let work: Vec<Work> = old
            .iter()
            .map(|c| c.own_work().work(referenced.contains(&c.id)))
            .collect();
        let mut new: Vec<NewClaim> = fresh
            .iter()
            .map(|c| NewClaim::from_extracted(article.id, 0, c))
            .collect();
        let old_ex: Vec<Extraction> = old.iter().map(ClaimRow::extraction).collect();
        let new_ex: Vec<Extraction> = new.iter().map(NewClaim::extraction).collect();
        let plan = matching::plan(&old_ex, &work, &new_ex);

        let removed: Vec<ClaimId> = plan.remove.iter().map(|&i| old[i].id).collect();
        if !removed.is_empty() {
            diesel::delete(claims::table.filter(claims::id.eq_any(&removed)))
                .execute(conn)
                .await?;
        }
        for &i in &plan.remove {
            events::record(
                conn,
                NewEvent {
                    article_id,
                    claim_id: None,
                    actor_id: actor,
                    action: HistoryAction::ClaimRemoved,
                    before: Some(old_json(&old[i])),
                    after: None,
                },
            )
            .await?;
        }

        // Ordinals are unique per article: park the survivors on negative
        // ones, then number everything by position.
        diesel::update(claims::table.filter(claims::article_id.eq(article_id)))
            .set(claims::ordinal.eq(claims::ordinal * -1 - 1))
            .execute(conn)
            .await?;

        for &(i, j) in &plan.update {
            diesel::update(claims::table.find(old[i].id))
                .set((
                    SpanChange::from(&new[j]),
                    claims::version.eq(claims::version + 1),
                    claims::updated_at.eq(diesel::dsl::now),
                ))
                .execute(conn)
                .await?;
            events::record(
                conn,
                NewEvent {
                    article_id,
                    claim_id: Some(old[i].id),
                    actor_id: actor,
                    action: HistoryAction::ClaimReextracted,
                    before: Some(old_json(&old[i])),
                    after: Some(span_json(
                        new[j].kind,
                        (
                            new[j].content_start,
                            new[j].content_end,
                            &new[j].content_text,
                        ),
                        new[j].speaker.as_deref(),
                        new[j].source_text.as_deref(),
                        new[j].cue_text.as_deref(),
                    )),
                },
            )
            .await?;
        }

        // Reading order: by content position; an old claim before a new one
        // at the same place.
        enum Slot {
            Old(usize),
            New(usize),
        }
        let mut order: Vec<(i32, i32, u8, Slot)> = Vec::new();
        for &i in &plan.unchanged {
            order.push((old[i].content_start, old[i].content_end, 0, Slot::Old(i)));
        }
        for &(i, j) in &plan.update {
            order.push((new[j].content_start, new[j].content_end, 0, Slot::Old(i)));
        }
        for &j in &plan.add {
            order.push((new[j].content_start, new[j].content_end, 1, Slot::New(j)));
        }
        order.sort_by_key(|(s, e, tie, slot)| {
            (
                *s,
                *e,
                *tie,
                match slot {
                    Slot::Old(i) => old[*i].ordinal,
                    Slot::New(j) => *j as i32,
                },
            )
        });
        let mut added = Vec::new();
        for (ordinal, (_, _, _, slot)) in order.iter().enumerate() {
            let ordinal = ordinal as i32;
            match slot {
                Slot::Old(i) => {
                    diesel::update(claims::table.find(old[*i].id))
                        .set(claims::ordinal.eq(ordinal))
                        .execute(conn)
                        .await?;
                }
                Slot::New(j) => {
                    new[*j].ordinal = ordinal;
                    added.push(*j);
                }
            }
        }
        let rows: Vec<&NewClaim> = added.iter().map(|&j| &new[j]).collect();
        for chunk in rows.chunks(2000) {
            diesel::insert_into(claims::table)
                .values(chunk.to_vec())
                .execute(conn)
                .await?;
        }
        for row in &rows {
            events::record(
                conn,
                NewEvent {
                    article_id,
                    claim_id: None,
                    actor_id: actor,
                    action: HistoryAction::ClaimExtracted,
                    before: None,
                    after: Some(new_json(row)),
                },
            )
            .await?;
        }

        let counts = ReextractCounts {
            kept: plan.unchanged.len(),
            updated: plan.update.len(),
            added: plan.add.len(),
            removed: plan.remove.len(),
        };
        diesel::update(articles::table.find(article_id))
            .set((
                articles::extractor_version.eq(extract::EXTRACTOR_VERSION),
                articles::updated_at.eq(diesel::dsl::now),
            ))
            .execute(conn)
            .await?;
        events::record(conn, NewEvent {
            article_id,
            claim_id: None,
            actor_id: actor,
            action: HistoryAction::ArticleReextracted,
            before: Some(json!({"extractor_version": article.extractor_version})),
            after: Some(json!({
                "extractor_version": extract::EXTRACTOR_VERSION,
                "kept": counts.kept, "updated": counts.updated, "added": counts.added, "removed": counts.removed,
            })),
        })
        .await?;
        Ok(counts)
    }
}

/// Claims that other rows point to (evidence, comments, history, links,
/// deleted ones included): they carry work, and deleting them would break
/// those references.
async fn referenced_claims(
    conn: &mut AsyncPgConnection,
    ids: &[ClaimId],
) -> Result<HashSet<ClaimId>, StoreError> {
    let mut out = HashSet::new();
    if ids.is_empty() {
        return Ok(out);
    }
    out.extend(
        evidence::table
            .filter(evidence::claim_id.eq_any(ids))
            .select(evidence::claim_id)
            .distinct()
            .load::<ClaimId>(conn)
            .await?,
    );
    out.extend(
        comments::table
            .filter(comments::claim_id.eq_any(ids))
            .select(comments::claim_id)
            .distinct()
            .load::<ClaimId>(conn)
            .await?,
    );
    out.extend(
        claim_events::table
            .filter(claim_events::claim_id.eq_any(ids))
            .select(claim_events::claim_id.assume_not_null())
            .distinct()
            .load::<ClaimId>(conn)
            .await?,
    );
    let links: Vec<(ClaimId, ClaimId)> = claim_links::table
        .filter(
            claim_links::claim_a
                .eq_any(ids)
                .or(claim_links::claim_b.eq_any(ids)),
        )
        .select((claim_links::claim_a, claim_links::claim_b))
        .load(conn)
        .await?;
    for (a, b) in links {
        out.insert(a);
        out.insert(b);
    }
    Ok(out)
}
