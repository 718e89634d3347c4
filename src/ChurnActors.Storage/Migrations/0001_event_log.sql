-- The durable event log: every acknowledged event, in commit order.
CREATE TABLE IF NOT EXISTS events (
    seq          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    source       text        NOT NULL,
    message_id   text        NOT NULL,
    -- 128-bit hash of (source, message_id): a compact dedupe key, computed by the writer.
    dedupe_key   uuid        NOT NULL,
    customer_key text        NOT NULL,
    user_id      text        NULL,
    anonymous_id text        NULL,
    call_type    smallint    NOT NULL,
    event_name   text        NULL,
    occurred_at  timestamptz NOT NULL,
    sent_at      timestamptz NULL,
    received_at  timestamptz NOT NULL,
    -- json, not jsonb: kept as sent (validated, not re-encoded), which keeps the write path cheap.
    properties   json        NULL
);

-- Dedupe key: a repeated messageId from the same source is accepted and ignored.
CREATE UNIQUE INDEX IF NOT EXISTS events_dedupe_key ON events (dedupe_key);

-- Catch-up reads one customer's events in log order.
CREATE INDEX IF NOT EXISTS events_customer_seq ON events (customer_key, seq);

-- anonymousId -> userId links made by identify (or any call carrying both ids).
CREATE TABLE IF NOT EXISTS identities (
    anonymous_id text        PRIMARY KEY,
    user_id      text        NOT NULL,
    linked_at    timestamptz NOT NULL DEFAULT now()
);

-- Per node: every event with seq <= applied_through is reflected in persisted grain state.
CREATE TABLE IF NOT EXISTS ingest_checkpoints (
    node            text        PRIMARY KEY,
    applied_through bigint      NOT NULL,
    updated_at      timestamptz NOT NULL DEFAULT now()
);
