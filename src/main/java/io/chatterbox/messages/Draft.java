package io.chatterbox.messages;

import java.util.List;

/**
 * A validated message waiting for the writer: everything but the id and timestamp, which the log assigns. It may
 * carry uploads (by id), which the log checks and claims in the message's own transaction: only the sender's uploads to
 * the room that no message carries yet.
 */
public record Draft(String username, String room, String text, String clientId, List<String> attachments) {

    public Draft(String username, String room, String text, String clientId) {
        this(username, room, text, clientId, List.of());
    }
}
