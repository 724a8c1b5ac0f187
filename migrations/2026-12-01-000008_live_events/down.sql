DROP TRIGGER claim_events_announce ON claim_events;
DROP FUNCTION claim_events_notify();
