-- Campaigns: an audience over customer_scores, an action, a holdout and a schedule (docs/campaigns.md). Each run
-- snapshots its members with their arms, then decides every member through the customer's grain (the contact policy)
-- and records the decision here.

CREATE TABLE IF NOT EXISTS campaigns (
    campaign_id text        NOT NULL PRIMARY KEY,
    -- The checked definition as CampaignJson writes it.
    definition  jsonb       NOT NULL,
    version     integer     NOT NULL CHECK (version >= 1),
    paused      boolean     NOT NULL DEFAULT false,
    created_at  timestamptz NOT NULL,
    updated_at  timestamptz NOT NULL
);

-- One row per fire of a campaign. fire_key says what fired it ('manual:<id>', 'at:<unix seconds>',
-- 'cron:<unix seconds>'): a job that runs again for the same fire finds the same run and continues it.
CREATE TABLE IF NOT EXISTS campaign_runs (
    run_id           bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    campaign_id      text        NOT NULL REFERENCES campaigns (campaign_id),
    fire_key         text        NOT NULL,
    campaign_version integer     NOT NULL,
    -- The definition the run uses, as it was when the run was created.
    definition       jsonb       NOT NULL,
    status           text        NOT NULL CHECK (status IN ('queued', 'running', 'waiting', 'finished', 'failed')),
    created_at       timestamptz NOT NULL,
    -- Set in the transaction that writes the members: the start of the outcome window.
    snapshot_at      timestamptz NULL,
    members          integer     NULL,
    finished_at      timestamptz NULL,
    error            text        NULL,
    UNIQUE (campaign_id, fire_key)
);

CREATE INDEX IF NOT EXISTS campaign_runs_by_campaign ON campaign_runs (campaign_id, run_id DESC);

-- The members of a run with their arm, fixed at the snapshot, and the decision made for each. A member without a
-- decision, or deferred by quiet hours, is still to be decided.
CREATE TABLE IF NOT EXISTS campaign_members (
    run_id          bigint      NOT NULL REFERENCES campaign_runs (run_id),
    customer_key    text        NOT NULL,
    arm             text        NOT NULL CHECK (arm IN ('treated', 'control')),
    control_reason  text        NULL CHECK (control_reason IN ('global', 'holdout')),
    decision        text        NULL CHECK (decision IN ('sent', 'control', 'capped', 'quiet-hours', 'suppressed', 'budget', 'failed')),
    reason          text        NULL,
    idempotency_key text        NULL,
    decided_at      timestamptz NULL,
    deferred_until  timestamptz NULL,
    PRIMARY KEY (run_id, customer_key)
);

CREATE INDEX IF NOT EXISTS campaign_members_open ON campaign_members (run_id, customer_key)
    WHERE decision IS NULL OR decision = 'quiet-hours';

-- A customer's campaign sends count towards the frequency caps like playbook sends (IEpisodeStore.SentSinceAsync).
CREATE INDEX IF NOT EXISTS campaign_members_sent ON campaign_members (customer_key, decided_at) WHERE decision = 'sent';
