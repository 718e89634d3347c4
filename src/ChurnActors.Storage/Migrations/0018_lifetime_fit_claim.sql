-- The shop's lifetime fit (BG/NBD, Gamma-Gamma) across the cluster: one row that says which silo fits next and what
-- the latest fit found, so that one silo fits per interval and every other silo loads that fit instead of reading the
-- whole order history itself.
--
-- A silo claims the next fit with one UPDATE that succeeds only when no other silo holds an unexpired claim and the
-- latest attempt is older than the silo's minimum gap (the fit interval, or the retry while history is short). The
-- claimant fits, then records the attempt (the model that serves after it, or why there is none) and drops the claim
-- in one statement. A claim outlives a silo that died mid-fit only until claimed_until. Times come from the server's
-- clock, so silos with skewed clocks still agree.

CREATE TABLE IF NOT EXISTS lifetime_fit (
    id            boolean     NOT NULL PRIMARY KEY DEFAULT true CHECK (id),
    claimed_by    text        NULL,
    claimed_until timestamptz NULL,
    attempted_by  text        NULL,
    attempted_at  timestamptz NULL,
    model         jsonb       NULL,   -- the lifetime model serving after the latest attempt (LifetimeFitJson)
    reason        text        NULL    -- why there is no model, when there is none
);

INSERT INTO lifetime_fit (id) VALUES (true) ON CONFLICT DO NOTHING;
