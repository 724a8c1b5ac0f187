-- Measured on 1,000,000 claims (BENCHMARKS.md): the bottom-4 pair bands of
-- the previous migration let common words dominate (a frequent lexeme with a
-- low hash sits in most claims' lowest four), so a claim's band neighbours
-- ran to 15,000 rows and /similar to a second. Proper MinHash replaces them:
-- 50 independent hash functions, each keeping its lowest lexeme hash, in 10
-- bands of 5. Two claims share a band with probability 1 - (1 - J^5)^10 for
-- word-set Jaccard J: 0.997 at J = 0.85 (one word changed in a sentence),
-- 0.27 at 0.5, 0.02 at 0.3. Candidates per claim fell to about ten.
DROP INDEX claims_match_bands_idx;
ALTER TABLE claims DROP COLUMN match_bands;
DROP FUNCTION claim_match_bands(tsvector);
CREATE FUNCTION claim_match_bands(doc tsvector) RETURNS bigint[]
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT coalesce(array_agg(band ORDER BY b), '{}') FROM (
        SELECT s / 5 AS b, hashtextextended(string_agg(m::text, ':' ORDER BY s), s / 5) AS band
        FROM (SELECT s, min(hashtextextended(l, s)) AS m
              FROM unnest(tsvector_to_array(doc)) AS l, generate_series(0, 49) AS s
              GROUP BY s) AS minima
        GROUP BY s / 5) AS bands
$$;
ALTER TABLE claims ADD COLUMN match_bands bigint[]
    GENERATED ALWAYS AS (claim_match_bands(to_tsvector('english', content_text))) STORED;
CREATE INDEX claims_match_bands_idx ON claims USING gin (match_bands);

-- The review queue's commonest search, a status plus words: one GIN index
-- over both answers rare combinations from the index alone, where the
-- separate indexes made PostgreSQL walk the primary key filtering rows.
CREATE EXTENSION IF NOT EXISTS btree_gin;
CREATE INDEX claims_status_search_idx ON claims USING gin (status, search);

-- Lists exclude claims of deleted articles by an anti-join against this
-- (small) set rather than a join with every live article.
CREATE INDEX articles_deleted_idx ON articles (id) WHERE deleted_at IS NOT NULL;
