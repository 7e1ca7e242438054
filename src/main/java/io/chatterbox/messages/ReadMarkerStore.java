package io.chatterbox.messages;

/** How far each user has read each room: the highest message id, which only moves forward. Shared by every node. */
public interface ReadMarkerStore {

    /** 0 when the user has no marker in the room. */
    long lastRead(String username, String room);

    /** Moves the marker up to {@code id} (never back), creating it if needed; the marker after. */
    long advance(String username, String room, long id);
}
