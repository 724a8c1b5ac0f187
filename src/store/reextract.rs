//! Running a newer extractor over a stored article without losing review
//! work. Claims someone worked on are kept, moved to the span the new
//! extractor found for them when there is one; claims nobody touched are
//! replaced by the new extraction.

use super::StoreError;
use super::articles::{Article, NewClaim};
use super::claims::ClaimRow;
use super::events::{self, NewEvent};
use super::schema::{articles, claim_events, claim_links, claims, comments, evidence};
use crate::extract::{self, Claim};
use diesel::prelude::*;
use diesel_async::{AsyncConnection, AsyncPgConnection, RunQueryDsl};
use serde::Serialize;
use serde_json::{Value, json};
use std::collections::HashSet;
use uuid::Uuid;

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

/// What to do with each old and new claim. Indices point into the inputs.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Plan {
    pub unchanged: Vec<usize>,
    /// (old, new)
    pub update: Vec<(usize, usize)>,
    pub add: Vec<usize>,
    pub remove: Vec<usize>,
}

/// Below this content overlap (intersection over union of the code point
/// ranges) an old and a new claim are about different text.
const MIN_OVERLAP: f64 = 0.3;

/// Matches old claims to new ones. Identical extractions pair first, so an
/// unchanged claim keeps its id; then each worked-on claim takes the free
/// new claim whose content overlaps it most.
pub fn plan(old: &[ClaimRow], worked: &[bool], new: &[NewClaim]) -> Plan {
    let mut p = Plan::default();
    let mut old_done = vec![false; old.len()];
    let mut new_done = vec![false; new.len()];
    for (i, o) in old.iter().enumerate() {
        if let Some(j) = (0..new.len()).find(|&j| !new_done[j] && same_extraction(o, &new[j])) {
            old_done[i] = true;
            new_done[j] = true;
            p.unchanged.push(i);
        }
    }
    let mut pairs: Vec<(f64, usize, usize)> = Vec::new();
    for (i, o) in old
        .iter()
        .enumerate()
        .filter(|(i, _)| worked[*i] && !old_done[*i])
    {
        for (j, n) in new.iter().enumerate().filter(|(j, _)| !new_done[*j]) {
            let overlap = overlap(o, n);
            if overlap >= MIN_OVERLAP {
                // Same kind and speaker break near-ties between candidates.
                let bonus =
                    0.01 * f64::from(u8::from(o.kind == n.kind) + u8::from(o.speaker == n.speaker));
                pairs.push((overlap + bonus, i, j));
            }
        }
    }
    pairs.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    for (_, i, j) in pairs {
        if !old_done[i] && !new_done[j] {
            old_done[i] = true;
            new_done[j] = true;
            p.update.push((i, j));
        }
    }
    for i in (0..old.len()).filter(|&i| !old_done[i]) {
        if worked[i] {
            p.unchanged.push(i);
        } else {
            p.remove.push(i);
        }
    }
    p.add = (0..new.len()).filter(|&j| !new_done[j]).collect();
    p.unchanged.sort_unstable();
    p.update.sort_unstable();
    p
}

fn overlap(o: &ClaimRow, n: &NewClaim) -> f64 {
    let (a0, a1) = (o.content_start, o.content_end);
    let (b0, b1) = (n.content_start, n.content_end);
    let inter = (a1.min(b1) - a0.max(b0)).max(0);
    let union = a1.max(b1) - a0.min(b0);
    if union <= 0 {
        // Two empty spans at one point are the same place.
        return f64::from(u8::from(a0 == b0));
    }
    f64::from(inter) / f64::from(union)
}

fn same_extraction(o: &ClaimRow, n: &NewClaim) -> bool {
    o.kind == n.kind
        && o.source_start == n.source_start
        && o.source_end == n.source_end
        && o.source_text == n.source_text
        && o.cue_start == n.cue_start
        && o.cue_end == n.cue_end
        && o.cue_text == n.cue_text
        && o.content_start == n.content_start
        && o.content_end == n.content_end
        && o.content_text == n.content_text
        && o.content_pieces == n.content_pieces
        && o.speaker == n.speaker
        && (o.checkworthiness - n.checkworthiness).abs() < 1e-6
}

