DROP INDEX claims_reading_order_idx;
