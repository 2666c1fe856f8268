-- The shard map in force, one row per service: the count and its generation, which grows by one per
-- change of count, and the business account. Every append locks this row (FOR SHARE) and writes only
-- if the generation it was routed by is still the current one; a change updates the row, so it waits
-- for the appends in flight, and no append of an older generation commits after it.
CREATE TABLE shard_maps (
    service_id    text        PRIMARY KEY,
    shard_count   integer     NOT NULL CHECK (shard_count IN (1, 2, 4, 8, 16, 32)),
    generation    bigint      NOT NULL,
    changed_at    timestamptz,
    account_cc    text,
    account_phone text,
    account_cert  text
);

-- What a message was accepted under: the generation and shard count of the map, and the recipient's
-- bucket (its hash modulo 32, so its shard under any count is bucket % count). Rows from before this
-- migration have generation 0, shards 0 (unknown) and no bucket.
ALTER TABLE messages_out
    ADD COLUMN generation bigint   NOT NULL DEFAULT 0,
    ADD COLUMN shards     smallint NOT NULL DEFAULT 0,
    ADD COLUMN bucket     smallint;
