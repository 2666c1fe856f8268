-- Orleans grain storage for invariant Npgsql, written to the provider's contract. A grain's state
-- is identified by service, state name and grain key (two numbers plus an optional string); the
-- provider also passes hashes of the key and the state name, which lead the lookup index. Version
-- is the ETag: a write or clear succeeds only against the version last read, and returns the new one.

CREATE TABLE OrleansStorage (
    ServiceId              text        NOT NULL,
    GrainTypeString        text        NOT NULL,
    GrainTypeHash          integer     NOT NULL,
    GrainIdHash            integer     NOT NULL,
    GrainIdN0              bigint      NOT NULL,
    GrainIdN1              bigint      NOT NULL,
    GrainIdExtensionString text,
    PayloadBinary          bytea,
    Version                integer     NOT NULL,
    ModifiedOn             timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT orleans_storage_identity
        UNIQUE NULLS NOT DISTINCT (ServiceId, GrainTypeString, GrainIdN0, GrainIdN1, GrainIdExtensionString)
);

CREATE INDEX orleans_storage_by_hash ON OrleansStorage (GrainIdHash, GrainTypeHash);

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES

('ReadFromStorageKey', $q$
SELECT PayloadBinary, Version
  FROM OrleansStorage
 WHERE GrainIdHash = @GrainIdHash AND GrainTypeHash = @GrainTypeHash
   AND ServiceId = @ServiceId AND GrainTypeString = @GrainTypeString
   AND GrainIdN0 = @GrainIdN0 AND GrainIdN1 = @GrainIdN1
   AND GrainIdExtensionString IS NOT DISTINCT FROM @GrainIdExtensionString
$q$),

('WriteToStorageKey', $q$
WITH updated AS (
    UPDATE OrleansStorage
       SET PayloadBinary = @PayloadBinary, Version = Version + 1, ModifiedOn = now()
     WHERE @GrainStateVersion IS NOT NULL AND Version = @GrainStateVersion
       AND GrainIdHash = @GrainIdHash AND GrainTypeHash = @GrainTypeHash
       AND ServiceId = @ServiceId AND GrainTypeString = @GrainTypeString
       AND GrainIdN0 = @GrainIdN0 AND GrainIdN1 = @GrainIdN1
       AND GrainIdExtensionString IS NOT DISTINCT FROM @GrainIdExtensionString
    RETURNING Version),
inserted AS (
    INSERT INTO OrleansStorage
        (ServiceId, GrainTypeString, GrainTypeHash, GrainIdHash, GrainIdN0, GrainIdN1, GrainIdExtensionString, PayloadBinary, Version)
    SELECT @ServiceId, @GrainTypeString, @GrainTypeHash, @GrainIdHash, @GrainIdN0, @GrainIdN1, @GrainIdExtensionString, @PayloadBinary, 1
     WHERE @GrainStateVersion IS NULL
    ON CONFLICT ON CONSTRAINT orleans_storage_identity DO NOTHING
    RETURNING Version)
SELECT (SELECT Version FROM updated UNION ALL SELECT Version FROM inserted LIMIT 1) AS NewGrainStateVersion
$q$),

('ClearStorageKey', $q$
UPDATE OrleansStorage
   SET PayloadBinary = NULL, Version = Version + 1, ModifiedOn = now()
 WHERE Version = @GrainStateVersion
   AND GrainIdHash = @GrainIdHash AND GrainTypeHash = @GrainTypeHash
   AND ServiceId = @ServiceId AND GrainTypeString = @GrainTypeString
   AND GrainIdN0 = @GrainIdN0 AND GrainIdN1 = @GrainIdN1
   AND GrainIdExtensionString IS NOT DISTINCT FROM @GrainIdExtensionString
RETURNING Version
$q$),

('DeleteStorageKey', $q$
DELETE FROM OrleansStorage
 WHERE Version = @GrainStateVersion
   AND GrainIdHash = @GrainIdHash AND GrainTypeHash = @GrainTypeHash
   AND ServiceId = @ServiceId AND GrainTypeString = @GrainTypeString
   AND GrainIdN0 = @GrainIdN0 AND GrainIdN1 = @GrainIdN1
   AND GrainIdExtensionString IS NOT DISTINCT FROM @GrainIdExtensionString
RETURNING Version + 1
$q$);
