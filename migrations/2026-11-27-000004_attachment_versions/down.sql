ALTER TABLE comments DROP COLUMN version;
ALTER TABLE evidence DROP COLUMN version;
