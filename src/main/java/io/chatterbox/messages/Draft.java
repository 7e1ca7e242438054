package io.chatterbox.messages;

/** A validated message waiting for the writer: everything but the id and timestamp, which the log assigns. */
public record Draft(String username, String room, String text, String clientId) {
}
