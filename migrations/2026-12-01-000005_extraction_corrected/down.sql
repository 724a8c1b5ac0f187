ALTER TABLE claims DROP COLUMN extraction_corrected;
