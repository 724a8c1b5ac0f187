CREATE INDEX claims_content_trgm_idx ON claims USING gin (content_text gin_trgm_ops);
DROP INDEX claims_match_bands_idx;
ALTER TABLE claims DROP COLUMN match_bands;
DROP FUNCTION claim_match_bands(tsvector);
