package io.chatterbox.chat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;

import javax.sql.DataSource;

/**
 * Every read of stored messages. Reads run outside transactions (SQLite then takes no write lock, so they never
 * wait for or delay the writer) and may be called from any thread, the writer's included.
 */
@ApplicationScoped
@ActivateRequestContext
public class MessageHistory {

    /** A page of a room's messages, oldest first, and whether more exist beyond it. */
    public record Page(List<Message> messages, boolean hasMore) {
    }

    /** How far a user has read a room. */
    public record ReadState(long lastReadId, long unread, long lastMessageId) {
    }

    private static final String COLUMNS = "SELECT " + MessageRows.COLUMNS + " FROM messages ";
    private static final String LATEST = COLUMNS + "WHERE room = ? ORDER BY id DESC LIMIT ?";
    private static final String BEFORE = COLUMNS + "WHERE room = ? AND id < ? ORDER BY id DESC LIMIT ?";
    private static final String AFTER = COLUMNS + "WHERE room = ? AND id > ? ORDER BY id LIMIT ?";

    private final DataSource database;

    MessageHistory(DataSource database) {
        this.database = database;
    }

    /** The newest {@code limit} messages of a room, oldest first, and whether older ones exist. */
    public Page latest(String room, int limit) {
        return newestFirst(page(LATEST, room, null, limit + 1), limit);
    }

    public Page before(String room, long beforeId, int limit) {
        return newestFirst(page(BEFORE, room, beforeId, limit + 1), limit);
    }

    public Page after(String room, long afterId, int limit) {
        List<Message> page = page(AFTER, room, afterId, limit + 1);
        return page.size() > limit ? new Page(page.subList(0, limit), true) : new Page(page, false);
    }

    /** Messages up to {@code sinceId} in the rooms that were edited or deleted after message {@code sinceId} was stored. */
    public List<Message> changedSince(Collection<String> rooms, long sinceId, int limit) {
        Optional<Message> seen = Message.<Message> find("id <= ?1 order by id desc", sinceId).firstResultOptional();
        if (seen.isEmpty()) {
            return List.of();
        }
        return Message.<Message> find("editedAt >= ?1 and id <= ?2 and room in ?3 order by editedAt",
                seen.get().timestamp, sinceId, rooms).page(0, limit).list();
    }

    public ReadState readState(String username, String room) {
        long lastRead = ReadMarker.<ReadMarker> find("room = ?1 and username = ?2", room, username)
                .firstResultOptional().map(marker -> marker.lastReadId).orElse(0L);
        return new ReadState(lastRead, unread(username, room, lastRead), Message.newestIdIn(room));
    }

    public long unread(String username, String room, long lastReadId) {
        return Message.count("room = ?1 and id > ?2 and username <> ?3 and deleted = false", room, lastReadId, username);
    }

    /**
     * Messages of the given rooms matching an FTS5 query, best match first and newest first among equals;
     * deleted messages are never found.
     */
    @SuppressWarnings("unchecked")
    public List<Message> search(Collection<String> rooms, String ftsQuery, int limit) {
        return Message.getEntityManager().createNativeQuery("""
                SELECT m.* FROM messages_fts f JOIN messages m ON m.id = f.rowid
                WHERE messages_fts MATCH :query AND m.room IN (:rooms) AND m.deleted = 0
                ORDER BY f.rank, m.id DESC LIMIT :limit""", Message.class)
                .setParameter("query", ftsQuery).setParameter("rooms", rooms).setParameter("limit", limit)
                .getResultList();
    }

    /**
     * One page of a room over plain JDBC: pages are read on every connect (on the writer thread) and on every scroll,
     * and Hibernate's query and entity machinery was the largest part of an upgrade's server time (JFR, see
     * docs/performance.md).
     */
    private List<Message> page(String sql, String room, Long id, int limit) {
        try (Connection connection = database.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            int parameter = 1;
            statement.setString(parameter++, room);
            if (id != null) {
                statement.setLong(parameter++, id);
            }
            statement.setInt(parameter, limit);
            List<Message> messages = new ArrayList<>(limit);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    messages.add(MessageRows.read(rows));
                }
            }
            return messages;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read messages of room " + room, e);
        }
    }

    private static Page newestFirst(List<Message> newestFirst, int limit) {
        boolean hasMore = newestFirst.size() > limit;
        List<Message> oldestFirst = new ArrayList<>(hasMore ? newestFirst.subList(0, limit) : newestFirst);
        Collections.reverse(oldestFirst);
        return new Page(oldestFirst, hasMore);
    }
}
