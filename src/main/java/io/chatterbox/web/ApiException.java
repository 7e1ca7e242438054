package io.chatterbox.web;

/** A refused request: the status and the sentence the client sees. Thrown by services, mapped by {@link ErrorMapper}. */
public class ApiException extends RuntimeException {

    private final int status;
    private final long retryAfterSeconds;

    public ApiException(int status, String message) {
        this(status, message, 0);
    }

    private ApiException(int status, String message, long retryAfterSeconds) {
        super(message, null, false, false);
        this.status = status;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public int status() {
        return status;
    }

    /** Seconds the client should wait before trying again (sent as Retry-After); 0 when there is nothing to wait for. */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    /** The request body, or a 400 naming the fields it must have. */
    public static <T> T requireBody(T body, String fields) {
        if (body == null) {
            throw badRequest("A JSON body with " + fields + " is required");
        }
        return body;
    }

    public static ApiException badRequest(String message) {
        return new ApiException(400, message);
    }

    public static ApiException unauthorized(String message) {
        return new ApiException(401, message);
    }

    public static ApiException conflict(String message) {
        return new ApiException(409, message);
    }

    /** 429: a rate limit was hit; {@code retryAfterSeconds} (at least 1) goes out as the Retry-After header. */
    public static ApiException tooManyRequests(String message, long retryAfterSeconds) {
        return new ApiException(429, message, Math.max(1, retryAfterSeconds));
    }
}