/// Work recorded on the row itself. Rows that evidence, comments, history
/// or links point to count as worked too (see [`reextract`]).
fn has_own_work(c: &ClaimRow) -> bool {
    c.status != "unreviewed"
        || c.verdict.is_some()
        || c.verdict_note.is_some()
        || c.proposed_by.is_some()
        || c.assignee_id.is_some()
        || c.not_a_claim
        || c.origin != "extracted"
}

#[derive(AsChangeset)]
#[diesel(table_name = claims, treat_none_as_null = true)]
struct SpanChange<'a> {
    kind: &'a str,
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
            checkworthiness: n.checkworthiness,
        }
    }
}

fn span_json(
    kind: &str,
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
        &c.kind,
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
pub async fn reextract(
    conn: &mut AsyncPgConnection,
    article_id: Uuid,
    actor: Option<Uuid>,
    fresh: &[Claim],
) -> Result<ReextractCounts, StoreError> {
    conn.transaction::<_, StoreError, _>(async |conn| {
        // The row lock serialises concurrent re-extractions of one article.
        let article: Article = articles::table
            .find(article_id)
            .filter(articles::deleted_at.is_null())
            .for_update()
            .select(Article::as_select())
            .first(conn)
            .await?;
        let old = super::claims::for_article(conn, article.id).await?;
        let ids: Vec<Uuid> = old.iter().map(|c| c.id).collect();
        let referenced = referenced_claims(conn, &ids).await?;
        let worked: Vec<bool> = old.iter().map(|c| has_own_work(c) || referenced.contains(&c.id)).collect();
        let mut new: Vec<NewClaim> = fresh
            .iter()
            .map(|c| NewClaim::from_extracted(article.id, 0, c))
            .collect();
        let plan = plan(&old, &worked, &new);

        let removed: Vec<Uuid> = plan.remove.iter().map(|&i| old[i].id).collect();
        if !removed.is_empty() {
            diesel::delete(claims::table.filter(claims::id.eq_any(&removed))).execute(conn).await?;
        }
        for &i in &plan.remove {
            events::record(conn, NewEvent {
                article_id,
                claim_id: None,
                actor_id: actor,
                action: "claim_removed",
                before: Some(old_json(&old[i])),
                after: None,
            })
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
            events::record(conn, NewEvent {
                article_id,
                claim_id: Some(old[i].id),
                actor_id: actor,
                action: "claim_reextracted",
                before: Some(old_json(&old[i])),
                after: Some(span_json(
                    new[j].kind,
                    (new[j].content_start, new[j].content_end, &new[j].content_text),
                    new[j].speaker.as_deref(),
                    new[j].source_text.as_deref(),
                    new[j].cue_text.as_deref(),
                )),
            })
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
            (*s, *e, *tie, match slot {
                Slot::Old(i) => old[*i].ordinal,
                Slot::New(j) => *j as i32,
            })
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
            diesel::insert_into(claims::table).values(chunk.to_vec()).execute(conn).await?;
        }
        for row in &rows {
            events::record(conn, NewEvent {
                article_id,
                claim_id: None,
                actor_id: actor,
                action: "claim_added",
                before: None,
                after: Some(new_json(row)),
            })
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
            action: "article_reextracted",
            before: Some(json!({"extractor_version": article.extractor_version})),
            after: Some(json!({
                "extractor_version": extract::EXTRACTOR_VERSION,
                "kept": counts.kept, "updated": counts.updated, "added": counts.added, "removed": counts.removed,
            })),
        })
        .await?;
        Ok(counts)
    })
    .await
}

