package io.chatterbox.storage.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.chatterbox.core.ChatException;
import io.chatterbox.core.ErrorCode;
import io.chatterbox.files.Attachment;
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
    public static final String COLUMNS = "id, username, message, timestamp, room, client_id, edited_at, deleted, attachments";
    private static final String FIND_EARLIER = "SELECT " + COLUMNS + " FROM messages WHERE username = ? AND client_id = ?";
    private static final String INSERT = """
            INSERT INTO messages (username, message, timestamp, room, client_id, attachments, attachment_names)
            VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id""";
    /** An upload a message may carry: the sender's, to the message's room, carried by no message yet. */
    private static final String UNCLAIMED = """
            SELECT id, name, size, type, width, height, thumb_sha256 FROM files
            WHERE id = ? AND uploader = ? AND room = ? AND message_id IS NULL AND NOT deleted""";
    private static final String CLAIM = """
            UPDATE files SET message_id = ? WHERE id = ? AND uploader = ? AND room = ? AND message_id IS NULL AND NOT deleted""";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<Attachment>> ATTACHMENTS = new TypeReference<>() {
    };

    private MessageRows() {
    }

    /**
     * Stores each draft, or finds the earlier copy of a repeated clientId, and claims the uploads a draft carries;
     * results in batch order. A draft whose uploads are no longer free (sent meanwhile, or deleted) is refused without
     * being stored. Another node claiming the same upload at the same time fails the whole batch (its claim finds the
     * row taken), which its senders resend; the resend is then refused.
     */
    public static List<Appended> append(Connection connection, List<Draft> drafts, long now) throws SQLException {
        List<Appended> stored = new ArrayList<>(drafts.size());
        Map<String, StoredMessage> byClientId = new HashMap<>();
        try (PreparedStatement findEarlier = connection.prepareStatement(FIND_EARLIER);
                PreparedStatement insert = connection.prepareStatement(INSERT);
                PreparedStatement unclaimed = connection.prepareStatement(UNCLAIMED);
                PreparedStatement claim = connection.prepareStatement(CLAIM)) {
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
                List<Attachment> attachments = unclaimed(unclaimed, draft);
                if (attachments == null) {
                    stored.add(Appended.refused(new ChatException(ErrorCode.INVALID_ATTACHMENT,
                            "A file of this message is not an upload of yours to this room, or was sent already")));
                    continue;
                }
                StoredMessage message = insert(insert, draft, attachments, now);
                claim(claim, draft, message.id());
                if (idempotencyKey != null) {
                    byClientId.put(idempotencyKey, message);
                }
                stored.add(new Appended(message, false));
            }
        }
        return stored;
    }

    /** What the draft's uploads look like as attachments, in its order; null when one of them may not be carried. */
    private static List<Attachment> unclaimed(PreparedStatement statement, Draft draft) throws SQLException {
        List<Attachment> attachments = new ArrayList<>(draft.attachments().size());
        for (String id : draft.attachments()) {
            statement.setString(1, id);
            statement.setString(2, draft.username());
            statement.setString(3, draft.room());
            try (ResultSet row = statement.executeQuery()) {
                if (!row.next()) {
                    return null;
                }
                int width = row.getInt("width");
                boolean image = !row.wasNull();
                attachments.add(new Attachment(row.getString("id"), row.getString("name"), row.getLong("size"),
                        row.getString("type"), image ? width : null, image ? row.getInt("height") : null,
                        row.getString("thumb_sha256") != null));
            }
        }
        return attachments;
    }

    private static void claim(PreparedStatement statement, Draft draft, long messageId) throws SQLException {
        for (String id : draft.attachments()) {
            statement.setLong(1, messageId);
            statement.setString(2, id);
            statement.setString(3, draft.username());
            statement.setString(4, draft.room());
            if (statement.executeUpdate() != 1) {
                throw new SQLException("Upload " + id + " was claimed by another message meanwhile");
            }
        }
    }

    /** The attachments column: a JSON array, or null for none (most messages). */
    public static String attachmentsJson(List<Attachment> attachments) {
        if (attachments.isEmpty()) {
            return null;
        }
        try {
            return JSON.writeValueAsString(attachments);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Could not encode attachments", e);
        }
    }

    public static List<Attachment> attachments(String json) {
        if (json == null || json.isEmpty()) {
            return List.of();
        }
        try {
            return List.copyOf(JSON.readValue(json, ATTACHMENTS));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored attachments are not valid JSON", e);
        }
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
                row.getInt("deleted") != 0, attachments(row.getString("attachments")));
    }

    private static StoredMessage insert(PreparedStatement statement, Draft draft, List<Attachment> attachments, long now)
            throws SQLException {
        statement.setString(1, draft.username());
        statement.setString(2, draft.text());
        statement.setLong(3, now);
        statement.setString(4, draft.room());
        statement.setString(5, draft.clientId());
        statement.setString(6, attachmentsJson(attachments));
        statement.setString(7, attachments.isEmpty() ? null
                : attachments.stream().map(Attachment::name).collect(Collectors.joining(" ")));
        try (ResultSet id = statement.executeQuery()) {
            if (!id.next()) {
                throw new SQLException("INSERT … RETURNING id returned no row");
            }
            return new StoredMessage(id.getLong(1), draft.room(), draft.username(), draft.text(), now, draft.clientId(),
                    null, false, attachments);
        }
    }
}
