-- The contact signals an event carries (docs/retention.md, "Where the contact signals come from"): the customer's IANA
-- time zone (Segment context.timezone), its country, and the unsubscribed trait (true, false, or NULL when not sent).
-- Kept with the event, so a grain replaying its log rebuilds the same state. Nullable columns without a default:
-- adding them rewrites nothing, and events written before read back as sending none.
ALTER TABLE events
    ADD COLUMN IF NOT EXISTS time_zone    text    NULL,
    ADD COLUMN IF NOT EXISTS country      text    NULL,
    ADD COLUMN IF NOT EXISTS unsubscribed boolean NULL;

-- The admin suppression list: customers no playbook or campaign may contact, whatever their events say.
CREATE TABLE IF NOT EXISTS suppressed_customers (
    customer_key text        NOT NULL PRIMARY KEY,
    reason       text        NOT NULL,
    added_at     timestamptz NOT NULL
);
