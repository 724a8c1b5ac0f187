-- Who last set the verdict or its note. Self-approval is judged against
-- this as well as the proposer: otherwise an editor could write the verdict,
-- let a checker move the claim to verdict_proposed untouched, and approve
-- their own verdict. Before this column the proposer was the best record of
-- who shaped a proposed verdict.
ALTER TABLE claims ADD COLUMN verdict_by uuid REFERENCES users (id);
UPDATE claims SET verdict_by = proposed_by WHERE proposed_by IS NOT NULL;
