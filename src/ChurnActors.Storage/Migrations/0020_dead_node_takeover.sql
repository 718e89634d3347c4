-- Recovery of a dead silo by the survivors. Each node records in ingest_checkpoints up to which log sequence its events
-- are in persisted grain state; when the node dies, the customers with events beyond that checkpoint may hold
-- acknowledged events only in the log. When the membership table shows the node's latest process dead (status 6),
-- exactly one surviving silo claims the node's checkpoint row for that process (takeover_generation, the membership
-- generation of the dead process), catches up every customer with events beyond the checkpoint, writes their state,
-- and marks the takeover finished: applied_through moves to the end of what it caught up, so the dead node's next
-- start has nothing of it left to replay. A claim whose silo dies before it finishes expires at takeover_until and
-- another survivor claims it; until a takeover finishes, the checkpoint stays where the dead node left it, so a restart
-- of the node still recovers everything. Times come from the server's clock.

ALTER TABLE ingest_checkpoints
    ADD COLUMN IF NOT EXISTS takeover_generation integer     NULL,  -- the dead process (membership generation) claimed
    ADD COLUMN IF NOT EXISTS takeover_by         text        NULL,  -- node name of the survivor that claimed it
    ADD COLUMN IF NOT EXISTS takeover_until      timestamptz NULL,  -- the claim's lease, while it runs
    ADD COLUMN IF NOT EXISTS takeover_dead_at    timestamptz NULL,  -- the dead process's last heartbeat
    ADD COLUMN IF NOT EXISTS takeover_started_at timestamptz NULL,
    ADD COLUMN IF NOT EXISTS taken_over_at       timestamptz NULL,  -- when it finished; NULL while it runs
    ADD COLUMN IF NOT EXISTS taken_over_from     bigint      NULL,  -- the checkpoint it started from
    ADD COLUMN IF NOT EXISTS taken_over_through  bigint      NULL,  -- the log sequence it caught up through
    ADD COLUMN IF NOT EXISTS taken_over_customers integer    NULL;  -- customers it caught up
