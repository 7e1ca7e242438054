package io.chatterbox.storage.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

import io.chatterbox.files.StoredFile;

/**
 * The files table over plain JDBC, in SQL that SQLite and PostgreSQL both speak, so the embedded and the cluster
 * catalogs share it. {@code deleted} is 0/1 in SQLite and a boolean in PostgreSQL: the statements only ever say
 * {@code NOT deleted} and {@code TRUE}, which both read alike (and which the partial indexes repeat word for word, so
 * SQLite's planner uses them). Every write is a single statement, atomic on its own in both databases.
 */
public final class FileRows {

    /** The columns {@link #read} expects, in a SELECT or RETURNING. */
    public static final String COLUMNS =
            "id, room, uploader, name, type, size, sha256, width, height, thumb_sha256, thumb_type, message_id, created_at";
    private static final String INSERT = "INSERT INTO files (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String FIND = "SELECT " + COLUMNS + " FROM files WHERE id = ? AND NOT deleted";
    private static final String USED = "SELECT COALESCE(SUM(size), 0) FROM files WHERE uploader = ? AND NOT deleted";
    private static final String DELETE_ATTACHED = "UPDATE files SET deleted = TRUE WHERE message_id = ? AND NOT deleted RETURNING "
            + COLUMNS;
    private static final String DELETE_UNATTACHED = """
            UPDATE files SET deleted = TRUE WHERE id = ? AND uploader = ? AND message_id IS NULL AND NOT deleted""";
    private static final String DELETE_UNCLAIMED = "UPDATE files SET deleted = TRUE"
            + " WHERE message_id IS NULL AND NOT deleted AND created_at < ? RETURNING " + COLUMNS;
    /** Two lookups rather than one OR, so each uses its own index. */
    private static final String REFERENCES = """
            SELECT CASE WHEN EXISTS (SELECT 1 FROM files WHERE sha256 = ? AND NOT deleted)
                OR EXISTS (SELECT 1 FROM files WHERE thumb_sha256 = ? AND NOT deleted) THEN 1 ELSE 0 END""";

    private FileRows() {
    }

    public static void insert(Connection connection, StoredFile file) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(INSERT)) {
            statement.setString(1, file.id());
            statement.setString(2, file.room());
            statement.setString(3, file.uploader());
            statement.setString(4, file.name());
            statement.setString(5, file.type());
            statement.setLong(6, file.size());
            statement.setString(7, file.sha256());
            setNullable(statement, 8, file.width(), Types.INTEGER);
            setNullable(statement, 9, file.height(), Types.INTEGER);
            statement.setString(10, file.thumbSha256());
            statement.setString(11, file.thumbType());
            setNullable(statement, 12, file.messageId(), Types.BIGINT);
            statement.setLong(13, file.createdAt());
            statement.executeUpdate();
        }
    }

    public static Optional<StoredFile> find(Connection connection, String id) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(FIND)) {
            statement.setString(1, id);
            return readAll(statement).stream().findFirst();
        }
    }

    public static List<StoredFile> findAll(Connection connection, List<String> ids) throws SQLException {
        if (ids.isEmpty()) {
            return List.of();
        }
        String sql = "SELECT " + COLUMNS + " FROM files WHERE id IN (" + String.join(", ", Collections.nCopies(ids.size(), "?"))
                + ") AND NOT deleted";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < ids.size(); i++) {
                statement.setString(i + 1, ids.get(i));
            }
            return readAll(statement);
        }
    }

    public static long usedBytes(Connection connection, String uploader) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(USED)) {
            statement.setString(1, uploader);
            try (ResultSet sum = statement.executeQuery()) {
                return sum.next() ? sum.getLong(1) : 0;
            }
        }
    }

    public static List<StoredFile> deleteAttachedTo(Connection connection, long messageId) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(DELETE_ATTACHED)) {
            statement.setLong(1, messageId);
            return readAll(statement);
        }
    }

    public static boolean deleteUnattached(Connection connection, String id, String uploader) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(DELETE_UNATTACHED)) {
            statement.setString(1, id);
            statement.setString(2, uploader);
            return statement.executeUpdate() > 0;
        }
    }

    public static List<StoredFile> deleteUnclaimed(Connection connection, long createdBefore) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(DELETE_UNCLAIMED)) {
            statement.setLong(1, createdBefore);
            return readAll(statement);
        }
    }

    public static boolean references(Connection connection, String sha256) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(REFERENCES)) {
            statement.setString(1, sha256);
            statement.setString(2, sha256);
            try (ResultSet found = statement.executeQuery()) {
                return found.next() && found.getInt(1) == 1;
            }
        }
    }

    /** The file in the current row of a query that selected {@link #COLUMNS}. */
    public static StoredFile read(ResultSet row) throws SQLException {
        return new StoredFile(row.getString("id"), row.getString("room"), row.getString("uploader"), row.getString("name"),
                row.getString("type"), row.getLong("size"), row.getString("sha256"), nullableInt(row, "width"),
                nullableInt(row, "height"), row.getString("thumb_sha256"), row.getString("thumb_type"),
                nullableLong(row, "message_id"), row.getLong("created_at"));
    }

    private static List<StoredFile> readAll(PreparedStatement statement) throws SQLException {
        List<StoredFile> files = new ArrayList<>();
        try (ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                files.add(read(rows));
            }
        }
        return files;
    }

    private static void setNullable(PreparedStatement statement, int index, Number value, int type) throws SQLException {
        if (value == null) {
            statement.setNull(index, type);
        } else if (type == Types.BIGINT) {
            statement.setLong(index, value.longValue());
        } else {
            statement.setInt(index, value.intValue());
        }
    }

    private static Integer nullableInt(ResultSet row, String column) throws SQLException {
        int value = row.getInt(column);
        return row.wasNull() ? null : value;
    }

    private static Long nullableLong(ResultSet row, String column) throws SQLException {
        long value = row.getLong(column);
        return row.wasNull() ? null : value;
    }
}
