package io.chatterbox.chat;

/**
 * A refused chat command; {@code code} goes to the client in an error frame (or decides the HTTP status) together
 * with the message. {@code clientId} names the message it concerns, when the client gave one.
 */
public class ChatException extends RuntimeException {

    private final String code;
    private final String clientId;

    public ChatException(String code, String message) {
        this(code, message, null);
    }

    private ChatException(String code, String message, String clientId) {
        super(message, null, false, false);
        this.code = code;
        this.clientId = clientId;
    }

    public String code() {
        return code;
    }

    public String clientId() {
        return clientId;
    }

    /** The same refusal, about the message with this clientId. */
    public ChatException about(String messageClientId) {
        return messageClientId == null ? this : new ChatException(code, getMessage(), messageClientId);
    }

    /** A client-supplied value as quoted in an error message: cut to 32 characters, so a huge value stays out. */
    public static String excerpt(String value) {
        return value.length() <= 32 ? value : value.substring(0, 32) + "…";
    }
}
