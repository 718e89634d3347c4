-- Silence is a signal: every customer has at most one pending wake-up, the moment its churn risk would next
-- cross a band boundary if nothing happens. The sweeper claims due rows in batches (oldest first) and wakes
-- those customers' grains, which rescore and schedule their next wake-up.
CREATE TABLE IF NOT EXISTS customer_wakeups (
    customer_key text        PRIMARY KEY,
    due_at       timestamptz NOT NULL
);

CREATE INDEX IF NOT EXISTS customer_wakeups_due ON customer_wakeups (due_at);
