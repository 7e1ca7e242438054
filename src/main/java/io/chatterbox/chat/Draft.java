package io.chatterbox.chat;

/** A validated message waiting for the writer: everything but the id and timestamp, which the store assigns. */
public record Draft(String username, String room, String text, String clientId) {
}
