-- The log writer copies events straight into `events` (no staging table, no INSERT ... SELECT), which needs three
-- changes measured to matter on the write path (docs/storage.md):
--
-- 1. Sequence numbers are handed out by the writer under a lock on the single `event_log_head` row, held until its
--    commit. Commits therefore take their numbers in commit order, whichever node writes: a reader that has seen
--    sequence n has seen every committed event below n.
ALTER TABLE events ALTER COLUMN seq DROP IDENTITY IF EXISTS;

CREATE TABLE IF NOT EXISTS event_log_head (
    singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    next_seq  bigint  NOT NULL
);

INSERT INTO event_log_head (singleton, next_seq)
SELECT true, COALESCE(max(seq), 0) + 1 FROM events
ON CONFLICT (singleton) DO NOTHING;

-- 2. Properties are stored as the text the ingest already parsed and validated: re-validating them as `json` cost
--    about 2 µs per event. Cast to json or jsonb to query them.
ALTER TABLE events ALTER COLUMN properties TYPE text;

-- 3. A customer's events are found through a 64-bit hash of its key (a cheaper index than one on the text key);
--    readers match customer_key as well, so a hash collision costs a few extra rows, never a wrong one.
ALTER TABLE events ADD COLUMN IF NOT EXISTS customer_hash bigint
    GENERATED ALWAYS AS (hashtextextended(customer_key, 0)) STORED;

DROP INDEX IF EXISTS events_customer_seq;
CREATE INDEX IF NOT EXISTS events_customer_hash_seq ON events (customer_hash, seq);
