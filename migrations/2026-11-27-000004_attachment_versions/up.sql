-- Optimistic locking for evidence and comments, like claims: an edit or a
-- delete may name the version it read (If-Match) and is refused with 409 if
-- the row moved on.
ALTER TABLE evidence ADD COLUMN version integer NOT NULL DEFAULT 1 CHECK (version >= 1);
ALTER TABLE comments ADD COLUMN version integer NOT NULL DEFAULT 1 CHECK (version >= 1);
