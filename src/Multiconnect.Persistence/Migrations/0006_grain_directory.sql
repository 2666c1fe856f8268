-- Where each shard (and the shard map) is active: an Orleans grain directory of our own, kept in
-- PostgreSQL. Entries of a silo live here, not on another silo, so a CoreApp's death never makes a
-- healthy CoreApp's shard disappear; and a registration is a single atomic statement.
CREATE TABLE grain_directory (
    service_id         text        NOT NULL,
    grain_id           text        NOT NULL,
    silo_address       text        NOT NULL,
    activation_id      text        NOT NULL,
    membership_version bigint      NOT NULL,
    registered_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (service_id, grain_id)
);

CREATE INDEX grain_directory_by_silo ON grain_directory (service_id, silo_address);
