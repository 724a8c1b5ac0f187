-- An article's claims in reading order straight from the index, ids
-- included: a report numbers the claims of every article it touches this
-- way (index-only, no sort), and GET /articles/{id} pages by it.
CREATE INDEX claims_reading_order_idx ON claims (article_id, content_start, ordinal) INCLUDE (id);
