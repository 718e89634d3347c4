-- Orleans ADO.NET clustering (Microsoft.Orleans.Clustering.AdoNet 10.x) on PostgreSQL 15+: the membership table that
-- silos join, probe each other through and declare each other dead in, and that Orleans clients find gateways in.
--
-- The provider (invariant "Npgsql") loads its SQL at silo (and client) start from OrleansQuery (created by 0002), by
-- key, and refuses to start unless the first nine are there. @DeploymentId is the cluster id (ClusterOptions.ClusterId);
-- a silo is keyed by (@Address text, @Port int, @Generation int).
--   InsertMembershipVersionKey (@DeploymentId)       -> one row, one column: true when the cluster's version row was
--                               created now, false when it existed. Every silo calls it at start.
--   MembershipReadAllKey   (@DeploymentId)           -> the version row joined with every member of the cluster: at
--                               least one row (the provider reads "Version" from the first); a row without a member
--                               has a NULL "StartTime".
--   MembershipReadRowKey   (@DeploymentId, @Address, @Port, @Generation) -> the same, with only that member.
--   InsertMembershipKey    (@DeploymentId, @Address, @Port, @Generation, @SiloName, @HostName, @Status, @ProxyPort,
--                           @StartTime, @IAmAliveTime, @Version)
--                            -> one row, one column: true when the member was added. Only when the cluster's version is
--                               still @Version (the one the caller read) and the member is new; the version then moves on.
--   UpdateMembershipKey    (@DeploymentId, @Address, @Port, @Generation, @Status, @SuspectTimes, @IAmAliveTime, @Version)
--                            -> one row, one column: true when the member was updated, under the same version rule.
--   UpdateIAmAlivetimeKey  (@DeploymentId, @Address, @Port, @Generation, @IAmAliveTime)
--                            -> no result: the silo's heartbeat; it does not move the version.
--   GatewaysQueryKey       (@DeploymentId, @Status = 3, Active) -> "Address", "ProxyPort", "Generation" of every
--                               member in that status that listens for clients (ProxyPort > 0).
--   DeleteMembershipTableEntriesKey (@DeploymentId) -> no result: forgets the cluster (its version row and members).
--   CleanupDefunctSiloEntriesKey (@DeploymentId, @IAmAliveTime) -> no result: deletes the cluster's dead members
--                               whose last heartbeat is older than @IAmAliveTime
--                               (ClusterMembershipOptions.DefunctSiloExpiration ago).
-- One optional key, used instead of the last when present:
--   CleanupDefunctSiloEntryKey (@DeploymentId, @Address, @Port, @Generation, @SuspectTimes, @StartTime, @IAmAliveTime)
--                            -> no result: deletes that one member, which the provider read as dead and expired, if it
--                               is still dead and has not sent a newer heartbeat since.
-- Rows the provider reads need the columns "Address" (text), "Port", "Generation", "Status" (SiloStatus as an integer:
-- 3 Active, 4 ShuttingDown, 5 Stopping, 6 Dead), "ProxyPort" (integers, never NULL), "SiloName", "HostName",
-- "SuspectTimes" (NULL or "silo,time|silo,time" as the provider wrote it), "StartTime", "IAmAliveTime" (UTC) and
-- "Version" (the cluster's version, an integer). Member rows carry no etag of their own: every change but the heartbeat
-- is conditional on the one version row, which serialises them.

CREATE TABLE IF NOT EXISTS orleans_membership_version (
    cluster_id text        NOT NULL PRIMARY KEY,
    version    integer     NOT NULL DEFAULT 0,
    changed_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE IF NOT EXISTS orleans_membership (
    cluster_id      text        NOT NULL REFERENCES orleans_membership_version (cluster_id) ON DELETE CASCADE,
    address         text        NOT NULL,
    port            integer     NOT NULL,
    generation      integer     NOT NULL,
    silo_name       text        NOT NULL,
    host_name       text        NOT NULL,
    status          integer     NOT NULL,
    proxy_port      integer     NOT NULL DEFAULT 0,
    suspect_times   text        NULL,
    start_time      timestamptz NOT NULL,
    i_am_alive_time timestamptz NOT NULL,
    PRIMARY KEY (cluster_id, address, port, generation)
);

-- Adds a member if the cluster is still at the version the caller read, and moves the version on. The version row is
-- locked first, so concurrent changes to one cluster run one after another; a caller that lost the race sees a
-- different version (re-read after the lock) and gets false, reads again and retries, as the membership protocol does.
CREATE OR REPLACE FUNCTION orleans_membership_insert(
    p_cluster_id       text,
    p_address          text,
    p_port             integer,
    p_generation       integer,
    p_silo_name        text,
    p_host_name        text,
    p_status           integer,
    p_proxy_port       integer,
    p_start_time       timestamptz,
    p_i_am_alive_time  timestamptz,
    p_expected_version integer)
    RETURNS boolean
    LANGUAGE plpgsql
AS $$
BEGIN
    PERFORM 1 FROM orleans_membership_version
     WHERE cluster_id = p_cluster_id AND version = p_expected_version
       FOR UPDATE;
    IF NOT FOUND THEN
        RETURN false;
    END IF;

    INSERT INTO orleans_membership (cluster_id, address, port, generation, silo_name, host_name, status, proxy_port,
                                    suspect_times, start_time, i_am_alive_time)
    VALUES (p_cluster_id, p_address, p_port, p_generation, p_silo_name, p_host_name, p_status,
            coalesce(p_proxy_port, 0), NULL, p_start_time, p_i_am_alive_time)
    ON CONFLICT DO NOTHING;
    IF NOT FOUND THEN
        RETURN false;
    END IF;

    UPDATE orleans_membership_version
       SET version = version + 1, changed_at = now()
     WHERE cluster_id = p_cluster_id;
    RETURN true;
END
$$;

-- Changes a member's status, suspicions and heartbeat under the same rule as orleans_membership_insert.
CREATE OR REPLACE FUNCTION orleans_membership_update(
    p_cluster_id       text,
    p_address          text,
    p_port             integer,
    p_generation       integer,
    p_status           integer,
    p_suspect_times    text,
    p_i_am_alive_time  timestamptz,
    p_expected_version integer)
    RETURNS boolean
    LANGUAGE plpgsql
AS $$
BEGIN
    PERFORM 1 FROM orleans_membership_version
     WHERE cluster_id = p_cluster_id AND version = p_expected_version
       FOR UPDATE;
    IF NOT FOUND THEN
        RETURN false;
    END IF;

    UPDATE orleans_membership
       SET status = p_status, suspect_times = p_suspect_times, i_am_alive_time = p_i_am_alive_time
     WHERE cluster_id = p_cluster_id AND address = p_address AND port = p_port AND generation = p_generation;
    IF NOT FOUND THEN
        RETURN false;
    END IF;

    UPDATE orleans_membership_version
       SET version = version + 1, changed_at = now()
     WHERE cluster_id = p_cluster_id;
    RETURN true;
END
$$;

-- Not part of the provider's contract: a silo about to start marks the rows of its own earlier processes (the same
-- node name, ChurnActors:Node:Name, unique per process) dead, so that a node restarted after a crash joins at once
-- instead of waiting until the others have declared its previous process dead. Same locking order as the two functions
-- above (version row first); the version moves on when a row changed. Returns the rows it marked.
CREATE OR REPLACE FUNCTION orleans_membership_retire(p_cluster_id text, p_silo_name text)
    RETURNS integer
    LANGUAGE plpgsql
AS $$
DECLARE
    retired integer;
BEGIN
    PERFORM 1 FROM orleans_membership_version WHERE cluster_id = p_cluster_id FOR UPDATE;
    IF NOT FOUND THEN
        RETURN 0;
    END IF;

    UPDATE orleans_membership
       SET status = 6
     WHERE cluster_id = p_cluster_id AND silo_name = p_silo_name AND status <> 6;
    GET DIAGNOSTICS retired = ROW_COUNT;
    IF retired > 0 THEN
        UPDATE orleans_membership_version
           SET version = version + 1, changed_at = now()
         WHERE cluster_id = p_cluster_id;
    END IF;

    RETURN retired;
END
$$;

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES
('InsertMembershipVersionKey', '
WITH created AS (
    INSERT INTO orleans_membership_version (cluster_id) VALUES (@DeploymentId)
    ON CONFLICT DO NOTHING
    RETURNING 1)
SELECT EXISTS (SELECT 1 FROM created) AS "Created"'),
('MembershipReadAllKey', '
SELECT m.address AS "Address", m.port AS "Port", m.generation AS "Generation", m.silo_name AS "SiloName",
       m.host_name AS "HostName", m.status AS "Status", m.proxy_port AS "ProxyPort", m.suspect_times AS "SuspectTimes",
       m.start_time AS "StartTime", m.i_am_alive_time AS "IAmAliveTime", v.version AS "Version"
  FROM orleans_membership_version AS v
  LEFT JOIN orleans_membership AS m ON m.cluster_id = v.cluster_id
 WHERE v.cluster_id = @DeploymentId'),
('MembershipReadRowKey', '
SELECT m.address AS "Address", m.port AS "Port", m.generation AS "Generation", m.silo_name AS "SiloName",
       m.host_name AS "HostName", m.status AS "Status", m.proxy_port AS "ProxyPort", m.suspect_times AS "SuspectTimes",
       m.start_time AS "StartTime", m.i_am_alive_time AS "IAmAliveTime", v.version AS "Version"
  FROM orleans_membership_version AS v
  LEFT JOIN orleans_membership AS m
         ON m.cluster_id = v.cluster_id
        AND m.address = @Address
        AND m.port = @Port
        AND m.generation = @Generation
 WHERE v.cluster_id = @DeploymentId'),
('InsertMembershipKey', '
SELECT orleans_membership_insert(@DeploymentId, @Address, @Port, @Generation, @SiloName, @HostName, @Status,
                                 @ProxyPort, @StartTime, @IAmAliveTime, @Version) AS "Inserted"'),
('UpdateMembershipKey', '
SELECT orleans_membership_update(@DeploymentId, @Address, @Port, @Generation, @Status, @SuspectTimes,
                                 @IAmAliveTime, @Version) AS "Updated"'),
('UpdateIAmAlivetimeKey', '
UPDATE orleans_membership
   SET i_am_alive_time = @IAmAliveTime
 WHERE cluster_id = @DeploymentId
   AND address = @Address
   AND port = @Port
   AND generation = @Generation'),
('GatewaysQueryKey', '
SELECT m.address AS "Address", m.proxy_port AS "ProxyPort", m.generation AS "Generation"
  FROM orleans_membership AS m
 WHERE m.cluster_id = @DeploymentId
   AND m.status = @Status
   AND m.proxy_port > 0'),
('DeleteMembershipTableEntriesKey', '
DELETE FROM orleans_membership_version WHERE cluster_id = @DeploymentId'),
('CleanupDefunctSiloEntriesKey', '
DELETE FROM orleans_membership
 WHERE cluster_id = @DeploymentId
   AND status = 6
   AND i_am_alive_time < @IAmAliveTime'),
('CleanupDefunctSiloEntryKey', '
DELETE FROM orleans_membership
 WHERE cluster_id = @DeploymentId
   AND address = @Address
   AND port = @Port
   AND generation = @Generation
   AND status = 6
   AND i_am_alive_time <= @IAmAliveTime')
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText;
