-- Who did something on a case's timeline or a deadline clock is a stamp, like audit_events.actor_id: people
-- are never deleted (only deactivated), and these logs are append-only. Checking the stamp against users on
-- every row cost a lookup per entry on the busiest write (a new case writes five timeline entries and four
-- clock events); the stamps stay indexed where they are searched.
ALTER TABLE case_events DROP CONSTRAINT case_events_actor_id_fkey;
ALTER TABLE clock_events DROP CONSTRAINT clock_events_actor_id_fkey;
