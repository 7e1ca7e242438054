package io.chatterbox.rooms;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** A room as one user sees it: what to call it and how far they have read. {@code with} is set for DMs only. */
@JsonPropertyOrder({ "room", "name", "kind", "topic", "owner", "with", "unread", "lastReadId", "lastMessageId" })
public record RoomView(String room, String name, String kind, String topic, String owner,
        @JsonInclude(JsonInclude.Include.NON_NULL) String with, long unread, long lastReadId, long lastMessageId) {
}
