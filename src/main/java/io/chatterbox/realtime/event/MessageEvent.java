package io.chatterbox.realtime.event;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import io.chatterbox.chat.Message;

/**
 * A stored message as clients see it: a live {@code message}, an {@code edit} of one, and the element type of the
 * history frame. {@code edited} and {@code deleted} appear only once the message was edited or deleted.
 */
@JsonPropertyOrder({ "type", "id", "room", "username", "text", "timestamp", "clientId", "edited", "deleted" })
public record MessageEvent(String type, long id, String room, String username, String text, String timestamp,
        String clientId,
        @JsonInclude(JsonInclude.Include.NON_NULL) String edited,
        @JsonInclude(JsonInclude.Include.NON_NULL) Boolean deleted) {

    /** Always millisecond precision in UTC, e.g. 2026-11-26T10:15:30.120Z, so clients can parse one shape. */
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    public static MessageEvent of(Message message) {
        return as("message", message);
    }

    public static MessageEvent edit(Message message) {
        return as("edit", message);
    }

    private static MessageEvent as(String type, Message message) {
        return new MessageEvent(type, message.id, message.room, message.username, message.text,
                format(message.timestamp), message.clientId, message.editedAt == null ? null : format(message.editedAt),
                message.deleted ? Boolean.TRUE : null);
    }

    private static String format(long epochMillis) {
        return TIMESTAMP.format(Instant.ofEpochMilli(epochMillis));
    }
}
