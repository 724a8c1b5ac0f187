//! Speakers: who said what, and how it checked out.

use super::auth::{Auth, Viewer};
use super::error::ApiError;
use super::error::ErrorBody;
use super::paging::{self, SpeakerQuery};
use super::state::AppState;
use crate::review::{Status, speakers};
use crate::store::speakers::{self as store_speakers, SpeakerCount};
use actix_web::{HttpResponse, web};
use serde::Serialize;
use std::collections::BTreeMap;

/// One speaker (all forms of their name) and their claims by status and
/// verdict.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct SpeakerStats {
    /// The name shown: the form used most among those of two words or
    /// more ("Vladimir Putin" rather than "Putin").
    pub speaker: String,
    /// Every form of the name counted here, as written; filtering by any
    /// of them selects all of them.
    pub names: Vec<String>,
    /// person, organisation or group: the type most of their claims carry
    /// (null when none is typed).
    #[schema(schema_with = super::schemas::speaker_type)]
    pub speaker_type: Option<String>,
    pub claims: i64,
    /// Every status, zero included.
    pub by_status: BTreeMap<String, i64>,
    /// Claims by verdict label, drafts not yet proposed included; claims
    /// without a verdict are not here.
    pub by_verdict: BTreeMap<String, i64>,
}

/// Folds per-(speaker, status, verdict) counts into one entry per speaker,
/// most claims first. Name forms of one speaker are one entry
/// (`review::speakers::group`): a person's forms never fold into an
/// organisation's.
pub fn fold(rows: Vec<SpeakerCount>) -> Vec<SpeakerStats> {
    // Claims per spelling, then spellings per group.
    let mut per_name: BTreeMap<String, i64> = BTreeMap::new();
    let mut name_types: BTreeMap<(&str, &str), i64> = BTreeMap::new();
    for r in &rows {
        *per_name.entry(r.speaker.clone()).or_default() += r.n;
        if let Some(t) = &r.speaker_type {
            *name_types.entry((&r.speaker, t)).or_default() += r.n;
        }
    }
    let spellings: Vec<String> = per_name.keys().cloned().collect();
    // Each spelling's most common type keeps a person apart from an
    // organisation whose name ends the same way.
    let type_of = most_common(name_types.iter().map(|(&k, &n)| (k, n)));
    let types: Vec<Option<&str>> = spellings
        .iter()
        .map(|s| type_of.get(s.as_str()).copied())
        .collect();
    let groups = speakers::group(&spellings, &types);
    let group_of: BTreeMap<&str, usize> = spellings
        .iter()
        .zip(&groups)
        .map(|(n, g)| (n.as_str(), *g))
        .collect();
    // And each speaker's, over all their spellings.
    let group_type: BTreeMap<usize, String> = most_common(
        name_types
            .iter()
            .map(|(&(name, t), &n)| ((group_of[name], t), n)),
    )
    .into_iter()
    .map(|(g, t)| (g, t.to_owned()))
    .collect();
    let mut by_group: BTreeMap<usize, SpeakerStats> = BTreeMap::new();
    for r in rows {
        let entry = by_group
            .entry(group_of[r.speaker.as_str()])
            .or_insert_with(|| SpeakerStats {
                speaker: String::new(),
                names: Vec::new(),
                speaker_type: None,
                claims: 0,
                by_status: Status::ALL
                    .iter()
                    .map(|s| (s.as_str().to_owned(), 0))
                    .collect(),
                by_verdict: BTreeMap::new(),
            });
        if !entry.names.contains(&r.speaker) {
            entry.names.push(r.speaker.clone());
        }
        entry.claims += r.n;
        *entry
            .by_status
            .entry(r.status.as_str().to_owned())
            .or_default() += r.n;
        if let Some(v) = r.verdict {
            *entry.by_verdict.entry(v).or_default() += r.n;
        }
    }
    for (g, t) in group_type {
        if let Some(entry) = by_group.get_mut(&g) {
            entry.speaker_type = Some(t);
        }
    }
    let mut out: Vec<SpeakerStats> = by_group.into_values().collect();
    for s in &mut out {
        s.names.sort();
        s.speaker = s
            .names
            .iter()
            .max_by_key(|n| {
                let words = n.split_whitespace().count();
                (words >= 2, per_name[*n], std::cmp::Reverse(words))
            })
            .cloned()
            .unwrap_or_default();
    }
    out.sort_by(|a, b| {
        b.claims
            .cmp(&a.claims)
            .then_with(|| a.speaker.cmp(&b.speaker))
    });
    out
}

