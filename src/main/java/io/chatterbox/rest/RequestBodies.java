package io.chatterbox.rest;

import io.chatterbox.core.ChatException;
import io.chatterbox.core.ErrorCode;

/** The one rule for a missing JSON body. */
final class RequestBodies {

    private RequestBodies() {
    }

    /** The request body, or a 400 naming the fields it must have. */
    static <T> T require(T body, String fields) {
        if (body == null) {
            throw new ChatException(ErrorCode.INVALID_BODY, "A JSON body with " + fields + " is required");
        }
        return body;
    }
}
