CREATE INDEX claims_content_trgm_idx ON claims USING gin (content_text gin_trgm_ops);
DROP INDEX claims_content_trgm_gist_idx;
