-- The audit chain is linked after commit by one chainer at a time (platform/audit.ts#chainAudit), not under
-- a lock held by every writing transaction: a new event is written with no hash, and the chainer gives it
-- its place in the chain (chain_pos), the hash of the event before it and its own hash — once. Nothing else
-- about an event can ever change.
ALTER TABLE audit_events ALTER COLUMN prev_hash DROP NOT NULL;
ALTER TABLE audit_events ALTER COLUMN hash DROP NOT NULL;
ALTER TABLE audit_events ADD COLUMN chain_pos bigint;
-- Events written before this migration were chained in seq order.
DROP TRIGGER audit_events_no_update ON audit_events;
UPDATE audit_events SET chain_pos = seq;
CREATE UNIQUE INDEX audit_events_chain_pos_key ON audit_events (chain_pos);
CREATE INDEX audit_events_unchained_idx ON audit_events (seq) WHERE hash IS NULL;

CREATE FUNCTION audit_events_chain_once() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND OLD.hash IS NULL AND NEW.hash IS NOT NULL AND NEW.prev_hash IS NOT NULL
     AND OLD.chain_pos IS NULL AND NEW.chain_pos IS NOT NULL
     AND NEW.seq = OLD.seq AND NEW.at = OLD.at AND NEW.actor_id IS NOT DISTINCT FROM OLD.actor_id
     AND NEW.actor_label = OLD.actor_label AND NEW.action = OLD.action
     AND NEW.entity_type = OLD.entity_type AND NEW.entity_id = OLD.entity_id
     AND NEW.before IS NOT DISTINCT FROM OLD.before AND NEW.after IS NOT DISTINCT FROM OLD.after
     AND NEW.request_id IS NOT DISTINCT FROM OLD.request_id THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'audit_events is append-only';
END;
$$;
CREATE TRIGGER audit_events_no_update BEFORE UPDATE OR DELETE ON audit_events
  FOR EACH ROW EXECUTE FUNCTION audit_events_chain_once();
