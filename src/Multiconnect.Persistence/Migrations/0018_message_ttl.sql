-- A message may say how long it may wait to be sent (its ttl): past expires_at it fails instead of going.
-- Null (every row before, and messages without a ttl) never expires. A nullable column without a default
-- is a change of the catalogue only; no index: it is read with the pending rows a shard loads.
ALTER TABLE messages_out ADD COLUMN expires_at timestamptz;
