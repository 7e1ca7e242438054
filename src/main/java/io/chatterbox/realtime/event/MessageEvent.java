package io.chatterbox.realtime.event;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import io.chatterbox.chat.Message;

/** A stored message as clients see it; also the element type of the history frame. */
@JsonPropertyOrder({ "type", "id", "room", "username", "text", "timestamp", "clientId" })
public record MessageEvent(long id, String room, String username, String text, String timestamp, String clientId) {

    /** Always millisecond precision in UTC, e.g. 2026-11-26T10:15:30.120Z, so clients can parse one shape. */
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    public static MessageEvent of(Message message) {
        return new MessageEvent(message.id, message.room, message.username, message.text,
                TIMESTAMP.format(Instant.ofEpochMilli(message.timestamp)), message.clientId);
    }

    @JsonProperty("type")
    public String type() {
        return "message";
    }
}
