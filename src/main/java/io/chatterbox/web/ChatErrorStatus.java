package io.chatterbox.web;

import java.util.Map;

/** The HTTP status of each chat error code, for the REST side of the rules the socket shares. */
final class ChatErrorStatus {

    private static final Map<String, Integer> STATUS = Map.ofEntries(
            Map.entry("unknown_room", 404),
            Map.entry("unknown_message", 404),
            Map.entry("unknown_user", 404),
            Map.entry("unknown_member", 404),
            Map.entry("not_a_member", 403),
            Map.entry("not_owner", 403),
            Map.entry("not_your_message", 403),
            Map.entry("room_exists", 409),
            Map.entry("owner_cannot_leave", 409),
            Map.entry("message_deleted", 409),
            Map.entry("rate_limited", 429),
            Map.entry("overloaded", 503),
            Map.entry("store_failed", 503));

    private ChatErrorStatus() {
    }

    /** 400 for every rule about the request itself (invalid_*, cannot_leave, fixed_members, ...). */
    static int of(String code) {
        return STATUS.getOrDefault(code, 400);
    }
}
