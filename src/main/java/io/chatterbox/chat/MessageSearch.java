package io.chatterbox.chat;

import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import io.chatterbox.realtime.event.MessageEvent;
import io.chatterbox.rooms.RoomDirectory;

/**
 * Full-text search over the messages a user may read: the rooms they are a member of. The words typed are turned
 * into an FTS5 query of quoted prefix terms, so no query syntax (operators, column filters) reaches the engine.
 */
@ApplicationScoped
public class MessageSearch {

    public static final int MAX_QUERY_LENGTH = 200;
    public static final int MAX_RESULTS = 50;
    private static final int MAX_TERMS = 10;
    private static final Pattern NOT_A_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");

    private final MessageHistory history;
    private final RoomDirectory rooms;

    MessageSearch(MessageHistory history, RoomDirectory rooms) {
        this.history = history;
        this.rooms = rooms;
    }

    public List<MessageEvent> search(String username, String query, String room, Integer limit) {
        if (query == null || query.isBlank() || query.codePointCount(0, query.length()) > MAX_QUERY_LENGTH) {
            throw new ChatException("invalid_query", "Search for 1 to " + MAX_QUERY_LENGTH + " characters");
        }
        int size = limit == null ? 20 : limit;
        if (size < 1 || size > MAX_RESULTS) {
            throw new ChatException("invalid_limit", "limit must be between 1 and " + MAX_RESULTS);
        }
        List<String> scope = room == null ? rooms.roomsOf(username) : List.of(rooms.membership(username, room).id());
        String terms = NOT_A_WORD.splitAsStream(query).filter(term -> !term.isEmpty()).limit(MAX_TERMS)
                .map(term -> "\"" + term + "\"*").collect(Collectors.joining(" "));
        if (terms.isEmpty()) {
            throw new ChatException("invalid_query", "Search for at least one word");
        }
        return history.search(scope, terms, size).stream().map(MessageEvent::of).toList();
    }
}