/// Claims that other rows point to (evidence, comments, history, links,
/// deleted ones included): they carry work, and deleting them would break
/// those references.
async fn referenced_claims(
    conn: &mut AsyncPgConnection,
    ids: &[Uuid],
) -> Result<HashSet<Uuid>, StoreError> {
    let mut out = HashSet::new();
    if ids.is_empty() {
        return Ok(out);
    }
    out.extend(
        evidence::table
            .filter(evidence::claim_id.eq_any(ids))
            .select(evidence::claim_id)
            .distinct()
            .load::<Uuid>(conn)
            .await?,
    );
    out.extend(
        comments::table
            .filter(comments::claim_id.eq_any(ids))
            .select(comments::claim_id)
            .distinct()
            .load::<Uuid>(conn)
            .await?,
    );
    out.extend(
        claim_events::table
            .filter(claim_events::claim_id.eq_any(ids))
            .select(claim_events::claim_id.assume_not_null())
            .distinct()
            .load::<Uuid>(conn)
            .await?,
    );
    let links: Vec<(Uuid, Uuid)> = claim_links::table
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::{ClaimKind, Pieces, Span};

    fn new_claim(start: usize, end: usize, speaker: &str) -> NewClaim {
        let c = Claim {
            kind: ClaimKind::Indirect,
            source: None,
            speaker: Some(speaker.into()),
            cue: None,
            content: Pieces::single(Span {
                start,
                end,
                text: format!("t{start}-{end}"),
            }),
            checkworthiness: 0.5,
        };
        NewClaim::from_extracted(Uuid::nil(), 0, &c)
    }

    fn old_claim(start: usize, end: usize, speaker: &str) -> ClaimRow {
        let n = new_claim(start, end, speaker);
        ClaimRow {
            id: Uuid::now_v7(),
            article_id: Uuid::nil(),
            ordinal: 0,
            kind: n.kind.into(),
            origin: "extracted".into(),
            source_start: None,
            source_end: None,
            source_text: None,
            cue_start: None,
            cue_end: None,
            cue_text: None,
            content_start: n.content_start,
            content_end: n.content_end,
            content_text: n.content_text,
            content_pieces: n.content_pieces,
            speaker: n.speaker,
            checkworthiness: n.checkworthiness,
            status: "unreviewed".into(),
            verdict: None,
            verdict_note: None,
            proposed_by: None,
            not_a_claim: false,
            assignee_id: None,
            version: 1,
            created_at: chrono::Utc::now(),
            updated_at: chrono::Utc::now(),
        }
    }

    #[test]
    fn worked_claims_follow_their_span_and_untouched_ones_are_replaced() {
        let old = vec![
            old_claim(0, 10, "A"),  // untouched, found again identically
            old_claim(20, 40, "B"), // worked, new span 20..45
            old_claim(50, 60, "C"), // worked, not found again
            old_claim(70, 80, "D"), // untouched, gone
        ];
        let worked = [false, true, true, false];
        let new = vec![
            new_claim(0, 10, "A"),
            new_claim(20, 45, "B"),
            new_claim(90, 99, "E"),
        ];
        let p = plan(&old, &worked, &new);
        assert_eq!(p.unchanged, vec![0, 2]);
        assert_eq!(p.update, vec![(1, 1)]);
        assert_eq!(p.remove, vec![3]);
        assert_eq!(p.add, vec![2]);
    }

    #[test]
    fn a_worked_claim_takes_the_best_overlapping_new_claim() {
        let old = vec![old_claim(10, 30, "A")];
        // 0..15 overlaps by 5/30; 12..30 by 18/20.
        let new = vec![new_claim(0, 15, "A"), new_claim(12, 30, "A")];
        let p = plan(&old, &[true], &new);
        assert_eq!(p.update, vec![(0, 1)]);
        assert_eq!(p.add, vec![0]);
        // Too little overlap: kept as it was, the new one added beside it.
        let p = plan(&old, &[true], &[new_claim(28, 60, "A")]);
        assert_eq!((p.unchanged, p.update, p.add), (vec![0], vec![], vec![0]));
    }
}
