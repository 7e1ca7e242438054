package io.chatterbox.rooms;

/**
 * A room as one user sees it: what to call it and how far they have read. {@code with} is the other person of a
 * direct conversation, null for other rooms.
 */
public record RoomView(String room, String name, String kind, String topic, String owner, String with, long unread,
        long lastReadId, long lastMessageId) {
}
