-- The start page counts live claims by status and verdict on every visit.
-- With this index the count reads the index alone (about 0.2 s for a
-- million claims instead of 0.8 s reading the table).
CREATE INDEX claims_overview_idx ON claims (status, verdict, article_id) WHERE NOT not_a_claim;
