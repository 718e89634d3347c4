-- The contact signals an event carries (docs/retention.md, "Where the contact signals come from"): the customer's IANA
-- time zone (Segment context.timezone), its country, and the unsubscribed trait (true, false, or NULL when not sent).
-- Kept with the event, so a grain replaying its log rebuilds the same state. Nullable columns without a default:
-- adding them rewrites nothing, and events written before read back as sending none.
ALTER TABLE events
    ADD COLUMN IF NOT EXISTS time_zone    text    NULL,
    ADD COLUMN IF NOT EXISTS country      text    NULL,
    ADD COLUMN IF NOT EXISTS unsubscribed boolean NULL;

-- The admin suppression list: customers no playbook or campaign may contact, whatever their events say. The key
-- sorts by byte ("C" collation), so pages of the list follow one order in PostgreSQL and in memory.
CREATE TABLE IF NOT EXISTS suppressed_customers (
    customer_key text COLLATE "C" NOT NULL PRIMARY KEY,
    reason       text                 NOT NULL,
    added_at     timestamptz          NOT NULL
);

-- Silos keep the list in memory and reload it when this version has moved: one row read per refresh while the list
-- is unchanged, however long it is. Every statement that changes the list moves the version (a trigger, so a change
-- made with plain SQL counts too).
CREATE TABLE IF NOT EXISTS suppression_list_head (
    id      boolean NOT NULL PRIMARY KEY DEFAULT true CHECK (id),
    version bigint  NOT NULL
);

INSERT INTO suppression_list_head (id, version) VALUES (true, 0) ON CONFLICT (id) DO NOTHING;

CREATE OR REPLACE FUNCTION suppressed_customers_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE suppression_list_head SET version = version + 1;
    RETURN NULL;
END;
$$;

DROP TRIGGER IF EXISTS suppressed_customers_changed ON suppressed_customers;
CREATE TRIGGER suppressed_customers_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON suppressed_customers
    FOR EACH STATEMENT EXECUTE FUNCTION suppressed_customers_changed();
