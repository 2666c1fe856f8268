-- Every message type of the original travels (text, template, image, location, …): a message's type is
-- kept beside its body, which is the text of a 'text' and the JSON of the type's object for any other.
-- A constant default makes each ADD COLUMN a change of the catalogue only (PostgreSQL 11+): no table is
-- rewritten, rows written before read as 'text', and the hot append writes one short value more; no index.
ALTER TABLE messages_out ADD COLUMN type text NOT NULL DEFAULT 'text';

-- A user's message keeps what its webhook payload is built from: its type, and the name on the user's
-- profile as the servers told it (null: not told; the payload then names the user by number).
ALTER TABLE messages_in
    ADD COLUMN type         text NOT NULL DEFAULT 'text',
    ADD COLUMN profile_name text;
