ALTER TABLE claims DROP COLUMN verdict_by;
