//! Speakers across the store: the stored spellings of one speaker's name,
//! and claim counts per spelling for the speaker list.

use super::StoreError;
use crate::review::Status;
use diesel::QueryableByName;
use diesel_async::{AsyncPgConnection, RunQueryDsl};

#[derive(QueryableByName)]
struct SpeakerName {
    #[diesel(sql_type = diesel::sql_types::Text)]
    name: String,
    /// The type most of this name's claims carry.
    #[diesel(sql_type = diesel::sql_types::Nullable<diesel::sql_types::Text>)]
    speaker_type: Option<String>,
}

/// The name forms (lower case) that name the same speaker as `name`:
/// "putin", "vladimir putin" and "russian president vladimir putin" for
/// any of them. Candidates share the last word (an index finds them); the
/// domain's rule (`review::speakers`) groups them, by name and type.
pub async fn speaker_forms(
    conn: &mut AsyncPgConnection,
    name: &str,
) -> Result<Vec<String>, StoreError> {
    use diesel::sql_types::Text;
    let candidates: Vec<SpeakerName> = diesel::sql_query(
        "SELECT lower(speaker) AS name, mode() WITHIN GROUP (ORDER BY speaker_type) AS speaker_type \
         FROM claims \
         WHERE speaker IS NOT NULL \
           AND lower(regexp_replace(speaker, '^.*\\s', '')) = $1 \
         GROUP BY lower(speaker)",
    )
    .bind::<Text, _>(crate::review::speakers::last_word(name))
    .load(conn)
    .await?;
    let candidates: Vec<(String, Option<String>)> = candidates
        .into_iter()
        .map(|c| (c.name, c.speaker_type))
        .collect();
    Ok(crate::review::speakers::forms_of(name, &candidates))
}

/// Claim counts of one speaker for one (status, verdict) pair.
#[derive(Debug, Clone, QueryableByName)]
pub struct SpeakerCount {
    #[diesel(sql_type = diesel::sql_types::Text)]
    pub speaker: String,
    #[diesel(sql_type = diesel::sql_types::Text)]
    pub status: Status,
    #[diesel(sql_type = diesel::sql_types::Nullable<diesel::sql_types::Text>)]
    pub verdict: Option<String>,
    #[diesel(sql_type = diesel::sql_types::Nullable<diesel::sql_types::Text>)]
    pub speaker_type: Option<String>,
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    pub n: i64,
}

/// Claim counts per speaker spelling, status and verdict, in one GROUP BY
/// (the API folds the forms of one speaker together). Claims marked
/// not-a-claim and claims of deleted articles are not counted.
pub async fn speaker_counts(conn: &mut AsyncPgConnection) -> Result<Vec<SpeakerCount>, StoreError> {
    Ok(diesel::sql_query(
        "SELECT c.speaker, c.status, c.verdict, c.speaker_type, count(*) AS n \
         FROM claims c JOIN articles a ON a.id = c.article_id \
         WHERE c.speaker IS NOT NULL AND a.deleted_at IS NULL AND NOT c.not_a_claim \
         GROUP BY c.speaker, c.status, c.verdict, c.speaker_type \
         ORDER BY c.speaker, c.status, c.verdict, c.speaker_type",
    )
    .load(conn)
    .await?)
}
