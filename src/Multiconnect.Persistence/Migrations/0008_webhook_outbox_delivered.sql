-- The webhook dispatcher deletes callbacks some time after their delivery (Multiconnect:Webhooks:
-- DeliveredRetention). Partial, so rows enter it only when they are marked delivered: inserts by the
-- shards never touch it.
CREATE INDEX webhook_outbox_delivered ON webhook_outbox (service_id, delivered_at) WHERE delivered_at IS NOT NULL;
