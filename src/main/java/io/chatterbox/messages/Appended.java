package io.chatterbox.messages;

import io.chatterbox.core.ChatException;

/**
 * The outcome of an append: the stored message, and whether it was stored before under the same sender and
 * clientId (then nothing new was written and {@code message} is the earlier copy); or, with no message, why the log
 * refused it (an attachment another message carries by now).
 */
public record Appended(StoredMessage message, boolean duplicate, ChatException refusal) {

    public Appended(StoredMessage message, boolean duplicate) {
        this(message, duplicate, null);
    }

    public static Appended refused(ChatException refusal) {
        return new Appended(null, false, refusal);
    }
}
