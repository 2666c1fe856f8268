-- The generation from which the stored business number is the cluster's. Registering another number
-- is a new generation, and messages accepted under an earlier one were accepted for the old number:
-- they are never sent over the new number's sessions (docs/account.md, "One number per cluster").
ALTER TABLE shard_maps ADD COLUMN number_since bigint NOT NULL DEFAULT 0;
