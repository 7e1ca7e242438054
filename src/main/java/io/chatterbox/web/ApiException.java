package io.chatterbox.web;

/** A refused request: the status and the sentence the client sees. Thrown by services, mapped by {@link ErrorMapper}. */
public class ApiException extends RuntimeException {

    private final int status;

    public ApiException(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    public int status() {
        return status;
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
}
