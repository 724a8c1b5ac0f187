-- Claim matching: the same assertion reported by several outlets. Scanning
-- for trigram similarity over every claim costs time in proportion to the
-- store (common words and trigrams are everywhere), so each claim carries a
-- small locality-sensitive fingerprint instead: its four lowest-hashing
-- lexemes, taken in pairs (6 bands). Claims that share most of their words
-- share bands; unrelated claims almost never do. A GIN index finds the few
-- claims sharing a band, and only those are ranked by trigram similarity.
-- Generated, so every write path keeps it in step with content_text.
CREATE FUNCTION claim_match_bands(doc tsvector) RETURNS bigint[]
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    WITH lowest AS (
        SELECT h, row_number() OVER (ORDER BY h) AS r
        FROM (SELECT DISTINCT hashtextextended(l, 7) AS h FROM unnest(tsvector_to_array(doc)) AS l) AS x
        ORDER BY h
        LIMIT 4)
    SELECT coalesce(array_agg(hashtextextended(a.h::text || ':' || b.h::text, 7) ORDER BY a.r, b.r), '{}')
    FROM lowest AS a JOIN lowest AS b ON a.r < b.r
$$;

ALTER TABLE claims ADD COLUMN match_bands bigint[]
    GENERATED ALWAYS AS (claim_match_bands(to_tsvector('english', content_text))) STORED;
CREATE INDEX claims_match_bands_idx ON claims USING gin (match_bands);
-- The trigram index served the old threshold scan; nothing else reads it.
DROP INDEX claims_content_trgm_idx;
