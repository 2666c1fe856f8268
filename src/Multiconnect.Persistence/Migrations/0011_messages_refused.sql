-- A message the upstream refused for what it holds can never be delivered: it leaves the shard's queue
-- (sent_at is when the upstream answered) with the refusal kept beside it, and its 'failed' status
-- goes to the webhook. sent_at alone no longer means accepted: refusal IS NULL does.
ALTER TABLE messages_out ADD COLUMN refusal text;
