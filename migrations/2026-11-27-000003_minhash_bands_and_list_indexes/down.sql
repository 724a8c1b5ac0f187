DROP INDEX articles_deleted_idx;
DROP INDEX claims_status_search_idx;
DROP EXTENSION IF EXISTS btree_gin;
DROP INDEX claims_match_bands_idx;
ALTER TABLE claims DROP COLUMN match_bands;
DROP FUNCTION claim_match_bands(tsvector);
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
