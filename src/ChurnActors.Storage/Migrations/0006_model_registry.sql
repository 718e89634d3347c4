-- The model registry: every churn model snapshot with its training window, features and evaluation, which one is
-- the champion that silos score with, and every promotion and rollback (so a rollback returns to the champion that
-- came before). See docs/models.md.

-- One row per registered snapshot. version is the registry's own monotonic number; the stored snapshot carries it
-- as its Version, so every score names the registry version it came from.
CREATE TABLE IF NOT EXISTS model_versions (
    version                  bigint           NOT NULL PRIMARY KEY,
    name                     text             NOT NULL,
    kind                     text             NOT NULL,
    snapshot                 jsonb            NOT NULL,
    feature_schema_version   integer          NOT NULL,
    feature_names            text[]           NOT NULL,
    training_from            timestamptz      NULL,
    training_to              timestamptz      NULL,
    training_cutoffs         timestamptz[]    NOT NULL DEFAULT '{}',
    trained_through_sequence bigint           NULL,
    -- The evaluation as written (all metrics), and the figures the promotion gate compares, with the identity of
    -- the evaluation rows: two evaluations are comparable only on the same cut-off, horizon and row count.
    evaluation               jsonb            NOT NULL,
    evaluation_cutoff        timestamptz      NOT NULL,
    evaluation_horizon_days  integer          NOT NULL,
    evaluation_rows          bigint           NOT NULL,
    auc                      double precision NOT NULL,
    brier                    double precision NOT NULL,
    created_at               timestamptz      NOT NULL DEFAULT now(),
    status                   text             NOT NULL DEFAULT 'candidate'
                                              CHECK (status IN ('candidate', 'champion', 'retired')),
    promoted_at              timestamptz      NULL
);

CREATE SEQUENCE IF NOT EXISTS model_version_numbers AS bigint START 1 OWNED BY model_versions.version;

-- At most one champion at a time.
CREATE UNIQUE INDEX IF NOT EXISTS model_versions_one_champion ON model_versions ((true)) WHERE status = 'champion';

-- Every change of champion, in order. previous_champion is the champion it replaced (NULL for the first).
CREATE TABLE IF NOT EXISTS model_promotions (
    id                bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    version           bigint      NOT NULL REFERENCES model_versions (version),
    previous_champion bigint      NULL REFERENCES model_versions (version),
    action            text        NOT NULL CHECK (action IN ('promote', 'rollback')),
    forced            boolean     NOT NULL DEFAULT false,
    reason            text        NOT NULL,
    actor             text        NOT NULL,
    at                timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX IF NOT EXISTS model_promotions_by_version ON model_promotions (version, id);
