-- What kind of speaker a source names, and whether the name is the source
-- as written because no antecedent was found (extractor version 6).
ALTER TABLE claims
    ADD COLUMN speaker_type text
        CHECK (speaker_type IN ('person', 'organisation', 'group')),
    ADD COLUMN speaker_resolved boolean NOT NULL DEFAULT true;
