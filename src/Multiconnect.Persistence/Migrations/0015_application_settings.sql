-- The rest of the original's application settings that a migrating integration sets (docs/webhooks.md,
-- "Application settings"). The dispatcher reads them on every pass, so a change applies at once.
ALTER TABLE application_settings
    ADD COLUMN delivered_status              boolean NOT NULL DEFAULT true,
    ADD COLUMN read_status                   boolean NOT NULL DEFAULT true,
    ADD COLUMN callback_persist              boolean NOT NULL DEFAULT true,
    ADD COLUMN callback_backoff_delay_ms     integer NOT NULL DEFAULT 3000,
    ADD COLUMN max_callback_backoff_delay_ms integer NOT NULL DEFAULT 900000,
    ADD COLUMN max_concurrent_requests       integer NOT NULL DEFAULT 6,
    ADD COLUMN heartbeat_interval            integer NOT NULL DEFAULT 5,
    ADD COLUMN unhealthy_interval            integer NOT NULL DEFAULT 30;
