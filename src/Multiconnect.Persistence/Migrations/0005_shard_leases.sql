-- Shard ownership fencing (invariant 2). A shard activation claims its shard's lease, which bumps
-- the shard's epoch; from then on every write it makes, and every upstream session and send,
-- carries that epoch. An activation whose epoch is no longer the current one has been replaced:
-- its attempts are refused here (and upstream), recorded in shard_fence_events, and it stops.
CREATE TABLE shard_leases (
    service_id  text        NOT NULL,
    shard_id    integer     NOT NULL,
    epoch       bigint      NOT NULL,
    owner_silo  text,                   -- Orleans silo address of the holder; NULL when released
    owner_name  text,                   -- its node name
    claimed_at  timestamptz NOT NULL,
    renewed_at  timestamptz NOT NULL,
    PRIMARY KEY (service_id, shard_id)
);

-- Every refused attempt by a replaced owner: the audit trail that fencing works.
CREATE TABLE shard_fence_events (
    id            bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    service_id    text        NOT NULL,
    shard_id      integer     NOT NULL,
    stale_epoch   bigint      NOT NULL,
    current_epoch bigint,
    stale_silo    text        NOT NULL,
    refused_at    timestamptz NOT NULL DEFAULT now()
);
