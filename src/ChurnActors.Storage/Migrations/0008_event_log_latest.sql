-- The log head keeps the latest occurred_at the log holds, so training learns where the log ends with one row read
-- instead of a scan of every event (no index on occurred_at: each index costs the ingest path). The log writer raises
-- it in the same statement that reserves its sequence numbers, so it commits or rolls back with the events.
ALTER TABLE event_log_head ADD COLUMN IF NOT EXISTS latest_occurred_at timestamptz NULL;

-- One scan here, at migration time, for a log written before this column existed.
UPDATE event_log_head SET latest_occurred_at = (SELECT max(occurred_at) FROM events)
 WHERE latest_occurred_at IS NULL;
