package io.chatterbox.core;

import java.util.Locale;

/**
 * Why the core refused something. Each code goes to clients by its {@linkplain #wire() wire name}: in an
 * {@code error} frame on the socket, and as the HTTP status the REST adapter maps it to.
 */
public enum ErrorCode {
    // the request itself is malformed or breaks a rule
    INVALID_BODY,
    INVALID_JSON,
    INVALID_FRAME,
    UNKNOWN_TYPE,
    INVALID_TEXT,
    INVALID_CLIENT_ID,
    INVALID_ROOM,
    INVALID_ID,
    INVALID_LIMIT,
    INVALID_PAGE,
    INVALID_QUERY,
    INVALID_SINCE,
    INVALID_USER,
    INVALID_FILE,
    INVALID_ATTACHMENT,
    INVALID_USERNAME,
    INVALID_PASSWORD,
    INVALID_ROOM_NAME,
    INVALID_TOPIC,
    CANNOT_LEAVE,
    FIXED_MEMBERS,
    CANNOT_REMOVE_OWNER,
    // who is asking may not do it
    INVALID_CREDENTIALS,
    WRONG_PASSWORD,
    NOT_A_MEMBER,
    NOT_OWNER,
    NOT_YOUR_MESSAGE,
    // what it concerns does not exist (or may not be known to exist)
    UNKNOWN_ROOM,
    UNKNOWN_MESSAGE,
    UNKNOWN_USER,
    UNKNOWN_MEMBER,
    UNKNOWN_FILE,
    // it clashes with what is there
    USERNAME_TAKEN,
    ROOM_EXISTS,
    OWNER_CANNOT_LEAVE,
    MESSAGE_DELETED,
    // too big
    FILE_TOO_LARGE,
    QUOTA_EXCEEDED,
    // not now
    RATE_LIMITED,
    OVERLOADED,
    STORE_FAILED,
    INTERNAL_ERROR;

    private final String wire = name().toLowerCase(Locale.ROOT);

    /** The code as clients see it, e.g. {@code unknown_room}. */
    public String wire() {
        return wire;
    }
}
