package io.chatterbox.core;

/**
 * How an event reaches everyone it is for, on every node: publish once, and each node delivers it to its own
 * sessions ({@link NodeSessions}). The core publishes only after the change behind the event is committed, and
 * in commit order; an implementation keeps that order per room and per user.
 */
public interface Fanout {

    /** To every session that hears the room. */
    default void toRoom(String room, ChatEvent event) {
        toRoomExcept(room, event, null);
    }

    /** To every session that hears the room, except those of {@code exceptUser} (may be null). */
    void toRoomExcept(String room, ChatEvent event, String exceptUser);

    /** To every session of the user. */
    void toUser(String username, ChatEvent event);

    /**
     * The newest message id whose {@code Posted} event this node has delivered to its sessions, as seen in
     * {@link ChatOrder}: a client joining now is shown history up to it, and everything newer reaches it live, so it
     * gets each message once. One node delivers each message in the step that commits it: everything stored is
     * delivered. Nodes that share a store hear each other's messages a little later.
     */
    default long deliveredUpTo() {
        return Long.MAX_VALUE;
    }
}
