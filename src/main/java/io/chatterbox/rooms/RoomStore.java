package io.chatterbox.rooms;

import java.util.List;
import java.util.function.Consumer;

/**
 * Where rooms and memberships are kept: the record of truth, shared by every node. Each committed change is
 * announced as a {@link RoomChange} to every listener, on every node, so their {@link RoomDirectory} caches stay
 * fresh; a node hears its own changes before the call that made them returns.
 */
public interface RoomStore {

    /** Every room with its members (general's are implied: everyone). */
    List<RoomInfo> loadAll();

    /**
     * Stores a new room with its first members (it has no messages yet, so they start with nothing unread).
     *
     * @return false, storing nothing, when a room with that id exists already
     */
    boolean create(RoomInfo room);

    /** Adds a member whose read marker starts at the room's newest message, so they start with nothing unread. */
    void addMember(String room, String username);

    void removeMember(String room, String username);

    /** Calls the listener with every change committed from now on. */
    void onChange(Consumer<RoomChange> listener);

    /**
     * Calls the listener with each change made on another node that this node did not hear when it was made (the
     * nodes' channel was lost), once it is known: {@link #onChange} listeners have heard it just before, but what the
     * other node sent this node's sessions about it never arrived. One node alone misses nothing.
     */
    default void onMissed(Consumer<RoomChange> listener) {
    }
}
