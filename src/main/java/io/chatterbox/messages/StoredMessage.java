package io.chatterbox.messages;

/**
 * A message as stored: {@code id} is its position in the log (increasing in commit order, never reused),
 * {@code timestamp} and {@code editedAt} are epoch milliseconds set by the server. A deleted message stays as a
 * tombstone with empty text, so its place in the history is kept.
 */
public record StoredMessage(long id, String room, String username, String text, long timestamp, String clientId,
        Long editedAt, boolean deleted) {
}
