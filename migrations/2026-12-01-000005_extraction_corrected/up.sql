-- A person corrected the claim's kind, a span or its speaker: re-extraction
-- keeps the claim exactly as corrected.
ALTER TABLE claims ADD COLUMN extraction_corrected boolean NOT NULL DEFAULT false;

-- Corrections made before this column: review edits whose history shows an
-- extraction field changing (re-extraction's own moves excluded).
UPDATE claims SET extraction_corrected = true
WHERE id IN (
    SELECT claim_id FROM claim_events
    WHERE claim_id IS NOT NULL
      AND action IN ('review_started', 'verdict_proposed', 'verdict_approved', 'reopened',
                     'proposal_withdrawn', 'review_reset', 'marked_not_a_claim',
                     'unmarked_not_a_claim', 'extraction_corrected', 'verdict_edited',
                     'assigned', 'claim_updated')
      AND after ?| ARRAY['kind', 'source_start', 'source_end', 'cue_start', 'cue_end',
                         'content_start', 'content_end', 'speaker']
);
