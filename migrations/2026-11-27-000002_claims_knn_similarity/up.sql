-- Claim matching asks for the k nearest contents, not for every content over
-- a similarity threshold: on a large store the threshold scan rechecks
-- hundreds of thousands of rows whenever a claim uses common words, while a
-- GiST trigram index answers nearest-first (`<->`) and stops after k.
CREATE INDEX claims_content_trgm_gist_idx ON claims USING gist (content_text gist_trgm_ops);
DROP INDEX claims_content_trgm_idx;
