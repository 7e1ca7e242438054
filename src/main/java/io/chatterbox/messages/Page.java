package io.chatterbox.messages;

import java.util.List;

/** Consecutive messages of one room, oldest first, and whether more exist beyond them. */
public record Page(List<StoredMessage> messages, boolean hasMore) {
}
