package io.chatterbox.storage;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Typed;

import javax.sql.DataSource;

import io.chatterbox.files.FileCatalog;
import io.chatterbox.files.StoredFile;
import io.chatterbox.storage.jdbc.FileRows;

/**
 * The embedded {@link FileCatalog}: the files table of the SQLite file, over plain JDBC.
 * <p>
 * Every write is one statement on an autocommit connection, no transaction around it. SQLite runs such a statement as
 * a write transaction from its start (it takes the write lock before it reads), so it waits out the message writer
 * within the busy timeout instead of failing as a read that later needs to write would; and a marking
 * {@code UPDATE … RETURNING} decides and reports which rows it deleted in that one step. (Called inside a JTA
 * transaction, the connection joins it instead.)
 */
@ApplicationScoped
@Typed(SqliteFileCatalog.class)
public class SqliteFileCatalog implements FileCatalog {

    private final DataSource database;

    /** Through Instance: in cluster mode the SQLite datasource is inactive, and a direct injection would start it. */
    SqliteFileCatalog(Instance<DataSource> database) {
        this.database = database.get();
    }

    @Override
    public void insert(StoredFile file) {
        on("store a file", connection -> {
            FileRows.insert(connection, file);
            return null;
        });
    }

    @Override
    public Optional<StoredFile> find(String id) {
        return on("read a file", connection -> FileRows.find(connection, id));
    }

    @Override
    public List<StoredFile> findAll(List<String> ids) {
        return on("read files", connection -> FileRows.findAll(connection, ids));
    }

    @Override
    public long usedBytes(String uploader) {
        return on("sum the files of " + uploader, connection -> FileRows.usedBytes(connection, uploader));
    }

    @Override
    public List<StoredFile> deleteAttachedTo(long messageId) {
        return on("delete the files of a message", connection -> FileRows.deleteAttachedTo(connection, messageId));
    }

    @Override
    public boolean deleteUnattached(String id, String uploader) {
        return on("delete a file", connection -> FileRows.deleteUnattached(connection, id, uploader));
    }

    @Override
    public List<StoredFile> deleteUnclaimed(long createdBefore) {
        return on("delete unclaimed files", connection -> FileRows.deleteUnclaimed(connection, createdBefore));
    }

    @Override
    public boolean references(String sha256) {
        return on("look for files of a blob", connection -> FileRows.references(connection, sha256));
    }

    private interface Work<T> {
        T on(Connection connection) throws SQLException;
    }

    private <T> T on(String what, Work<T> work) {
        try (Connection connection = database.getConnection()) {
            return work.on(connection);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not " + what, e);
        }
    }
}
