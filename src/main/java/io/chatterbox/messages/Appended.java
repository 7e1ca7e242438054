package io.chatterbox.messages;

/**
 * The outcome of an append: the stored message, and whether it was stored before under the same sender and
 * clientId (then nothing new was written and {@code message} is the earlier copy).
 */
public record Appended(StoredMessage message, boolean duplicate) {
}
