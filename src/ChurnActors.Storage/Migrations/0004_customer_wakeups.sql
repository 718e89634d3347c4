-- Silence is a signal: every customer has at most one pending wake-up, the moment its churn risk would next
-- cross a band boundary if nothing happens. The sweeper claims due rows in batches (oldest first) and wakes
-- those customers' grains, which rescore and schedule their next wake-up.
--
-- A claim only sets claimed_until (not indexed, and the pages keep room for it), so PostgreSQL updates the row in
-- place without touching an index; the woken customer's reschedule then moves due_at and clears the claim.
CREATE TABLE IF NOT EXISTS customer_wakeups (
    customer_key  text        PRIMARY KEY,
    due_at        timestamptz NOT NULL,
    claimed_until timestamptz NULL
) WITH (fillfactor = 70);

CREATE INDEX IF NOT EXISTS customer_wakeups_due ON customer_wakeups (due_at);
