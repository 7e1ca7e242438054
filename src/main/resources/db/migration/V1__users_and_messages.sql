-- The seed's two tables, plus what the protocol needs: a case- and width-folded username key for uniqueness,
-- the room of each message, the sender's idempotency key (client_id), and creation times.

CREATE TABLE users (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    username        TEXT    NOT NULL,
    username_key    TEXT    NOT NULL,
    hashed_password TEXT    NOT NULL,
    created_at      BIGINT  NOT NULL
);
CREATE UNIQUE INDEX users_username_key ON users (username_key);

-- AUTOINCREMENT: ids are never reused, so a client's ?since=<id> stays meaningful forever.
CREATE TABLE messages (
    id        INTEGER PRIMARY KEY AUTOINCREMENT,
    username  TEXT    NOT NULL,
    message   TEXT    NOT NULL,
    timestamp BIGINT  NOT NULL, -- epoch milliseconds, set by the server
    room      TEXT    NOT NULL DEFAULT 'general',
    client_id TEXT
);
CREATE INDEX messages_room_id ON messages (room, id);
CREATE UNIQUE INDEX messages_sender_client_id ON messages (username, client_id) WHERE client_id IS NOT NULL;
