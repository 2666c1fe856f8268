-- Orleans membership (clustering) for invariant Npgsql, written to the provider's contract:
-- one version row per cluster (DeploymentId = ClusterOptions.ClusterId) whose Version is bumped by
-- every membership change, and one row per silo incarnation (address, port, generation).
-- Heartbeats touch only IAmAliveTime. Status follows Orleans' SiloStatus: 3 = Active, 6 = Dead.

CREATE TABLE OrleansMembershipVersionTable (
    DeploymentId text        PRIMARY KEY,
    Version      integer     NOT NULL DEFAULT 0,
    ChangedAt    timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE OrleansMembershipTable (
    DeploymentId text        NOT NULL REFERENCES OrleansMembershipVersionTable (DeploymentId) ON DELETE CASCADE,
    Address      text        NOT NULL,
    Port         integer     NOT NULL,
    Generation   integer     NOT NULL,
    SiloName     text        NOT NULL,
    HostName     text        NOT NULL,
    Status       integer     NOT NULL,
    ProxyPort    integer     NOT NULL DEFAULT 0,
    SuspectTimes text,
    StartTime    timestamptz NOT NULL,
    IAmAliveTime timestamptz NOT NULL,
    PRIMARY KEY (DeploymentId, Address, Port, Generation)
);

-- Each query below returns what the provider reads back: the conditional writes answer with one
-- row holding 1 (done) or 0 (the version had moved on, or the row was not as expected), and a
-- write that is refused changes nothing.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES

('InsertMembershipVersionKey', $q$
WITH created AS (
    INSERT INTO OrleansMembershipVersionTable (DeploymentId) VALUES (@DeploymentId)
    ON CONFLICT (DeploymentId) DO NOTHING
    RETURNING 1)
SELECT count(*)::integer FROM created
$q$),

('InsertMembershipKey', $q$
WITH bumped AS (
    UPDATE OrleansMembershipVersionTable
       SET Version = Version + 1, ChangedAt = now()
     WHERE DeploymentId = @DeploymentId
       AND Version = @Version
       AND NOT EXISTS (SELECT 1 FROM OrleansMembershipTable
                        WHERE DeploymentId = @DeploymentId AND Address = @Address
                          AND Port = @Port AND Generation = @Generation)
    RETURNING DeploymentId),
joined AS (
    INSERT INTO OrleansMembershipTable
        (DeploymentId, Address, Port, Generation, SiloName, HostName, Status, ProxyPort, StartTime, IAmAliveTime)
    SELECT DeploymentId, @Address, @Port, @Generation, @SiloName, @HostName, @Status, @ProxyPort, @StartTime, @IAmAliveTime
      FROM bumped
    RETURNING 1)
SELECT count(*)::integer FROM joined
$q$),

('UpdateMembershipKey', $q$
WITH bumped AS (
    UPDATE OrleansMembershipVersionTable
       SET Version = Version + 1, ChangedAt = now()
     WHERE DeploymentId = @DeploymentId
       AND Version = @Version
       AND EXISTS (SELECT 1 FROM OrleansMembershipTable
                    WHERE DeploymentId = @DeploymentId AND Address = @Address
                      AND Port = @Port AND Generation = @Generation)
    RETURNING DeploymentId),
changed AS (
    UPDATE OrleansMembershipTable member
       SET Status = @Status, SuspectTimes = @SuspectTimes, IAmAliveTime = @IAmAliveTime
      FROM bumped
     WHERE member.DeploymentId = bumped.DeploymentId AND member.Address = @Address
       AND member.Port = @Port AND member.Generation = @Generation
    RETURNING 1)
SELECT count(*)::integer FROM changed
$q$),

('UpdateIAmAlivetimeKey', $q$
UPDATE OrleansMembershipTable
   SET IAmAliveTime = @IAmAliveTime
 WHERE DeploymentId = @DeploymentId AND Address = @Address AND Port = @Port AND Generation = @Generation
$q$),

('MembershipReadRowKey', $q$
SELECT version.Version, member.Address, member.Port, member.Generation, member.SiloName, member.HostName,
       member.Status, member.ProxyPort, member.SuspectTimes, member.StartTime, member.IAmAliveTime
  FROM OrleansMembershipVersionTable version
  LEFT JOIN OrleansMembershipTable member
         ON member.DeploymentId = version.DeploymentId AND member.Address = @Address
        AND member.Port = @Port AND member.Generation = @Generation
 WHERE version.DeploymentId = @DeploymentId
$q$),

('MembershipReadAllKey', $q$
SELECT version.Version, member.Address, member.Port, member.Generation, member.SiloName, member.HostName,
       member.Status, member.ProxyPort, member.SuspectTimes, member.StartTime, member.IAmAliveTime
  FROM OrleansMembershipVersionTable version
  LEFT JOIN OrleansMembershipTable member ON member.DeploymentId = version.DeploymentId
 WHERE version.DeploymentId = @DeploymentId
$q$),

('GatewaysQueryKey', $q$
SELECT Address, ProxyPort, Generation
  FROM OrleansMembershipTable
 WHERE DeploymentId = @DeploymentId AND Status = @Status AND ProxyPort > 0
$q$),

('DeleteMembershipTableEntriesKey', $q$
DELETE FROM OrleansMembershipVersionTable WHERE DeploymentId = @DeploymentId
$q$),

('CleanupDefunctSiloEntriesKey', $q$
DELETE FROM OrleansMembershipTable
 WHERE DeploymentId = @DeploymentId AND Status = 6 AND IAmAliveTime < @IAmAliveTime
$q$);
