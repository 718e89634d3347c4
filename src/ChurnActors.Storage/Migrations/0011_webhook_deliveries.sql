-- Webhook deliveries of retention actions (docs/retention.md, "Delivery"). Hangfire keeps its queue in its own schema
-- (hangfire); these tables keep what delivery guarantees: one row per idempotency key, so the same action enqueued
-- twice is delivered once, and a job that runs again after a success sends nothing.

-- One row per action. status: pending (not attempted yet), retrying (an attempt failed, the next is scheduled),
-- delivered (a 2xx answer), dead (the last attempt failed, or the endpoint refused the action for good).
CREATE TABLE IF NOT EXISTS webhook_deliveries (
    idempotency_key  text        NOT NULL PRIMARY KEY,
    endpoint         text        NOT NULL,
    -- The exact bytes sent on every attempt (UTF-8 JSON), so every attempt carries the same body.
    body             text        NOT NULL,
    status           text        NOT NULL DEFAULT 'pending'
                                 CHECK (status IN ('pending', 'retrying', 'delivered', 'dead')),
    attempts         integer     NOT NULL DEFAULT 0,
    not_before       timestamptz NULL,
    -- The Hangfire job of the first attempt; NULL until it is created (a row left so is enqueued again).
    job_id           text        NULL,
    created_at       timestamptz NOT NULL DEFAULT now(),
    last_attempt_at  timestamptz NULL,
    next_attempt_at  timestamptz NULL,
    last_status_code integer     NULL,
    last_error       text        NULL,
    delivered_at     timestamptz NULL,
    dead_lettered_at timestamptz NULL
);

-- The dead-letter list, newest first.
CREATE INDEX IF NOT EXISTS webhook_deliveries_dead_letters
    ON webhook_deliveries (dead_lettered_at DESC, idempotency_key) WHERE status = 'dead';

-- Rows whose first job was never created (the process stopped between the two writes).
CREATE INDEX IF NOT EXISTS webhook_deliveries_unscheduled
    ON webhook_deliveries (created_at) WHERE status = 'pending' AND job_id IS NULL;

-- Every attempt and its result.
CREATE TABLE IF NOT EXISTS webhook_delivery_attempts (
    id              bigint           GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    idempotency_key text             NOT NULL REFERENCES webhook_deliveries (idempotency_key) ON DELETE CASCADE,
    attempt         integer          NOT NULL,
    started_at      timestamptz      NOT NULL,
    duration_ms     double precision NOT NULL,
    status_code     integer          NULL,
    error           text             NULL,
    outcome         text             NOT NULL CHECK (outcome IN ('delivered', 'retry', 'dead'))
);

CREATE INDEX IF NOT EXISTS webhook_delivery_attempts_key ON webhook_delivery_attempts (idempotency_key, attempt);
