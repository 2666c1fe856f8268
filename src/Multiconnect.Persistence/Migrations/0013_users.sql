-- Users of the API other than the admin's initial password (POST /v1/users, PUT /v1/users/{name},
-- new_password on login), shared by every gateway replica. Only a salted PBKDF2 hash of each password
-- is stored. The admin has a row only once its password has been changed through the API; until then
-- its password is the one each gateway reads from its environment (docs/security.md).
-- The role is not stored: the admin user is ROLE_ADMIN, every other user ROLE_USER, as in the original.
CREATE TABLE users (
    name                text        PRIMARY KEY,
    password_salt       bytea       NOT NULL,
    password_hash       bytea       NOT NULL,
    password_iterations integer     NOT NULL CHECK (password_iterations > 0),
    created_at          timestamptz NOT NULL,
    password_changed_at timestamptz NOT NULL
);

-- A password change or a user's deletion deletes that user's tokens in the same transaction.
CREATE INDEX api_tokens_by_user ON api_tokens (user_name);

-- The salt of the password a token was issued under (NULL: the admin's initial password, from the
-- environment). A token is valid only while its user's stored password still has that salt: a password
-- change or the user's deletion ends every token issued before it, whatever happens concurrently.
ALTER TABLE api_tokens ADD COLUMN password_salt bytea;
