-- The durable schedule of retention steps and the shop's daily offer spend. See docs/retention.md.

-- One row per step of an episode that is not decided yet, written in the transaction that opens the episode. A step
-- leaves the schedule in the transaction that records its decision; a step deferred by quiet hours stays with a later
-- due_at. The step runner claims due rows (claimed_until) so that silos share the work; a claim that is not finished
-- (a crash) runs out and the step comes due again, and its decision is recorded once (retention_actions_once).
CREATE TABLE IF NOT EXISTS retention_schedule (
    episode_id    bigint      NOT NULL REFERENCES retention_episodes (episode_id),
    step_index    integer     NOT NULL CHECK (step_index >= 0),
    step_id       text        NOT NULL,
    channel       text        NOT NULL,
    customer_key  text        NOT NULL,
    due_at        timestamptz NOT NULL,
    claimed_until timestamptz NULL,
    PRIMARY KEY (episode_id, step_index)
);

CREATE INDEX IF NOT EXISTS retention_schedule_due ON retention_schedule (due_at);
CREATE INDEX IF NOT EXISTS retention_schedule_by_customer ON retention_schedule (customer_key, due_at);

-- Offer value sent per shop-local day, debited only while the day's budget has room (one conditional update).
CREATE TABLE IF NOT EXISTS retention_offer_spend (
    day   date           NOT NULL PRIMARY KEY,
    spent numeric(18, 4) NOT NULL CHECK (spent >= 0)
);
