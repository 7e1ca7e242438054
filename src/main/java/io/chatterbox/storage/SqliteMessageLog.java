package io.chatterbox.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Typed;
import jakarta.enterprise.context.control.ActivateRequestContext;

import javax.sql.DataSource;

import org.hibernate.Session;

import io.chatterbox.messages.Appended;
import io.chatterbox.messages.Draft;
import io.chatterbox.messages.MessageLog;
import io.chatterbox.messages.Page;
import io.chatterbox.messages.SearchTerm;
import io.chatterbox.messages.StoredMessage;
import io.chatterbox.storage.jdbc.MessageRows;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * The embedded {@link MessageLog}: the messages table of the SQLite file, with an FTS5 index for search. Ids are
 * SQLite rowids handed out by the node's single writer, so they grow in commit order. Reads run outside
 * transactions (SQLite then takes no write lock, so they never wait for or delay the writer).
 */
@ApplicationScoped
@Typed(SqliteMessageLog.class)
@ActivateRequestContext
public class SqliteMessageLog implements MessageLog {

    private static final String SELECT = "SELECT " + MessageRows.COLUMNS + " FROM messages ";
    private static final String LATEST = SELECT + "WHERE room = ? ORDER BY id DESC LIMIT ?";
    private static final String BEFORE = SELECT + "WHERE room = ? AND id < ? ORDER BY id DESC LIMIT ?";
    private static final String AFTER = SELECT + "WHERE room = ? AND id > ? ORDER BY id LIMIT ?";
    private static final String BETWEEN = SELECT + "WHERE id > ? AND id < ? ORDER BY id LIMIT ?";
    private static final String UNREAD = """
            SELECT count(*) FROM (SELECT 1 FROM messages WHERE room = ? AND id > ? AND username <> ? AND deleted = 0 LIMIT ?)""";

    private final DataSource database;

    /** Through Instance: in cluster mode the SQLite datasource is inactive, and a direct injection would start it. */
    SqliteMessageLog(Instance<DataSource> database) {
        this.database = database.get();
    }

    @Override
    public List<Appended> append(List<Draft> drafts, long now) {
        return QuarkusTransaction.requiringNew().call(() -> Message.getEntityManager().unwrap(Session.class)
                .doReturningWork(connection -> MessageRows.append(connection, drafts, now)));
    }

    @Override
    public Page latest(String room, int limit) {
        return Page.fromNewestFirst(page(LATEST, room, null, limit + 1), limit);
    }

    @Override
    public Page before(String room, long beforeId, int limit) {
        return Page.fromNewestFirst(page(BEFORE, room, beforeId, limit + 1), limit);
    }

    @Override
    public Page after(String room, long afterId, int limit) {
        return Page.fromOldestFirst(page(AFTER, room, afterId, limit + 1), limit);
    }

    @Override
    public List<StoredMessage> changedSince(Collection<String> rooms, long sinceId, int limit) {
        Optional<Message> seen = Message.<Message> find("id <= ?1 order by id desc", sinceId).firstResultOptional();
        if (seen.isEmpty()) {
            return List.of();
        }
        return Message.<Message> find("editedAt >= ?1 and id <= ?2 and room in ?3 order by editedAt",
                seen.get().timestamp, sinceId, rooms).page(0, limit).list().stream().map(SqliteMessageLog::stored).toList();
    }

    @Override
    public Optional<StoredMessage> find(long id) {
        return Message.<Message> findByIdOptional(id).map(SqliteMessageLog::stored);
    }

    @Override
    public Optional<StoredMessage> edit(long id, String text, long editedAt) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Message message = Message.findById(id);
            if (message == null || message.deleted) {
                return Optional.empty();
            }
            message.text = text;
            message.editedAt = editedAt;
            return Optional.of(stored(message));
        });
    }

    @Override
    public boolean delete(long id, long deletedAt) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Message message = Message.findById(id);
            if (message == null || message.deleted) {
                return false;
            }
            message.deleted = true;
            message.text = "";
            message.attachments = null;
            message.attachmentNames = null;
            message.editedAt = deletedAt;
            return true;
        });
    }

    @Override
    public long newestId(String room) {
        return Message.<Message> find("room = ?1 order by id desc", room).firstResultOptional()
                .map(message -> message.id).orElse(0L);
    }

    @Override
    public long newestId() {
        return Message.<Message> find("order by id desc").firstResultOptional().map(message -> message.id).orElse(0L);
    }

    @Override
    public List<StoredMessage> between(long afterId, long beforeId, int limit) {
        return rows("read messages", BETWEEN, afterId, beforeId, limit);
    }

    @Override
    public long unread(String room, long afterId, String reader, int atMost) {
        try (Connection connection = database.getConnection();
                PreparedStatement statement = connection.prepareStatement(UNREAD)) {
            statement.setString(1, room);
            statement.setLong(2, afterId);
            statement.setString(3, reader);
            statement.setInt(4, atMost);
            try (ResultSet count = statement.executeQuery()) {
                return count.next() ? count.getLong(1) : 0;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not count unread messages of room " + room, e);
        }
    }

    /** FTS5 with each word quoted (a prefix term followed by *), so no query syntax (operators, columns) reaches it. */
    @Override
    @SuppressWarnings("unchecked")
    public List<StoredMessage> search(Collection<String> rooms, List<SearchTerm> terms, int limit) {
        String query = terms.stream().map(term -> "\"" + term.word() + "\"" + (term.prefix() ? "*" : ""))
                .collect(Collectors.joining(" "));
        List<Message> found = Message.getEntityManager().createNativeQuery("""
                SELECT m.* FROM messages_fts f JOIN messages m ON m.id = f.rowid
                WHERE messages_fts MATCH :query AND m.room IN (:rooms) AND m.deleted = 0
                ORDER BY f.rank, m.id DESC LIMIT :limit""", Message.class)
                .setParameter("query", query).setParameter("rooms", rooms).setParameter("limit", limit)
                .getResultList();
        return found.stream().map(SqliteMessageLog::stored).toList();
    }

    /**
     * One page of a room over plain JDBC: pages are read on every connect (in chat order) and on every scroll, and
     * Hibernate's query and entity machinery was the largest part of an upgrade's server time (JFR, see
     * docs/performance.md).
     */
    private List<StoredMessage> page(String sql, String room, Long id, int limit) {
        String what = "read messages of room " + room;
        return id == null ? rows(what, sql, room, limit) : rows(what, sql, room, id, limit);
    }

    private List<StoredMessage> rows(String what, String sql, Object... parameters) {
        try (Connection connection = database.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            List<StoredMessage> messages = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    messages.add(MessageRows.read(rows));
                }
            }
            return messages;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not " + what, e);
        }
    }

    private static StoredMessage stored(Message message) {
        return new StoredMessage(message.id, message.room, message.username, message.text, message.timestamp,
                message.clientId, message.editedAt, message.deleted, MessageRows.attachments(message.attachments));
    }
}
