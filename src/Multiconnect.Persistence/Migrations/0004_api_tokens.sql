-- Bearer tokens issued by POST /v1/users/login, shared by every gateway replica.
-- Only the SHA-256 of a token is stored; a leaked table does not let anyone log in.
CREATE TABLE api_tokens (
    token_hash bytea       PRIMARY KEY,
    user_name  text        NOT NULL,
    issued_at  timestamptz NOT NULL,
    expires_at timestamptz NOT NULL
);

CREATE INDEX api_tokens_by_expiry ON api_tokens (expires_at);
