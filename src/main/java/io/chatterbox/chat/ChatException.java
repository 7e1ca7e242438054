package io.chatterbox.chat;

/** A refused chat command; {@code code} goes to the client in an error frame together with the message. */
public class ChatException extends RuntimeException {

    private final String code;

    public ChatException(String code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public String code() {
        return code;
    }

    /** A client-supplied value as quoted in an error message: cut to 32 characters, so a huge value stays out. */
    public static String excerpt(String value) {
        return value.length() <= 32 ? value : value.substring(0, 32) + "…";
    }
}
