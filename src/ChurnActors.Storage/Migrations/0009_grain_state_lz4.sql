-- Grain state payloads (2-3 KB of JSON) cross PostgreSQL's TOAST threshold, so every write compresses one. lz4 does
-- that for far less CPU than the default pglz: with 4 sessions updating grain state, a write cost PostgreSQL about
-- 205 µs instead of 275 µs (docs/benchmarks.md). Rows written before keep their pglz values and still read back;
-- a server built without lz4 keeps pglz.
DO $$
BEGIN
    ALTER TABLE orleans_grain_state ALTER COLUMN payload SET COMPRESSION lz4;
EXCEPTION WHEN feature_not_supported THEN
    RAISE NOTICE 'lz4 is not available on this server: grain state stays compressed with pglz';
END
$$;
