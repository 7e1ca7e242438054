package io.chatterbox.storage.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.chatterbox.messages.Appended;
import io.chatterbox.messages.Draft;
import io.chatterbox.messages.StoredMessage;

/**
 * The messages table over plain JDBC, for the hot paths: appending a batch with two prepared statements on the
 * writer's transaction, and turning rows into messages for history pages. Profiling showed Hibernate's per-entity
 * machinery (query plans, auto-flush, insert coordination, hydration) taking most of that time and SQLite itself a
 * few percent; the rare writes (edits, rooms, read markers) and other reads stay with the entities. The SQL is
 * what SQLite and PostgreSQL both speak, so the embedded and the cluster message logs share it.
 */
public final class MessageRows {

    /** The columns {@link #read} expects, in a SELECT. */
    public static final String COLUMNS = "id, username, message, timestamp, room, client_id, edited_at, deleted";
    private static final String FIND_EARLIER = "SELECT " + COLUMNS + " FROM messages WHERE username = ? AND client_id = ?";
    private static final String INSERT = """
            INSERT INTO messages (username, message, timestamp, room, client_id) VALUES (?, ?, ?, ?, ?) RETURNING id""";

    private MessageRows() {
    }

    /** Stores each draft, or finds the earlier copy of a repeated clientId; results in batch order. */
    public static List<Appended> append(Connection connection, List<Draft> drafts, long now) throws SQLException {
        List<Appended> stored = new ArrayList<>(drafts.size());
        Map<String, StoredMessage> byClientId = new HashMap<>();
        try (PreparedStatement findEarlier = connection.prepareStatement(FIND_EARLIER);
                PreparedStatement insert = connection.prepareStatement(INSERT)) {
            for (Draft draft : drafts) {
                String idempotencyKey = draft.clientId() == null ? null : draft.username() + '\u0000' + draft.clientId();
                StoredMessage earlier = idempotencyKey == null ? null : byClientId.get(idempotencyKey);
                if (earlier == null && idempotencyKey != null) {
                    earlier = findEarlier(findEarlier, draft);
                }
                if (earlier != null) {
                    stored.add(new Appended(earlier, true));
                    continue;
                }
                StoredMessage message = insert(insert, draft, now);
                if (idempotencyKey != null) {
                    byClientId.put(idempotencyKey, message);
                }
                stored.add(new Appended(message, false));
            }
        }
        return stored;
    }

    private static StoredMessage findEarlier(PreparedStatement statement, Draft draft) throws SQLException {
        statement.setString(1, draft.username());
        statement.setString(2, draft.clientId());
        try (ResultSet row = statement.executeQuery()) {
            return row.next() ? read(row) : null;
        }
    }

    /** The message in the current row of a query that selected {@link #COLUMNS}. */
    public static StoredMessage read(ResultSet row) throws SQLException {
        long editedAt = row.getLong("edited_at");
        Long edited = row.wasNull() ? null : editedAt;
        return new StoredMessage(row.getLong("id"), row.getString("room"), row.getString("username"),
                row.getString("message"), row.getLong("timestamp"), row.getString("client_id"), edited,
                row.getInt("deleted") != 0);
    }

    private static StoredMessage insert(PreparedStatement statement, Draft draft, long now) throws SQLException {
        statement.setString(1, draft.username());
        statement.setString(2, draft.text());
        statement.setLong(3, now);
        statement.setString(4, draft.room());
        statement.setString(5, draft.clientId());
        try (ResultSet id = statement.executeQuery()) {
            if (!id.next()) {
                throw new SQLException("INSERT … RETURNING id returned no row");
            }
            return new StoredMessage(id.getLong(1), draft.room(), draft.username(), draft.text(), now, draft.clientId(),
                    null, false);
        }
    }
}
