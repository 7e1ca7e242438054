-- Cluster mode: the whole schema of the embedded SQLite migrations V1–V5, in PostgreSQL's terms. Flyway takes a lock
-- on the database while it migrates, so nodes that start together migrate it once.
-- (The signing key pair lives in chatterbox_signing_keys, which a node creates before Flyway runs: see
-- SharedSigningKeys. Flyway baselines at version 0 for it.)

CREATE TABLE users (
    id              BIGINT  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    username        TEXT    NOT NULL,
    username_key    TEXT    NOT NULL UNIQUE,
    hashed_password TEXT    NOT NULL,
    created_at      BIGINT  NOT NULL,
    token_version   INTEGER NOT NULL DEFAULT 0
);

-- Ids are taken inside the append transaction while it holds the cluster-wide append lock (PgMessageLog), so they
-- grow in commit order across all nodes: "everything after id N" is a gap-free resume on any node.
CREATE TABLE messages (
    id        BIGINT  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    username  TEXT    NOT NULL,
    message   TEXT    NOT NULL,
    timestamp BIGINT  NOT NULL, -- epoch milliseconds, set by the server
    room      TEXT    NOT NULL DEFAULT 'general',
    client_id TEXT,
    edited_at BIGINT,
    deleted   INTEGER NOT NULL DEFAULT 0, -- 1: a tombstone (as in SQLite, so both stores read rows alike)
    -- Full-text search: the 'simple' configuration lower-cases and splits words without stemming, as FTS5's
    -- unicode61 tokenizer does.
    words     TSVECTOR GENERATED ALWAYS AS (to_tsvector('simple', message)) STORED
);
CREATE INDEX messages_room_id ON messages (room, id);
CREATE UNIQUE INDEX messages_sender_client_id ON messages (username, client_id) WHERE client_id IS NOT NULL;
CREATE INDEX messages_edited_at ON messages (edited_at) WHERE edited_at IS NOT NULL;
CREATE INDEX messages_words ON messages USING GIN (words);

CREATE TABLE rooms (
    name       TEXT   NOT NULL PRIMARY KEY,
    kind       TEXT   NOT NULL CHECK (kind IN ('public', 'private', 'direct')),
    topic      TEXT,
    owner      TEXT,
    created_at BIGINT NOT NULL
);
INSERT INTO rooms (name, kind, topic, owner, created_at) VALUES ('general', 'public', NULL, NULL, 0);

CREATE TABLE room_members (
    room      TEXT   NOT NULL REFERENCES rooms (name),
    username  TEXT   NOT NULL,
    joined_at BIGINT NOT NULL,
    PRIMARY KEY (room, username)
);

CREATE TABLE read_markers (
    room         TEXT   NOT NULL,
    username     TEXT   NOT NULL,
    last_read_id BIGINT NOT NULL,
    PRIMARY KEY (room, username)
);

CREATE TABLE trusted_devices (
    device_hash  TEXT   NOT NULL PRIMARY KEY,
    username_key TEXT   NOT NULL,
    expires_at   BIGINT NOT NULL
);
CREATE INDEX trusted_devices_account ON trusted_devices (username_key, expires_at);
