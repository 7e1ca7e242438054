package io.chatterbox.messages;

import java.util.List;

import io.chatterbox.files.Attachment;

/**
 * A message as stored: {@code id} is its position in the log (increasing in commit order, never reused),
 * {@code timestamp} and {@code editedAt} are epoch milliseconds set by the server. A deleted message stays as a
 * tombstone with empty text and no attachments, so its place in the history is kept.
 */
public record StoredMessage(long id, String room, String username, String text, long timestamp, String clientId,
        Long editedAt, boolean deleted, List<Attachment> attachments) {

    public StoredMessage(long id, String room, String username, String text, long timestamp, String clientId,
            Long editedAt, boolean deleted) {
        this(id, room, username, text, timestamp, clientId, editedAt, deleted, List.of());
    }
}
