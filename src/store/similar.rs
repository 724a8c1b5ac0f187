//! Claims of other articles that make the same assertion: candidates from
//! MinHash bands, ranked by trigram similarity, the same speaker boosted.

use super::StoreError;
use super::claims::ClaimRow;
use crate::review::ClaimId;
use diesel::prelude::*;
use diesel_async::{AsyncPgConnection, RunQueryDsl};

/// A claim from another article that reads like the one asked about.
#[derive(Debug, Clone, QueryableByName)]
pub struct SimilarHit {
    #[diesel(sql_type = diesel::sql_types::Uuid)]
    pub id: ClaimId,
    /// pg_trgm similarity of the contents, in [0, 1].
    #[diesel(sql_type = diesel::sql_types::Float4)]
    pub similarity: f32,
    #[diesel(sql_type = diesel::sql_types::Bool)]
    pub same_speaker: bool,
    /// Similarity plus `SAME_SPEAKER_BOOST` when the speakers match.
    #[diesel(sql_type = diesel::sql_types::Float4)]
    pub score: f32,
}

/// Enough to lift a same-speaker hit over a slightly closer wording by
/// someone else, not enough to make an unrelated claim rank.
pub const SAME_SPEAKER_BOOST: f32 = 0.15;

/// How similar two contents must be (pg_trgm similarity) to count as the
/// same assertion; pg_trgm's own default threshold.
pub const MIN_SIMILARITY: f32 = 0.3;

/// Claims of other live articles that share a match band with `claim`
/// (MinHash bands, see migration `2026-11-27-000003`: claims sharing most
/// of their words) and are trigram-similar to it, best first, same speaker boosted.
/// The band lookup keeps the candidates few however large the store grows.
pub async fn similar(
    conn: &mut AsyncPgConnection,
    claim: &ClaimRow,
    limit: i64,
) -> Result<Vec<SimilarHit>, StoreError> {
    use diesel::sql_types::{BigInt, Float4, Nullable, Text, Uuid as SqlUuid};
    // `review::speakers::same_speaker` in SQL: equal ignoring case, or one
    // name is the other's last word or words ("Putin", "Vladimir Putin"),
    // and the speaker types agree (`review::speakers::group`).
    const SAME: &str = "((lower(c.speaker) = lower($2) \
        OR right(lower(c.speaker), length($2) + 1) = ' ' || lower($2) \
        OR right(lower($2), length(c.speaker) + 1) = ' ' || lower(c.speaker)) \
        AND (c.speaker_type IS NULL OR $8::text IS NULL OR c.speaker_type = $8))";
    Ok(diesel::sql_query(
        "SELECT c.id, similarity(c.content_text, $1) AS similarity, \
                coalesce(SAME, false) AS same_speaker, \
                (similarity(c.content_text, $1) \
                 + CASE WHEN SAME THEN $3 ELSE 0 END)::real AS score \
         FROM claims c \
         WHERE c.match_bands && (SELECT match_bands FROM claims WHERE id = $6) \
               AND c.article_id <> $4 AND NOT c.not_a_claim \
               AND c.article_id NOT IN (SELECT id FROM articles WHERE deleted_at IS NOT NULL) \
               AND similarity(c.content_text, $1) >= $7 \
         ORDER BY score DESC, c.id \
         LIMIT $5"
            .replace("SAME", SAME),
    )
    .bind::<Text, _>(&claim.content_text)
    .bind::<Nullable<Text>, _>(claim.speaker.as_deref().map(str::trim))
    .bind::<Float4, _>(SAME_SPEAKER_BOOST)
    .bind::<SqlUuid, _>(claim.article_id)
    .bind::<BigInt, _>(limit)
    .bind::<SqlUuid, _>(claim.id)
    .bind::<Float4, _>(MIN_SIMILARITY)
    .bind::<Nullable<Text>, _>(claim.speaker_type.as_deref())
    .load(conn)
    .await?)
}