/// For each key, the speaker type with the most claims (the first in
/// order on a tie), from (key, type) counts.
fn most_common<'a, K: Ord>(
    counts: impl IntoIterator<Item = ((K, &'a str), i64)>,
) -> BTreeMap<K, &'a str> {
    let mut sums: BTreeMap<(K, &'a str), i64> = BTreeMap::new();
    for (k, n) in counts {
        *sums.entry(k).or_default() += n;
    }
    let mut best: BTreeMap<K, (i64, &'a str)> = BTreeMap::new();
    for ((k, t), n) in sums {
        let b = best.entry(k).or_insert((0, t));
        if n > b.0 {
            *b = (n, t);
        }
    }
    best.into_iter().map(|(k, (_, t))| (k, t)).collect()
}

/// Every speaker with claim counts by status and by verdict (claims marked
/// not-a-claim are not counted).
/// Most claims first; the cursor is the last speaker seen (the list is
/// folded from one GROUP BY, so a page is a window on it).
#[utoipa::path(get, path = "/speakers", tag = "claims", params(SpeakerQuery),
    responses(
        (status = 200, body = SpeakerPage),
        (status = 401, body = ErrorBody),
        (status = 422, body = ErrorBody, description = "invalid_limit, invalid_cursor, invalid_query"),
    ))]
pub async fn list(
    state: web::Data<AppState>,
    _auth: Auth<Viewer>,
    query: web::Query<SpeakerQuery>,
) -> Result<HttpResponse, ApiError> {
    let page = paging::parse::<String>(
        query.after.as_deref(),
        query.limit.as_deref(),
        DEFAULT_LIMIT,
        MAX_LIMIT,
    )?;
    let mut conn = state.conn().await?;
    let all = fold(store_speakers::speaker_counts(&mut conn).await?);
    // A cursor naming a speaker who is no longer listed (their claims were
    // dismissed or deleted meanwhile) ends the list rather than failing it.
    let start = match &page.after {
        None => 0,
        Some(after) => {
            let key = after.to_lowercase();
            all.iter()
                .position(|s| s.speaker.to_lowercase() == key)
                .map_or(all.len(), |i| i + 1)
        }
    };
    let mut items: Vec<SpeakerStats> = all
        .into_iter()
        .skip(start)
        .take(page.limit as usize + 1)
        .collect();
    let next_cursor = paging::finish(&mut items, page.limit, |s| s.speaker.clone());
    Ok(HttpResponse::Ok().json(SpeakerPage { items, next_cursor }))
}

const DEFAULT_LIMIT: i64 = 100;
const MAX_LIMIT: i64 = 500;

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct SpeakerPage {
    pub items: Vec<SpeakerStats>,
    /// Pass as `after` for the next page; null on the last page.
    pub next_cursor: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(speaker: &str, status: &str, verdict: Option<&str>, n: i64) -> SpeakerCount {
        SpeakerCount {
            speaker: speaker.into(),
            status: Status::parse(status).unwrap(),
            verdict: verdict.map(Into::into),
            speaker_type: Some("person".into()),
            n,
        }
    }

    #[test]
    fn name_forms_of_one_speaker_are_one_entry_under_their_usual_full_name() {
        let out = fold(vec![
            row("Putin", "unreviewed", None, 5),
            row("Vladimir Putin", "approved", Some("false"), 2),
            row("Russian President Vladimir Putin", "unreviewed", None, 1),
            row("Lee", "unreviewed", None, 1),
            row("Ann Lee", "unreviewed", None, 1),
            row("Bo Lee", "unreviewed", None, 1),
        ]);
        assert_eq!(out[0].speaker, "Vladimir Putin");
        assert_eq!(out[0].claims, 8);
        assert_eq!(out[0].speaker_type.as_deref(), Some("person"));
        assert_eq!(
            out[0].names,
            [
                "Putin",
                "Russian President Vladimir Putin",
                "Vladimir Putin"
            ]
        );
        assert_eq!(out[0].by_verdict.get("false"), Some(&2));
        // "Lee" could be either Lee: three entries.
        assert_eq!(out.len(), 4);
    }

    #[test]
    fn a_person_does_not_fold_into_an_organisation_of_the_same_name() {
        let mut ford = row("Ford", "unreviewed", None, 3);
        ford.speaker_type = Some("organisation".into());
        let out = fold(vec![ford, row("Gerald Ford", "approved", Some("true"), 1)]);
        assert_eq!(out.len(), 2);
        assert_eq!(out[0].speaker, "Ford");
        assert_eq!(out[0].speaker_type.as_deref(), Some("organisation"));
        assert_eq!(out[1].names, ["Gerald Ford"]);
    }

    #[test]
    fn folds_rows_per_speaker_case_insensitively() {
        let out = fold(vec![
            row("Ann Lee", "approved", Some("false"), 2),
            row("ann lee", "unreviewed", None, 1),
            row("Bo Diaz", "in_progress", Some("true"), 4),
        ]);
        assert_eq!(out.len(), 2);
        assert_eq!(out[0].speaker, "Bo Diaz");
        assert_eq!(out[1].speaker, "Ann Lee");
        assert_eq!(out[1].claims, 3);
        assert_eq!(out[1].by_status["approved"], 2);
        assert_eq!(out[1].by_status["unreviewed"], 1);
        assert_eq!(out[1].by_status["verdict_proposed"], 0);
        assert_eq!(out[1].by_verdict.get("false"), Some(&2));
        assert_eq!(out[1].by_verdict.len(), 1);
    }
}
