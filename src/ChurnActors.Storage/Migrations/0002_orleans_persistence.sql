-- Orleans ADO.NET grain persistence (Microsoft.Orleans.Persistence.AdoNet 10.x) on PostgreSQL 15+.
--
-- The provider (invariant "Npgsql") loads its SQL at silo start from OrleansQuery, by key:
--   ReadFromStorageKey  -> rows of ("PayloadBinary" bytea, "Version" int); no row = no state.
--   WriteToStorageKey   -> one row with "NewGrainStateVersion": the new etag, or NULL when the
--                          caller's etag (@GrainStateVersion) is stale; NULL makes Orleans throw
--                          InconsistentStateException.
--   ClearStorageKey     -> one row, first column: the new version after nulling the payload,
--                          or NULL on a stale etag.
--   DeleteStorageKey    -> one row, first column: a non-null marker when the row was deleted
--                          (used when AdoNetGrainStorageOptions.DeleteStateOnClear = true), or
--                          NULL on a stale etag.
-- Every query receives @GrainIdHash, @GrainIdN0, @GrainIdN1, @GrainTypeHash, @GrainTypeString,
-- @GrainIdExtensionString and @ServiceId; write, clear and delete also get @GrainStateVersion
-- (NULL when the grain has never seen a stored row), and write gets @PayloadBinary.
-- The etag is the integer "version" column. Each operation is one statement / one round trip.

-- Shared with the clustering and reminders contracts: the provider reads
-- "SELECT QueryKey, QueryText FROM OrleansQuery", so the names stay unquoted (folded to lower case).
CREATE TABLE IF NOT EXISTS OrleansQuery (
    QueryKey  varchar(64) NOT NULL PRIMARY KEY,
    QueryText text        NOT NULL
);

-- One row per (service, grain type, grain id). The 32-bit hashes computed by the provider lead the
-- unique index so lookups are narrow; the full natural key is still compared, so hash collisions are
-- harmless. md5() keeps index entries small whatever the length of the type name or string key, and
-- NULLS NOT DISTINCT makes "no key extension" a single, distinct value.
CREATE TABLE IF NOT EXISTS orleans_grain_state (
    grain_id_hash      integer     NOT NULL,
    grain_type_hash    integer     NOT NULL,
    service_id         text        NOT NULL,
    grain_id_n0        bigint      NOT NULL,
    grain_id_n1        bigint      NOT NULL,
    grain_type         text        NOT NULL,
    grain_id_extension text        NULL,
    payload            bytea       NULL,
    version            integer     NOT NULL,
    modified_at        timestamptz NOT NULL DEFAULT now()
);

CREATE UNIQUE INDEX IF NOT EXISTS orleans_grain_state_key
    ON orleans_grain_state (grain_id_hash, grain_type_hash, service_id, grain_id_n0, grain_id_n1,
                            md5(grain_type), md5(grain_id_extension))
    NULLS NOT DISTINCT;

-- The version that follows v; wraps to 1 instead of overflowing integer.
CREATE OR REPLACE FUNCTION orleans_next_grain_state_version(v integer)
    RETURNS integer
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$ SELECT CASE WHEN v >= 2147483647 THEN 1 ELSE v + 1 END $$;

-- Write: insert when the caller has no etag (fails if a row already exists), otherwise update only
-- when the stored version still equals the caller's etag. Returns the new version or NULL.
CREATE OR REPLACE FUNCTION orleans_write_grain_state(
    p_grain_id_hash      integer,
    p_grain_type_hash    integer,
    p_service_id         text,
    p_grain_id_n0        bigint,
    p_grain_id_n1        bigint,
    p_grain_type         text,
    p_grain_id_extension text,
    p_expected_version   integer,
    p_payload            bytea)
    RETURNS integer
    LANGUAGE plpgsql
AS $$
DECLARE
    stored_version integer;
BEGIN
    IF p_expected_version IS NULL THEN
        INSERT INTO orleans_grain_state AS s
               (grain_id_hash, grain_type_hash, service_id, grain_id_n0, grain_id_n1,
                grain_type, grain_id_extension, payload, version)
        VALUES (p_grain_id_hash, p_grain_type_hash, p_service_id, p_grain_id_n0, p_grain_id_n1,
                p_grain_type, p_grain_id_extension, p_payload, 1)
        ON CONFLICT DO NOTHING
        RETURNING s.version INTO stored_version;
    ELSE
        UPDATE orleans_grain_state AS s
           SET payload     = p_payload,
               version     = orleans_next_grain_state_version(s.version),
               modified_at = now()
         WHERE s.grain_id_hash = p_grain_id_hash
           AND s.grain_type_hash = p_grain_type_hash
           AND s.service_id = p_service_id
           AND s.grain_id_n0 = p_grain_id_n0
           AND s.grain_id_n1 = p_grain_id_n1
           AND s.grain_type = p_grain_type
           AND s.grain_id_extension IS NOT DISTINCT FROM p_grain_id_extension
           AND s.version = p_expected_version
        RETURNING s.version INTO stored_version;
    END IF;

    RETURN stored_version;
