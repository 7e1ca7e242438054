-- Rooms: public and private rooms by name, and direct conversations ("dm:<id>:<id>"). Everyone is in general,
-- so general has no member rows; other rooms list theirs in room_members.
CREATE TABLE rooms (
    name       TEXT   NOT NULL PRIMARY KEY,
    kind       TEXT   NOT NULL CHECK (kind IN ('public', 'private', 'direct')),
    topic      TEXT,
    owner      TEXT,
    created_at BIGINT NOT NULL
);
INSERT INTO rooms (name, kind, topic, owner, created_at) VALUES ('general', 'public', NULL, NULL, 0);

CREATE TABLE room_members (
    id        INTEGER PRIMARY KEY AUTOINCREMENT,
    room      TEXT    NOT NULL REFERENCES rooms (name),
    username  TEXT    NOT NULL,
    joined_at BIGINT  NOT NULL
);
CREATE UNIQUE INDEX room_members_room_username ON room_members (room, username);

-- The highest message id each user has read in each room; unread counts are the messages after it.
CREATE TABLE read_markers (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    room         TEXT    NOT NULL,
    username     TEXT    NOT NULL,
    last_read_id INTEGER NOT NULL
);
CREATE UNIQUE INDEX read_markers_room_username ON read_markers (room, username);
-- Existing accounts start with general read, rather than its whole past counted as unread.
INSERT INTO read_markers (room, username, last_read_id)
    SELECT 'general', username, COALESCE((SELECT MAX(id) FROM messages WHERE room = 'general'), 0) FROM users;

-- Edits and deletions: a deleted message keeps its row (a tombstone) with empty text. edited_at lets a resuming
-- client be told about changes to messages it had already seen.
ALTER TABLE messages ADD COLUMN edited_at BIGINT;
ALTER TABLE messages ADD COLUMN deleted INTEGER NOT NULL DEFAULT 0;
CREATE INDEX messages_edited_at ON messages (edited_at) WHERE edited_at IS NOT NULL;

-- Full-text search over message text, kept in step with the messages table by triggers.
CREATE VIRTUAL TABLE messages_fts USING fts5(message, content = 'messages', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2');
INSERT INTO messages_fts (rowid, message) SELECT id, message FROM messages;

CREATE TRIGGER messages_fts_insert AFTER INSERT ON messages BEGIN
    INSERT INTO messages_fts (rowid, message) VALUES (new.id, new.message);
END;
CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages BEGIN
    INSERT INTO messages_fts (messages_fts, rowid, message) VALUES ('delete', old.id, old.message);
END;
CREATE TRIGGER messages_fts_update AFTER UPDATE OF message ON messages BEGIN
    INSERT INTO messages_fts (messages_fts, rowid, message) VALUES ('delete', old.id, old.message);
    INSERT INTO messages_fts (rowid, message) VALUES (new.id, new.message);
END;
