-- A speaker's other name forms ("Putin", "Vladimir Putin") share its last
-- word: the speaker filter finds them through this index
-- (`store::claims::speaker_forms`), then groups them by the domain's rule.
CREATE INDEX claims_speaker_last_word_idx
    ON claims (lower(regexp_replace(speaker, '^.*\s', '')))
    WHERE speaker IS NOT NULL;
