package io.chatterbox.messages;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Consecutive messages of one room, oldest first, and whether more exist beyond them. */
public record Page(List<StoredMessage> messages, boolean hasMore) {

    /** The page of a query that read up to {@code limit + 1} messages newest first: turned oldest first. */
    public static Page fromNewestFirst(List<StoredMessage> newestFirst, int limit) {
        boolean hasMore = newestFirst.size() > limit;
        List<StoredMessage> oldestFirst = new ArrayList<>(hasMore ? newestFirst.subList(0, limit) : newestFirst);
        Collections.reverse(oldestFirst);
        return new Page(oldestFirst, hasMore);
    }

    /** The page of a query that read up to {@code limit + 1} messages oldest first. */
    public static Page fromOldestFirst(List<StoredMessage> oldestFirst, int limit) {
        return oldestFirst.size() > limit ? new Page(oldestFirst.subList(0, limit), true) : new Page(oldestFirst, false);
    }
}
