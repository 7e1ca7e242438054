package io.chatterbox.storage.postgres;

import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import io.chatterbox.files.FileCatalog;
import io.chatterbox.files.StoredFile;
import io.chatterbox.storage.jdbc.FileRows;

/**
 * The cluster's {@link FileCatalog}: the files table in PostgreSQL, shared by every node. Each write is one statement
 * (autocommit): a marking {@code UPDATE … RETURNING} rechecks its conditions on each row it locks, so a message claiming
 * a file and the sweep of unclaimed ones never both win.
 */
public class PgFileCatalog implements FileCatalog {

    private final Jdbc jdbc;

    public PgFileCatalog(DataSource database) {
        this.jdbc = new Jdbc(database);
    }

    @Override
    public void insert(StoredFile file) {
        jdbc.autocommit("store a file", connection -> {
            FileRows.insert(connection, file);
            return null;
        });
    }

    @Override
    public Optional<StoredFile> find(String id) {
        return jdbc.autocommit("read a file", connection -> FileRows.find(connection, id));
    }

    @Override
    public List<StoredFile> findAll(List<String> ids) {
        return jdbc.autocommit("read files", connection -> FileRows.findAll(connection, ids));
    }

    @Override
    public long usedBytes(String uploader) {
        return jdbc.autocommit("sum the files of " + uploader, connection -> FileRows.usedBytes(connection, uploader));
    }

    @Override
    public List<StoredFile> deleteAttachedTo(long messageId) {
        return jdbc.autocommit("delete the files of a message", connection -> FileRows.deleteAttachedTo(connection, messageId));
    }

    @Override
    public boolean deleteUnattached(String id, String uploader) {
        return jdbc.autocommit("delete a file", connection -> FileRows.deleteUnattached(connection, id, uploader));
    }

    @Override
    public List<StoredFile> deleteUnclaimed(long createdBefore) {
        return jdbc.autocommit("delete unclaimed files", connection -> FileRows.deleteUnclaimed(connection, createdBefore));
    }

    @Override
    public boolean references(String sha256) {
        return jdbc.autocommit("look for files of a blob", connection -> FileRows.references(connection, sha256));
    }
}
