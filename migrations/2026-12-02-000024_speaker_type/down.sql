ALTER TABLE claims DROP COLUMN speaker_resolved, DROP COLUMN speaker_type;
