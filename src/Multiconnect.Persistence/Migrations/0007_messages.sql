-- The message log (invariant 5): a message is accepted only once its row is committed here.
-- seq is the accepted order; a shard delivers its pending rows (sent_at IS NULL) in seq order,
-- so each recipient's messages reach the upstream in the order they were accepted.
CREATE TABLE messages_out (
    seq            bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id             text        NOT NULL UNIQUE,
    service_id     text        NOT NULL,
    shard_id       integer     NOT NULL,
    recipient      text        NOT NULL,
    body           text        NOT NULL,
    accepted_epoch bigint      NOT NULL,   -- the shard's epoch when it accepted the message
    accepted_at    timestamptz NOT NULL DEFAULT now(),
    sent_at        timestamptz             -- acknowledged by the upstream
);

CREATE INDEX messages_out_pending ON messages_out (service_id, shard_id, seq) WHERE sent_at IS NULL;

-- Messages users wrote to the business, stored before they are acknowledged upstream.
CREATE TABLE messages_in (
    id          text        PRIMARY KEY,
    service_id  text        NOT NULL,
    shard_id    integer     NOT NULL,
    sender      text        NOT NULL,
    body        text        NOT NULL,
    sent_at     timestamptz NOT NULL,      -- the user's timestamp, from the upstream
    received_at timestamptz NOT NULL DEFAULT now(),
    read_at     timestamptz                -- marked read upstream (PUT /v1/messages/{id})
);

-- Callbacks waiting for the webhook: at least once, in order per conversation (the user's wa_id).
CREATE TABLE webhook_outbox (
    seq             bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    service_id      text        NOT NULL,
    conversation    text        NOT NULL,
    kind            text        NOT NULL CHECK (kind IN ('status', 'message')),
    status          text,                  -- for statuses: sent, delivered, read, failed
    payload         jsonb       NOT NULL,  -- the callback body, ready to POST
    created_at      timestamptz NOT NULL DEFAULT now(),
    attempts        integer     NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL DEFAULT now(),
    delivered_at    timestamptz,
    last_error      text
);

CREATE INDEX webhook_outbox_pending ON webhook_outbox (service_id, conversation, seq) WHERE delivered_at IS NULL;

-- The application settings of the original that matter here: where callbacks go, and whether
-- 'sent' statuses are among them.
CREATE TABLE application_settings (
    service_id  text        PRIMARY KEY,
    webhook_url text,
    sent_status boolean     NOT NULL DEFAULT false,
    updated_at  timestamptz NOT NULL DEFAULT now()
);
