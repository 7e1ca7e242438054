-- Search: an FTS5 prefix index for three-character prefixes, so a prefix query never scans every term that starts
-- with it (shorter words are matched whole, never as prefixes). FTS5 cannot add one in place: rebuild the table.
DROP TRIGGER messages_fts_insert;
DROP TRIGGER messages_fts_delete;
DROP TRIGGER messages_fts_update;
DROP TABLE messages_fts;

CREATE VIRTUAL TABLE messages_fts USING fts5(message, content = 'messages', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2', prefix = '3');
INSERT INTO messages_fts (messages_fts) VALUES ('rebuild');

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