END
$$;

-- Clear: keep the row (so the version keeps increasing across clears) but drop the payload.
-- Without an etag this only succeeds when no row exists yet, leaving an empty row at version 1.
-- Returns the new version or NULL.
CREATE OR REPLACE FUNCTION orleans_clear_grain_state(
    p_grain_id_hash      integer,
    p_grain_type_hash    integer,
    p_service_id         text,
    p_grain_id_n0        bigint,
    p_grain_id_n1        bigint,
    p_grain_type         text,
    p_grain_id_extension text,
    p_expected_version   integer)
    RETURNS integer
    LANGUAGE sql
AS $$
    SELECT orleans_write_grain_state(
        p_grain_id_hash, p_grain_type_hash, p_service_id, p_grain_id_n0, p_grain_id_n1,
        p_grain_type, p_grain_id_extension, p_expected_version, NULL)
$$;

-- Delete: remove the row when the stored version equals the caller's etag. Orleans treats a result
-- equal to the caller's etag as a conflict, so success reports the version the row would have had
-- next; without an etag, success (0) means there was nothing to delete. Returns NULL on conflict.
CREATE OR REPLACE FUNCTION orleans_delete_grain_state(
    p_grain_id_hash      integer,
    p_grain_type_hash    integer,
    p_service_id         text,
    p_grain_id_n0        bigint,
    p_grain_id_n1        bigint,
    p_grain_type         text,
    p_grain_id_extension text,
    p_expected_version   integer)
    RETURNS integer
    LANGUAGE plpgsql
AS $$
DECLARE
    deleted_version integer;
BEGIN
    IF p_expected_version IS NULL THEN
        PERFORM 1
           FROM orleans_grain_state AS s
          WHERE s.grain_id_hash = p_grain_id_hash
            AND s.grain_type_hash = p_grain_type_hash
            AND s.service_id = p_service_id
            AND s.grain_id_n0 = p_grain_id_n0
            AND s.grain_id_n1 = p_grain_id_n1
            AND s.grain_type = p_grain_type
            AND s.grain_id_extension IS NOT DISTINCT FROM p_grain_id_extension;
        RETURN CASE WHEN FOUND THEN NULL ELSE 0 END;
    END IF;

    DELETE FROM orleans_grain_state AS s
     WHERE s.grain_id_hash = p_grain_id_hash
       AND s.grain_type_hash = p_grain_type_hash
       AND s.service_id = p_service_id
       AND s.grain_id_n0 = p_grain_id_n0
       AND s.grain_id_n1 = p_grain_id_n1
       AND s.grain_type = p_grain_type
       AND s.grain_id_extension IS NOT DISTINCT FROM p_grain_id_extension
       AND s.version = p_expected_version
    RETURNING s.version INTO deleted_version;

    RETURN orleans_next_grain_state_version(deleted_version);
END
$$;

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES
('ReadFromStorageKey', '
SELECT s.payload AS "PayloadBinary", s.version AS "Version"
  FROM orleans_grain_state AS s
 WHERE s.grain_id_hash = @GrainIdHash
   AND s.grain_type_hash = @GrainTypeHash
   AND s.service_id = @ServiceId
   AND s.grain_id_n0 = @GrainIdN0
   AND s.grain_id_n1 = @GrainIdN1
   AND s.grain_type = @GrainTypeString
   AND s.grain_id_extension IS NOT DISTINCT FROM @GrainIdExtensionString'),
('WriteToStorageKey', '
SELECT orleans_write_grain_state(@GrainIdHash, @GrainTypeHash, @ServiceId, @GrainIdN0, @GrainIdN1,
    @GrainTypeString, @GrainIdExtensionString, @GrainStateVersion, @PayloadBinary) AS "NewGrainStateVersion"'),
('ClearStorageKey', '
SELECT orleans_clear_grain_state(@GrainIdHash, @GrainTypeHash, @ServiceId, @GrainIdN0, @GrainIdN1,
    @GrainTypeString, @GrainIdExtensionString, @GrainStateVersion) AS "Version"'),
('DeleteStorageKey', '
SELECT orleans_delete_grain_state(@GrainIdHash, @GrainTypeHash, @ServiceId, @GrainIdN0, @GrainIdN1,
    @GrainTypeString, @GrainIdExtensionString, @GrainStateVersion) AS "Version"')
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText;
