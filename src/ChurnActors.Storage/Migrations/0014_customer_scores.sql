-- The queryable projection of every customer's score and the history of band changes. The customer grains keep both
-- current (docs/campaigns.md says how far they may lag); audiences, campaigns and the console read them. Nothing here
-- is the source of truth: a grain's persisted state and the event log are, and a replay rewrites these rows.

-- One row per customer the engine has scored or seen: the latest figures its grain wrote with its state.
CREATE TABLE IF NOT EXISTS customer_scores (
    customer_key           text             NOT NULL PRIMARY KEY,
    -- 'scored', 'insufficient-data' or 'not-scored'; band, probability and band_since are null unless scored.
    status                 text             NOT NULL,
    band                   text             NULL CHECK (band IN ('low', 'medium', 'high')),
    probability            double precision NULL CHECK (probability >= 0 AND probability <= 1),
    percentile             double precision NULL,
    horizon_days           double precision NULL,
    drivers                jsonb            NOT NULL DEFAULT '[]'::jsonb,
    clv_value              double precision NULL,
    p_alive                double precision NULL,
    expected_purchases_90d double precision NULL,
    orders                 integer          NOT NULL DEFAULT 0,
    net_revenue            numeric(18, 4)   NOT NULL DEFAULT 0,
    first_order_at         timestamptz      NULL,
    last_order_at          timestamptz      NULL,
    top_category           text             NULL,
    country                text             NULL,
    time_zone              text             NULL,
    model_version          text             NULL,
    scored_at              timestamptz      NULL,
    band_since             timestamptz      NULL,
    last_event_at          timestamptz      NULL,
    -- The last event sequence the written figures include: a write that carries an older sequence changes nothing.
    last_sequence          bigint           NOT NULL,
    updated_at             timestamptz      NOT NULL,
    -- Value at risk: what the shop stands to lose, P(churn) x CLV; null when either is unknown.
    value_at_risk          double precision GENERATED ALWAYS AS (probability * clv_value) STORED
);

CREATE INDEX IF NOT EXISTS customer_scores_band_probability ON customer_scores (band, probability DESC, customer_key);
CREATE INDEX IF NOT EXISTS customer_scores_probability ON customer_scores (probability DESC, customer_key);
CREATE INDEX IF NOT EXISTS customer_scores_value_at_risk ON customer_scores (value_at_risk DESC NULLS LAST, customer_key);
CREATE INDEX IF NOT EXISTS customer_scores_band_since ON customer_scores (band_since DESC, customer_key);
CREATE INDEX IF NOT EXISTS customer_scores_top_category ON customer_scores (top_category, probability DESC);

-- Every band change of every customer, appended within seconds of happening. The key is the customer, the last log
-- sequence the customer had applied when the band changed, and the band it changed to: a change by silence carries the
-- sequence of the customer's last event, and silence only raises the band, so no key repeats; a replay after a crash
-- writes the same keys again and adds nothing.
CREATE TABLE IF NOT EXISTS band_transitions (
    customer_key   text        NOT NULL,
    cause_sequence bigint      NOT NULL,
    at             timestamptz NOT NULL,
    from_band      text        NULL CHECK (from_band IN ('low', 'medium', 'high')),
    to_band        text        NOT NULL CHECK (to_band IN ('low', 'medium', 'high')),
    probability    double precision NULL,
    PRIMARY KEY (customer_key, cause_sequence, to_band)
);

CREATE INDEX IF NOT EXISTS band_transitions_at ON band_transitions (at);
CREATE INDEX IF NOT EXISTS band_transitions_to_band_at ON band_transitions (to_band, at, customer_key);
