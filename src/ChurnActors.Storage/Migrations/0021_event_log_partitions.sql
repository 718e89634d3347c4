-- The log head is split into partitions, so log writers on different silos commit without waiting for each other.
--
-- A commit locks the rows of the partitions its customers belong to (partition = FNV-1a of the customer key modulo 64,
-- computed by the writer) instead of the one event_log_head row. Per customer, commits still happen one after another,
-- so each customer's events keep their order and their link to the previous one; commits of different partitions
-- run side by side. `writer` names the writer (a random id per writer process) that committed into the partition
-- last: a writer that finds its own id knows no other writer touched the partition's customers since, and trusts
-- what it remembers of them. A commit rewrites only the rows whose writer changes, plus one row whose
-- latest_occurred_at it raises, so a writer that keeps its partitions updates one row per commit.
CREATE TABLE IF NOT EXISTS event_log_partitions (
    partition          integer     PRIMARY KEY CHECK (partition >= 0 AND partition < 64),
    writer             uuid        NULL,
    -- At least as late as every occurred_at committed while this row was the first a commit locked: the log's
    -- latest is the maximum over partitions.
    latest_occurred_at timestamptz NULL
);

INSERT INTO event_log_partitions (partition, latest_occurred_at)
SELECT p, (SELECT latest_occurred_at FROM event_log_head)
FROM generate_series(0, 63) AS p
ON CONFLICT (partition) DO NOTHING;

-- Sequence numbers come from a sequence, drawn after a commit's partition locks are held: a commit takes a block of
-- 16,384 numbers (the most events one commit writes) with one nextval, so per customer the numbers still grow in
-- commit order; between partitions they only grow roughly with time, and a block's unused numbers are gaps.
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_class WHERE relkind = 'S' AND relname = 'event_seq') THEN
        EXECUTE format('CREATE SEQUENCE event_seq INCREMENT BY 16384 MINVALUE 1 START WITH %s',
                       GREATEST((SELECT next_seq FROM event_log_head), (SELECT COALESCE(max(seq), 0) + 1 FROM events)));
    END IF;
END
$$;

-- The single head row is no longer written; it is dropped so nothing reads a stale value from it.
DROP TABLE IF EXISTS event_log_head;
