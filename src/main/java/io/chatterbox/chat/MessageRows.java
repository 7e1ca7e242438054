package io.chatterbox.chat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The messages table over plain JDBC, for the hot paths: appending a batch with two prepared statements on the
 * writer's transaction, and turning rows into messages for history pages. Profiling showed Hibernate's per-entity
 * machinery (query plans, auto-flush, insert coordination, hydration) taking most of that time and SQLite itself a
 * few percent; the rare writes (edits, rooms, read markers) and other reads stay with the entities.
 */
final class MessageRows {

    /** The columns {@link #read} expects, in a SELECT. */
    static final String COLUMNS = "id, username, message, timestamp, room, client_id, edited_at, deleted";
    private static final String FIND_EARLIER = "SELECT " + COLUMNS + " FROM messages WHERE username = ? AND client_id = ?";
    private static final String INSERT = """
            INSERT INTO messages (username, message, timestamp, room, client_id) VALUES (?, ?, ?, ?, ?) RETURNING id""";

    private MessageRows() {
    }

    /** Stores each draft, or finds the earlier copy of a repeated clientId; results in batch order. */
    static List<Appended> append(Connection connection, List<Draft> drafts) throws SQLException {
        List<Appended> stored = new ArrayList<>(drafts.size());
        Map<String, Message> byClientId = new HashMap<>();
        long now = System.currentTimeMillis();
        try (PreparedStatement findEarlier = connection.prepareStatement(FIND_EARLIER);
                PreparedStatement insert = connection.prepareStatement(INSERT)) {
            for (Draft draft : drafts) {
                String idempotencyKey = draft.clientId() == null ? null : draft.username() + '\u0000' + draft.clientId();
                Message earlier = idempotencyKey == null ? null : byClientId.get(idempotencyKey);
                if (earlier == null && idempotencyKey != null) {
                    earlier = findEarlier(findEarlier, draft);
                }
                if (earlier != null) {
                    stored.add(new Appended(earlier, true));
                    continue;
                }
                Message message = insert(insert, draft, now);
                if (idempotencyKey != null) {
                    byClientId.put(idempotencyKey, message);
                }
                stored.add(new Appended(message, false));
            }
        }
        return stored;
    }

    private static Message findEarlier(PreparedStatement statement, Draft draft) throws SQLException {
        statement.setString(1, draft.username());
        statement.setString(2, draft.clientId());
        try (ResultSet row = statement.executeQuery()) {
            return row.next() ? read(row) : null;
        }
    }

    /** The message in the current row of a query that selected {@link #COLUMNS}. */
    static Message read(ResultSet row) throws SQLException {
        Message message = new Message();
        message.id = row.getLong("id");
        message.username = row.getString("username");
        message.text = row.getString("message");
        message.timestamp = row.getLong("timestamp");
        message.room = row.getString("room");
        message.clientId = row.getString("client_id");
        long editedAt = row.getLong("edited_at");
        message.editedAt = row.wasNull() ? null : editedAt;
        message.deleted = row.getInt("deleted") != 0;
        return message;
    }

    private static Message insert(PreparedStatement statement, Draft draft, long now) throws SQLException {
        statement.setString(1, draft.username());
        statement.setString(2, draft.text());
        statement.setLong(3, now);
        statement.setString(4, draft.room());
        statement.setString(5, draft.clientId());
        try (ResultSet id = statement.executeQuery()) {
            if (!id.next()) {
                throw new SQLException("INSERT … RETURNING id returned no row");
            }
            Message message = new Message();
            message.username = draft.username();
            message.clientId = draft.clientId();
            message.room = draft.room();
            message.text = draft.text();
            message.timestamp = now;
            message.id = id.getLong(1);
            return message;
        }
    }
}
