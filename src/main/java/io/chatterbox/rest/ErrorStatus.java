package io.chatterbox.rest;

import java.util.EnumMap;
import java.util.Map;

import io.chatterbox.core.ErrorCode;

/** The HTTP status of each error code: the one place the core's refusals meet HTTP. */
final class ErrorStatus {

    private static final Map<ErrorCode, Integer> STATUS = new EnumMap<>(Map.ofEntries(
            Map.entry(ErrorCode.INVALID_CREDENTIALS, 401),
            Map.entry(ErrorCode.WRONG_PASSWORD, 403),
            Map.entry(ErrorCode.NOT_A_MEMBER, 403),
            Map.entry(ErrorCode.NOT_OWNER, 403),
            Map.entry(ErrorCode.NOT_YOUR_MESSAGE, 403),
            Map.entry(ErrorCode.UNKNOWN_ROOM, 404),
            Map.entry(ErrorCode.UNKNOWN_MESSAGE, 404),
            Map.entry(ErrorCode.UNKNOWN_USER, 404),
            Map.entry(ErrorCode.UNKNOWN_MEMBER, 404),
            Map.entry(ErrorCode.UNKNOWN_FILE, 404),
            Map.entry(ErrorCode.FILE_TOO_LARGE, 413),
            Map.entry(ErrorCode.QUOTA_EXCEEDED, 413),
            Map.entry(ErrorCode.INVALID_FILE, 422),
            Map.entry(ErrorCode.USERNAME_TAKEN, 409),
            Map.entry(ErrorCode.ROOM_EXISTS, 409),
            Map.entry(ErrorCode.OWNER_CANNOT_LEAVE, 409),
            Map.entry(ErrorCode.MESSAGE_DELETED, 409),
            Map.entry(ErrorCode.RATE_LIMITED, 429),
            Map.entry(ErrorCode.INTERNAL_ERROR, 500),
            Map.entry(ErrorCode.OVERLOADED, 503),
            Map.entry(ErrorCode.STORE_FAILED, 503)));

    private ErrorStatus() {
    }

    /** 400 for every rule about the request itself (invalid_*, cannot_leave, fixed_members, ...). */
    static int of(ErrorCode code) {
        return STATUS.getOrDefault(code, 400);
    }
}
