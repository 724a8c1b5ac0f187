DROP INDEX claims_overview_idx;
