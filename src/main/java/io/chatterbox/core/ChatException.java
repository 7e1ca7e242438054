package io.chatterbox.core;

/**
 * The one error model of the core: a refusal with a {@link ErrorCode code} and a sentence for people. Adapters map
 * it once: the REST adapter to an HTTP status and a JSON body, the socket adapter to an {@code error} frame.
 * A refusal may name the message it concerns ({@code clientId}) and how long to wait before trying again.
 */
public class ChatException extends RuntimeException {

    private final ErrorCode code;
    private final String clientId;
    private final long retryAfterMillis;

    public ChatException(ErrorCode code, String message) {
        this(code, message, null, 0);
    }

    private ChatException(ErrorCode code, String message, String clientId, long retryAfterMillis) {
        super(message, null, false, false);
        this.code = code;
        this.clientId = clientId;
        this.retryAfterMillis = retryAfterMillis;
    }

    /**
     * A refusal that passes with time: "{@code refusal}; try again in N seconds", where N is
     * {@link #retryAfterSeconds()} — the one rounding rule (up), so a client that waits that long is let in.
     */
    public static ChatException retryLater(ErrorCode code, String refusal, long waitMillis) {
        long seconds = wholeSecondsUp(waitMillis);
        return new ChatException(code, refusal + "; try again in " + seconds + (seconds == 1 ? " second" : " seconds"),
                null, Math.max(1, waitMillis));
    }

    public ErrorCode code() {
        return code;
    }

    /** The clientId of the message this refusal concerns, or null. */
    public String clientId() {
        return clientId;
    }

    /** Whole seconds to wait before trying again (rounded up, at least 1), or 0 when waiting does not help. */
    public long retryAfterSeconds() {
        return retryAfterMillis == 0 ? 0 : wholeSecondsUp(retryAfterMillis);
    }

    /** The same refusal, about the message with this clientId. */
    public ChatException about(String messageClientId) {
        return messageClientId == null ? this : new ChatException(code, getMessage(), messageClientId, retryAfterMillis);
    }

    /** A client-supplied value as quoted in an error message: cut to 32 characters, so a huge value stays out. */
    public static String excerpt(String value) {
        String text = String.valueOf(value);
        return text.length() <= 32 ? text : text.substring(0, 32) + "…";
    }

    private static long wholeSecondsUp(long millis) {
        return Math.max(1, (millis + 999) / 1000);
    }
}
