-- Retention (Multiconnect:Retention and Multiconnect:Webhooks): the CoreApp holding the webhook
-- dispatcher role deletes old rows in batches, oldest first. Each index below lets a batch find its
-- rows without reading the rows that stay, and each is partial or grows at its right end only, so the
-- writes of the hot path pay little for it.

-- Sent messages, in the order they were sent. A row enters it when the upstream's acknowledgement marks
-- it sent (that update already rewrites every index entry of the row, as sent_at decides membership of
-- messages_out_pending), never when a message is accepted. Unsent rows are never in it, so no batch can
-- reach one.
CREATE INDEX messages_out_sent ON messages_out (service_id, sent_at) WHERE sent_at IS NOT NULL;

-- Undelivered callbacks in the order they were written: the pending index above (by conversation)
-- serves the dispatcher; this one finds the oldest undelivered callbacks when the backlog passes its
-- bounds (MaxPendingAge, MaxPendingCallbacks), and the backlog's size for health and metrics. Every
-- insert into the outbox adds an entry at its right end; measured with 100,000 inserts in statements of
-- 50 rows from one connection: about 85 more bytes of WAL per row (593 instead of 508) and about 5 %
-- more time.
CREATE INDEX webhook_outbox_undelivered ON webhook_outbox (service_id, seq) WHERE delivered_at IS NULL;

-- Users' messages in the order they arrived.
CREATE INDEX messages_in_received ON messages_in (service_id, received_at);

-- shard_fence_events needs none: its primary key follows the order of refusal, and a row is written
-- only when a replaced owner tries something, which is rare.
