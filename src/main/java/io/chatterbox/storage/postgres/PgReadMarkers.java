package io.chatterbox.storage.postgres;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import io.chatterbox.messages.ReadMarkerStore;

/** The cluster's {@link ReadMarkerStore}: the read_markers table in PostgreSQL; one upsert that only moves forward. */
public class PgReadMarkers implements ReadMarkerStore {

    private static final String LAST_READ = "SELECT last_read_id FROM read_markers WHERE room = ? AND username = ?";
    private static final String ADVANCE = """
            INSERT INTO read_markers (room, username, last_read_id) VALUES (?, ?, ?)
            ON CONFLICT (room, username) DO UPDATE SET last_read_id = GREATEST(read_markers.last_read_id, excluded.last_read_id)
            RETURNING last_read_id""";
    private static final String START_AT_NEWEST = """
            INSERT INTO read_markers (room, username, last_read_id)
            VALUES (?, ?, (SELECT COALESCE(MAX(id), 0) FROM messages WHERE room = ?))
            ON CONFLICT (room, username) DO UPDATE SET last_read_id = GREATEST(read_markers.last_read_id, excluded.last_read_id)""";

    private final Jdbc jdbc;

    public PgReadMarkers(DataSource database) {
        this.jdbc = new Jdbc(database);
    }

    @Override
    public long lastRead(String username, String room) {
        Long id = jdbc.autocommit("read a read marker", connection -> Jdbc.first(connection, LAST_READ, statement -> {
            statement.setString(1, room);
            statement.setString(2, username);
        }, row -> row.getLong(1)));
        return id == null ? 0 : id;
    }

    @Override
    public long advance(String username, String room, long id) {
        return jdbc.autocommit("store a read marker", connection -> Jdbc.first(connection, ADVANCE, statement -> {
            statement.setString(1, room);
            statement.setString(2, username);
            statement.setLong(3, id);
        }, row -> row.getLong(1)));
    }

    /** Marks everything already in the room as read for someone who just arrived, in the arrival's transaction. */
    static void startAtNewest(Connection connection, String username, String room) throws SQLException {
        Jdbc.update(connection, START_AT_NEWEST, statement -> {
            statement.setString(1, room);
            statement.setString(2, username);
            statement.setString(3, room);
        });
    }
}
