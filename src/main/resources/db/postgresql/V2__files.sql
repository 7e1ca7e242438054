-- Files and images in conversations (issue 13): the embedded V6 in PostgreSQL's terms, plus the blobs themselves,
-- which cluster nodes cannot keep in a directory of their own.

-- One row per upload; see the embedded V6 for the columns. deleted is a boolean here and 0/1 in SQLite: the shared
-- SQL (FileRows) writes NOT deleted and TRUE, which both read alike.
CREATE TABLE files (
    id           TEXT    NOT NULL PRIMARY KEY,
    room         TEXT    NOT NULL,
    uploader     TEXT    NOT NULL,
    name         TEXT    NOT NULL,
    type         TEXT    NOT NULL,
    size         BIGINT  NOT NULL,
    sha256       TEXT    NOT NULL,
    width        INTEGER,
    height       INTEGER,
    thumb_sha256 TEXT,
    thumb_type   TEXT,
    message_id   BIGINT,
    created_at   BIGINT  NOT NULL,
    deleted      BOOLEAN NOT NULL DEFAULT FALSE
);
CREATE INDEX files_uploader_live ON files (uploader) INCLUDE (size) WHERE NOT deleted;
CREATE INDEX files_message ON files (message_id) WHERE message_id IS NOT NULL;
CREATE INDEX files_sha256 ON files (sha256);
CREATE INDEX files_thumb_sha256 ON files (thumb_sha256) WHERE thumb_sha256 IS NOT NULL;
CREATE INDEX files_unclaimed ON files (created_at) WHERE message_id IS NULL AND NOT deleted;

-- A message's attachments (a JSON array) and their names joined by spaces, searchable with the text. The names'
-- punctuation becomes spaces first: the parser would otherwise keep "holiday-photo.jpg" as one file-name token, where
-- SQLite's tokenizer finds the words holiday, photo and jpg. (translate: one space for each of the 32 ASCII marks.)
ALTER TABLE messages ADD COLUMN attachments TEXT;
ALTER TABLE messages ADD COLUMN attachment_names TEXT;
DROP INDEX messages_words;
ALTER TABLE messages DROP COLUMN words;
ALTER TABLE messages ADD COLUMN words TSVECTOR GENERATED ALWAYS AS (to_tsvector('simple', message || ' '
    || translate(coalesce(attachment_names, ''), '!"#$%&''()*+,-./:;<=>?@[\]^_`{|}~', '                                ')))
    STORED;
CREATE INDEX messages_words ON messages USING GIN (words);

-- Blobs, GridFS-style: each blob's bytes in chunks of bytea (a range read fetches only the chunks it covers), written
-- in one transaction whose last row, in blobs, says the blob is complete. EXTERNAL storage: media is compressed
-- already, and uncompressed values let substring() read only the TOAST slices it needs.
CREATE TABLE file_chunks (
    sha256 TEXT    NOT NULL,
    seq    INTEGER NOT NULL,
    data   BYTEA   NOT NULL,
    PRIMARY KEY (sha256, seq)
);
ALTER TABLE file_chunks ALTER COLUMN data SET STORAGE EXTERNAL;

-- chunk_size: every chunk but the last holds that many bytes, so a reader finds an offset's chunk without asking,
-- and a later change of the writer's chunk size leaves earlier blobs readable.
CREATE TABLE blobs (
    sha256     TEXT    NOT NULL PRIMARY KEY,
    size       BIGINT  NOT NULL,
    chunk_size INTEGER NOT NULL,
    created_at BIGINT  NOT NULL
);
