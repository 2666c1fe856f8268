-- The defunct-silo cleanup follows the ADO.NET clustering contract: every row older than the cut-off
-- that is not Active goes, not only Dead ones. A silo that died while joining (Created, Joining) or
-- while shutting down (ShuttingDown, Stopping) never reaches Dead, and would otherwise stay forever.
UPDATE OrleansQuery SET QueryText = $q$
DELETE FROM OrleansMembershipTable
 WHERE DeploymentId = @DeploymentId AND Status <> 3 AND IAmAliveTime < @IAmAliveTime
$q$
WHERE QueryKey = 'CleanupDefunctSiloEntriesKey';
