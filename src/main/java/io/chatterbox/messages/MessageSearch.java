package io.chatterbox.messages;

import java.util.List;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import io.chatterbox.config.ChatterboxConfig;
import io.chatterbox.core.ChatException;
import io.chatterbox.core.ErrorCode;
import io.chatterbox.limits.RateLimit;
import io.chatterbox.limits.RateLimits;
import io.chatterbox.rooms.RoomDirectory;

/**
 * Full-text search over the messages a user may read: the rooms they are a member of. The query is cut into
 * words (letters and digits), so no query syntax of the underlying engine is ever reachable from what a user types.
 * Words of {@value #MIN_PREFIX} characters or more also find longer words they begin ({@code hel} finds
 * {@code hello}); shorter ones only themselves, so no search scans every word that starts with one letter.
 */
@ApplicationScoped
public class MessageSearch {

    public static final int MAX_QUERY_LENGTH = 200;
    public static final int MAX_RESULTS = 50;
    public static final int DEFAULT_RESULTS = 20;
    public static final int MIN_PREFIX = 3;
    private static final int MAX_WORDS = 10;
    private static final Pattern NOT_A_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");

    private final MessageLog log;
    private final RoomDirectory rooms;
    private final RateLimit rate;

    public MessageSearch(MessageLog log, RoomDirectory rooms, RateLimits limits, ChatterboxConfig config) {
        this.log = log;
        this.rooms = rooms;
        this.rate = limits.perSecond("searches", config.limits().searchesPerSecond(), config.limits().searchBurst());
    }

    /** Blocks: call off event loops. */
    public List<StoredMessage> search(String username, String query, String room, Integer limit) {
        if (query == null || query.isBlank() || query.codePointCount(0, query.length()) > MAX_QUERY_LENGTH) {
            throw new ChatException(ErrorCode.INVALID_QUERY, "Search for 1 to " + MAX_QUERY_LENGTH + " characters");
        }
        int size = limit == null ? DEFAULT_RESULTS : limit;
        if (size < 1 || size > MAX_RESULTS) {
            throw new ChatException(ErrorCode.INVALID_LIMIT, "limit must be between 1 and " + MAX_RESULTS);
        }
        List<String> scope = room == null ? rooms.roomsOf(username) : List.of(rooms.membership(username, room).id());
        List<SearchTerm> terms = NOT_A_WORD.splitAsStream(query).filter(word -> !word.isEmpty()).limit(MAX_WORDS)
                .map(word -> new SearchTerm(word, word.codePointCount(0, word.length()) >= MIN_PREFIX)).toList();
        if (terms.isEmpty()) {
            throw new ChatException(ErrorCode.INVALID_QUERY, "Search for at least one word");
        }
        rate.spend(username, "You are searching too fast");
        return log.search(scope, terms, size);
    }
}
