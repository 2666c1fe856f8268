-- Media files (POST /v1/media; later also the users' media the CoreApps receive), shared by every
-- gateway and CoreApp of the service. A file is its row in media and its content in media_chunks, in
-- order, at most PostgresMediaStore.ChunkBytes each, so that no process ever holds a whole file: an
-- upload writes each chunk as it arrives and a download reads one chunk at a time. docs/benchmarks.md
-- compares this with large objects.
CREATE TABLE media (
    id           uuid        PRIMARY KEY,
    service_id   text        NOT NULL,
    content_type text        NOT NULL,
    -- NULL until the last chunk is written: until then the file is not found, and an upload that never
    -- completes (its gateway died) is deleted by the retention pruner after a day.
    length       bigint      CHECK (length >= 0),
    created_at   timestamptz NOT NULL DEFAULT now(),
    completed_at timestamptz
);

-- Retention finds the oldest files first, and reads no others.
CREATE INDEX media_by_age ON media (service_id, created_at);

CREATE TABLE media_chunks (
    media_id uuid    NOT NULL REFERENCES media (id) ON DELETE CASCADE,
    seq      integer NOT NULL CHECK (seq >= 0),
    data     bytea   NOT NULL,
    PRIMARY KEY (media_id, seq)
);

-- Out of line and uncompressed: media are compressed already (JPEG, MP4, Opus, ...), so pglz would spend
-- CPU on every write for nothing.
ALTER TABLE media_chunks ALTER COLUMN data SET STORAGE EXTERNAL;
