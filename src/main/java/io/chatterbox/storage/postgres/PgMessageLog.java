package io.chatterbox.storage.postgres;

import java.sql.Array;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import io.chatterbox.messages.Appended;
import io.chatterbox.messages.Draft;
import io.chatterbox.messages.MessageLog;
import io.chatterbox.messages.Page;
import io.chatterbox.messages.SearchTerm;
import io.chatterbox.messages.StoredMessage;
import io.chatterbox.storage.jdbc.MessageRows;

/**
 * The cluster's {@link MessageLog}: the messages table in PostgreSQL, with a GIN-indexed tsvector for search.
 * <p>
 * Every node appends, so ids must still grow in commit order across nodes: each append transaction first takes one
 * transaction-scoped advisory lock, and only then draws its ids. Whoever draws a higher id commits later, so a reader
 * who has seen id N and asks for "after N" can never miss a row that commits afterwards with a lower id. The lock is
 * held for one batch insert (the writer batches what arrived meanwhile), which also makes "find the earlier copy of
 * this clientId, else insert" exact on every node.
 */
public class PgMessageLog implements MessageLog {

    /** The advisory lock key of appends ("chat" in ASCII). */
    static final long APPEND_LOCK = 0x63686174L;

    private static final String SELECT = "SELECT " + MessageRows.COLUMNS + " FROM messages ";
    private static final String LATEST = SELECT + "WHERE room = ? ORDER BY id DESC LIMIT ?";
    private static final String BEFORE = SELECT + "WHERE room = ? AND id < ? ORDER BY id DESC LIMIT ?";
    private static final String AFTER = SELECT + "WHERE room = ? AND id > ? ORDER BY id LIMIT ?";
    private static final String CHANGED_SINCE = SELECT + """
            WHERE edited_at >= (SELECT timestamp FROM messages WHERE id <= ? ORDER BY id DESC LIMIT 1)
            AND id <= ? AND room = ANY (?) ORDER BY edited_at, id LIMIT ?""";
    private static final String FIND = SELECT + "WHERE id = ?";
    private static final String EDIT = "UPDATE messages SET message = ?, edited_at = ? WHERE id = ? AND deleted = 0 RETURNING "
            + MessageRows.COLUMNS;
    private static final String DELETE = "UPDATE messages SET deleted = 1, message = '', attachments = NULL, attachment_names = NULL, edited_at = ? WHERE id = ? AND deleted = 0";
    private static final String NEWEST_ID = "SELECT COALESCE(MAX(id), 0) FROM messages WHERE room = ?";
    private static final String NEWEST_OF_ALL = "SELECT COALESCE(MAX(id), 0) FROM messages";
    private static final String BETWEEN = SELECT + "WHERE id > ? AND id < ? ORDER BY id LIMIT ?";
    private static final String UNREAD = """
            SELECT count(*) FROM (SELECT 1 FROM messages WHERE room = ? AND id > ? AND username <> ? AND deleted = 0 LIMIT ?)
            AS unread""";
    private static final String SEARCH = SELECT + """
            , to_tsquery('simple', ?) AS query WHERE words @@ query AND room = ANY (?) AND deleted = 0
            ORDER BY ts_rank(words, query) DESC, id DESC LIMIT ?""";

    private final Jdbc jdbc;

    public PgMessageLog(DataSource database) {
        this.jdbc = new Jdbc(database);
    }

    @Override
    public List<Appended> append(List<Draft> drafts, long now) {
        return jdbc.inTransaction("store messages", connection -> {
            Jdbc.first(connection, "SELECT pg_advisory_xact_lock(?)", statement -> statement.setLong(1, APPEND_LOCK),
                    row -> 1);
            return MessageRows.append(connection, drafts, now);
        });
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
        return jdbc.autocommit("read changed messages", connection -> Jdbc.list(connection, CHANGED_SINCE, statement -> {
            statement.setLong(1, sinceId);
            statement.setLong(2, sinceId);
            statement.setArray(3, texts(connection, rooms));
            statement.setInt(4, limit);
        }, MessageRows::read));
    }

    @Override
    public Optional<StoredMessage> find(long id) {
        return Optional.ofNullable(jdbc.autocommit("read a message",
                connection -> Jdbc.first(connection, FIND, statement -> statement.setLong(1, id), MessageRows::read)));
    }

    @Override
    public Optional<StoredMessage> edit(long id, String text, long editedAt) {
        return Optional.ofNullable(jdbc.autocommit("edit a message", connection -> Jdbc.first(connection, EDIT, statement -> {
            statement.setString(1, text);
            statement.setLong(2, editedAt);
            statement.setLong(3, id);
        }, MessageRows::read)));
    }

    @Override
    public boolean delete(long id, long deletedAt) {
        return jdbc.autocommit("delete a message", connection -> Jdbc.update(connection, DELETE, statement -> {
            statement.setLong(1, deletedAt);
            statement.setLong(2, id);
        })) > 0;
    }

    @Override
    public long newestId(String room) {
        return jdbc.autocommit("read the newest message",
                connection -> Jdbc.first(connection, NEWEST_ID, statement -> statement.setString(1, room), row -> row.getLong(1)));
    }

    @Override
    public long newestId() {
        return jdbc.autocommit("read the newest message",
                connection -> Jdbc.first(connection, NEWEST_OF_ALL, statement -> {
                }, row -> row.getLong(1)));
    }

    @Override
    public List<StoredMessage> between(long afterId, long beforeId, int limit) {
        return jdbc.autocommit("read messages", connection -> Jdbc.list(connection, BETWEEN, statement -> {
            statement.setLong(1, afterId);
            statement.setLong(2, beforeId);
            statement.setInt(3, limit);
        }, MessageRows::read));
    }

    @Override
    public long unread(String room, long afterId, String reader, int atMost) {
        return jdbc.autocommit("count unread messages", connection -> Jdbc.first(connection, UNREAD, statement -> {
            statement.setString(1, room);
            statement.setLong(2, afterId);
            statement.setString(3, reader);
            statement.setInt(4, atMost);
        }, row -> row.getLong(1)));
    }

    /**
     * Each word quoted as a lexeme (a prefix term marked {@code :*}), all of them required: no query syntax from the
     * user reaches {@code to_tsquery}.
     */
    @Override
    public List<StoredMessage> search(Collection<String> rooms, List<SearchTerm> terms, int limit) {
        String query = terms.stream().map(term -> "'" + term.word().replace("'", "''") + "'" + (term.prefix() ? ":*" : ""))
                .collect(Collectors.joining(" & "));
        return jdbc.autocommit("search messages", connection -> Jdbc.list(connection, SEARCH, statement -> {
            statement.setString(1, query);
            statement.setArray(2, texts(connection, rooms));
            statement.setInt(3, limit);
        }, MessageRows::read));
    }

    private List<StoredMessage> page(String sql, String room, Long id, int limit) {
        return jdbc.autocommit("read messages of room " + room, connection -> Jdbc.list(connection, sql, statement -> {
            int parameter = 1;
            statement.setString(parameter++, room);
            if (id != null) {
                statement.setLong(parameter++, id);
            }
            statement.setInt(parameter, limit);
        }, MessageRows::read));
    }

    private static Array texts(Connection connection, Collection<String> values) throws SQLException {
        return connection.createArrayOf("text", values.toArray());
    }

}
