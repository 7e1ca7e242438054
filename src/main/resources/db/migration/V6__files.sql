-- Files and images in conversations (issue 13). One row per upload; its bytes live in the blob store under their
-- SHA-256 (identical uploads share one blob), so rows are marked deleted rather than removed, and a blob goes once no
-- row that is not deleted names it (as its bytes or as its thumbnail). message_id stays null until a message carries
-- the file; uploads no message claimed are swept after a while.
CREATE TABLE files (
    id           TEXT    NOT NULL PRIMARY KEY, -- 128 random bits, base64url: the link nobody can guess
    room         TEXT    NOT NULL,
    uploader     TEXT    NOT NULL,             -- username
    name         TEXT    NOT NULL,             -- sanitised on upload; metadata only, never part of a path
    type         TEXT    NOT NULL,             -- sniffed from the bytes
    size         BIGINT  NOT NULL,
    sha256       TEXT    NOT NULL,
    width        INTEGER,                      -- images only
    height       INTEGER,
    thumb_sha256 TEXT,                         -- images larger than a thumbnail only
    thumb_type   TEXT,
    message_id   BIGINT,
    created_at   BIGINT  NOT NULL,             -- epoch milliseconds
    deleted      INTEGER NOT NULL DEFAULT 0    -- 1 once deleted (false/true, as in PostgreSQL's boolean)
);
-- The quota: the sum of an uploader's live files, read from the index alone.
CREATE INDEX files_uploader_live ON files (uploader, size) WHERE NOT deleted;
-- A deleted message takes its files with it.
CREATE INDEX files_message ON files (message_id) WHERE message_id IS NOT NULL;
-- Whether anything still refers to a blob.
CREATE INDEX files_sha256 ON files (sha256);
CREATE INDEX files_thumb_sha256 ON files (thumb_sha256) WHERE thumb_sha256 IS NOT NULL;
-- The sweep of uploads no message claimed, oldest first.
CREATE INDEX files_unclaimed ON files (created_at) WHERE message_id IS NULL AND NOT deleted;

-- A message's attachments (a JSON array, as clients see them) and their names, joined by spaces, so a search finds a
-- message by the names of its files.
ALTER TABLE messages ADD COLUMN attachments TEXT;
ALTER TABLE messages ADD COLUMN attachment_names TEXT;

-- Search over both columns; the same tokenizer and prefix index as V4. FTS5 cannot add a column in place: rebuild
-- the table. A MATCH on the table searches every column, so the search query stays as it was.
DROP TRIGGER messages_fts_insert;
DROP TRIGGER messages_fts_delete;
DROP TRIGGER messages_fts_update;
DROP TABLE messages_fts;

CREATE VIRTUAL TABLE messages_fts USING fts5(message, attachment_names, content = 'messages', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2', prefix = '3');
INSERT INTO messages_fts (messages_fts) VALUES ('rebuild');

CREATE TRIGGER messages_fts_insert AFTER INSERT ON messages BEGIN
    INSERT INTO messages_fts (rowid, message, attachment_names) VALUES (new.id, new.message, new.attachment_names);
END;
CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages BEGIN
    INSERT INTO messages_fts (messages_fts, rowid, message, attachment_names)
        VALUES ('delete', old.id, old.message, old.attachment_names);
END;
CREATE TRIGGER messages_fts_update AFTER UPDATE OF message, attachment_names ON messages BEGIN
    INSERT INTO messages_fts (messages_fts, rowid, message, attachment_names)
        VALUES ('delete', old.id, old.message, old.attachment_names);
    INSERT INTO messages_fts (rowid, message, attachment_names) VALUES (new.id, new.message, new.attachment_names);
END;
