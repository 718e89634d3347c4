-- Retention playbooks, their immutable versions, and the episodes and actions they produce. See docs/retention.md.

-- One row per playbook. current_version is the version new episodes start with; enabled is the live switch (it is
-- not part of a version). deleted_at hides a deleted playbook from listings while its versions and episodes stay, so
-- results stay readable; applying the same id again brings it back with the next version.
CREATE TABLE IF NOT EXISTS playbooks (
    id              text        NOT NULL PRIMARY KEY CHECK (id ~ '^[a-z][a-z0-9]*(-[a-z0-9]+)*$' AND length(id) <= 64),
    current_version integer     NOT NULL CHECK (current_version >= 1),
    enabled         boolean     NOT NULL,
    created_at      timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL,
    deleted_at      timestamptz NULL
);

-- Every version of every playbook, as applied (defaults written out). Immutable: running episodes keep the version
-- they started with, and results are reported per version.
CREATE TABLE IF NOT EXISTS playbook_versions (
    playbook_id text        NOT NULL REFERENCES playbooks (id),
    version     integer     NOT NULL CHECK (version >= 1),
    definition  jsonb       NOT NULL,
    created_at  timestamptz NOT NULL,
    PRIMARY KEY (playbook_id, version)
);

CREATE OR REPLACE FUNCTION playbook_versions_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'playbook_versions rows are immutable (playbook %, version %): apply a new version instead',
        OLD.playbook_id, OLD.version;
END;
$$;

DROP TRIGGER IF EXISTS playbook_versions_immutable ON playbook_versions;
CREATE TRIGGER playbook_versions_immutable BEFORE UPDATE OR DELETE ON playbook_versions
    FOR EACH ROW EXECUTE FUNCTION playbook_versions_immutable();

-- One row per entry of a customer into a playbook. (customer_key, playbook_id, cause_sequence) is the exactly-once key:
-- cause_sequence is the event log sequence of the event whose rescoring changed the band, so a band change replayed
-- from the log after a crash finds its episode already there instead of opening a second one. At most one episode per
-- customer and playbook is open (exited_at NULL) at a time.
CREATE TABLE IF NOT EXISTS retention_episodes (
    episode_id         bigint        GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    customer_key       text          NOT NULL,
    playbook_id        text          NOT NULL,
    playbook_version   integer       NOT NULL,
    arm                text          NOT NULL CHECK (arm IN ('treated', 'control')),
    control_reason     text          NULL CHECK (control_reason IN ('global', 'holdout')),
    from_band          text          NULL CHECK (from_band IN ('low', 'medium', 'high')),
    to_band            text          NOT NULL CHECK (to_band IN ('low', 'medium', 'high')),
    cause_sequence     bigint        NOT NULL,
    opened_at          timestamptz   NOT NULL,
    outcome_ends_at    timestamptz   NOT NULL,
    exit_reason        text          NULL CHECK (exit_reason IN ('goal', 'band-exit', 'completed', 'disabled')),
    exited_at          timestamptz   NULL,
    goal_at            timestamptz   NULL,
    revenue_in_window  numeric(18, 4) NOT NULL DEFAULT 0,
    pre_period_revenue numeric(18, 4) NOT NULL DEFAULT 0,
    FOREIGN KEY (playbook_id, playbook_version) REFERENCES playbook_versions (playbook_id, version),
    CHECK ((arm = 'control') = (control_reason IS NOT NULL)),
    CHECK ((exit_reason IS NULL) = (exited_at IS NULL)),
    CONSTRAINT retention_episodes_once UNIQUE (customer_key, playbook_id, cause_sequence)
);

CREATE UNIQUE INDEX IF NOT EXISTS retention_episodes_one_open
    ON retention_episodes (customer_key, playbook_id) WHERE exited_at IS NULL;
CREATE INDEX IF NOT EXISTS retention_episodes_by_customer ON retention_episodes (customer_key, opened_at DESC);
CREATE INDEX IF NOT EXISTS retention_episodes_by_version ON retention_episodes (playbook_id, playbook_version, arm);

-- Every decision about a step of an episode, with its reason. idempotency_key is unique: the same decision recorded
-- twice (a replay, a job run again) is one row, and the key is what a webhook carries as its Idempotency-Key.
CREATE TABLE IF NOT EXISTS retention_actions (
    action_id       bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    episode_id      bigint      NOT NULL REFERENCES retention_episodes (episode_id),
    step_id         text        NOT NULL,
    channel         text        NOT NULL,
    due_at          timestamptz NOT NULL,
    decision        text        NOT NULL CHECK (decision IN ('sent', 'control', 'capped', 'quiet-hours', 'suppressed', 'budget', 'exited', 'failed')),
    reason          text        NOT NULL,
    idempotency_key text        NOT NULL,
    decided_at      timestamptz NOT NULL,
    delivered_at    timestamptz NULL,
    CONSTRAINT retention_actions_once UNIQUE (idempotency_key)
);

CREATE INDEX IF NOT EXISTS retention_actions_by_episode ON retention_actions (episode_id, due_at);
