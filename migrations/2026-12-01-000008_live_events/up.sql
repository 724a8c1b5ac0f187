-- Every history event is announced on the channel `claimdesk_events` when
-- its transaction commits (NOTIFY is transactional: a rolled-back write
-- announces nothing). Each instance LISTENs once and feeds its browsers'
-- event streams, so a change made through any instance reaches all of them.
-- The payload stays far below NOTIFY's 8000-byte limit: ids, the action and
-- the actor's name (at most 200 characters).
CREATE FUNCTION claim_events_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('claimdesk_events', json_build_object(
        'id', NEW.id,
        'article_id', NEW.article_id,
        'claim_id', NEW.claim_id,
        'action', NEW.action,
        'actor_id', NEW.actor_id,
        'actor_name', (SELECT name FROM users WHERE id = NEW.actor_id)
    )::text);
    RETURN NULL;
END $$;

CREATE TRIGGER claim_events_announce AFTER INSERT ON claim_events
    FOR EACH ROW EXECUTE FUNCTION claim_events_notify();
