-- Orleans ADO.NET reminders (Microsoft.Orleans.Reminders.AdoNet 10.x) on PostgreSQL 15+.
--
-- The provider (invariant "Npgsql") loads its SQL at silo start from OrleansQuery (created by 0002), by key, and
-- refuses to start unless all seven are there:
--   ReadReminderRowsKey   (@ServiceId, @GrainId)              -> every reminder of one grain.
--   ReadReminderRowKey    (@ServiceId, @GrainId, @ReminderName) -> that reminder, or no row.
--   ReadRangeRows1Key     (@ServiceId, @BeginHash, @EndHash)  -> reminders with @BeginHash < GrainHash <= @EndHash;
--                          used when the range does not wrap in SIGNED order ((int)begin < (int)end).
--   ReadRangeRows2Key     (same)                              -> GrainHash > @BeginHash OR GrainHash <= @EndHash (the
--                          range wraps round, or begin = end: the whole ring).
--   UpsertReminderRowKey  (@ServiceId, @GrainHash, @GrainId, @ReminderName, @StartTime, @Period)
--                          -> one row, column "Version": the reminder's new etag.
--   DeleteReminderRowKey  (@ServiceId, @GrainId, @ReminderName, @Version)
--                          -> one row, one column: true when the row with that etag was deleted, false otherwise.
--   DeleteReminderRowsKey (@ServiceId)                        -> deletes every reminder of the service (tests).
-- The provider passes the 32-bit uniform hashes as signed integers (an unchecked cast of the uint) and compares
-- them as such, so GrainHash is stored the same way. @Period is milliseconds, an int or a bigint; @StartTime is UTC.
-- Rows it reads need the columns "GrainId", "ReminderName", "StartTime", "Period" (read as a 64-bit integer) and
-- "Version" (the etag, an integer).

CREATE TABLE IF NOT EXISTS orleans_reminders (
    service_id    text        NOT NULL,
    grain_id      text        NOT NULL,
    reminder_name text        NOT NULL,
    grain_hash    integer     NOT NULL,
    start_time    timestamptz NOT NULL,
    period_ms     bigint      NOT NULL,
    version       integer     NOT NULL,
    PRIMARY KEY (service_id, grain_id, reminder_name)
);

-- Range reads (each silo reads the slice of the hash ring it owns).
CREATE INDEX IF NOT EXISTS orleans_reminders_by_hash ON orleans_reminders (service_id, grain_hash);

-- Insert, or replace the start and period of an existing reminder; either way a new etag (the version that follows,
-- wrapping to 1 instead of overflowing; orleans_next_grain_state_version comes from 0002).
CREATE OR REPLACE FUNCTION orleans_upsert_reminder(
    p_service_id    text,
    p_grain_hash    integer,
    p_grain_id      text,
    p_reminder_name text,
    p_start_time    timestamptz,
    p_period_ms     bigint)
    RETURNS integer
    LANGUAGE sql
AS $$
    INSERT INTO orleans_reminders AS r (service_id, grain_id, reminder_name, grain_hash, start_time, period_ms, version)
    VALUES (p_service_id, p_grain_id, p_reminder_name, p_grain_hash, p_start_time, p_period_ms, 1)
    ON CONFLICT (service_id, grain_id, reminder_name) DO UPDATE
        SET grain_hash = EXCLUDED.grain_hash,
            start_time = EXCLUDED.start_time,
            period_ms  = EXCLUDED.period_ms,
            version    = orleans_next_grain_state_version(r.version)
    RETURNING r.version
$$;

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES
('ReadReminderRowsKey', '
SELECT r.grain_id AS "GrainId", r.reminder_name AS "ReminderName", r.start_time AS "StartTime",
       r.period_ms AS "Period", r.version AS "Version"
  FROM orleans_reminders AS r
 WHERE r.service_id = @ServiceId
   AND r.grain_id = @GrainId'),
('ReadReminderRowKey', '
SELECT r.grain_id AS "GrainId", r.reminder_name AS "ReminderName", r.start_time AS "StartTime",
       r.period_ms AS "Period", r.version AS "Version"
  FROM orleans_reminders AS r
 WHERE r.service_id = @ServiceId
   AND r.grain_id = @GrainId
   AND r.reminder_name = @ReminderName'),
('ReadRangeRows1Key', '
SELECT r.grain_id AS "GrainId", r.reminder_name AS "ReminderName", r.start_time AS "StartTime",
       r.period_ms AS "Period", r.version AS "Version"
  FROM orleans_reminders AS r
 WHERE r.service_id = @ServiceId
   AND r.grain_hash > @BeginHash
   AND r.grain_hash <= @EndHash'),
('ReadRangeRows2Key', '
SELECT r.grain_id AS "GrainId", r.reminder_name AS "ReminderName", r.start_time AS "StartTime",
       r.period_ms AS "Period", r.version AS "Version"
  FROM orleans_reminders AS r
 WHERE r.service_id = @ServiceId
   AND (r.grain_hash > @BeginHash OR r.grain_hash <= @EndHash)'),
('UpsertReminderRowKey', '
SELECT orleans_upsert_reminder(@ServiceId, @GrainHash, @GrainId, @ReminderName, @StartTime, @Period) AS "Version"'),
('DeleteReminderRowKey', '
WITH deleted AS (
    DELETE FROM orleans_reminders AS r
     WHERE r.service_id = @ServiceId
       AND r.grain_id = @GrainId
       AND r.reminder_name = @ReminderName
       AND r.version = @Version
    RETURNING 1)
SELECT EXISTS (SELECT 1 FROM deleted) AS "Deleted"'),
('DeleteReminderRowsKey', '
DELETE FROM orleans_reminders WHERE service_id = @ServiceId')
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText;
