package io.chatterbox.core;

import java.util.List;

/**
 * The sessions connected to <em>this node</em> and which rooms each hears — node-local by nature (a socket lives on
 * one machine). Delivery here reaches only this node's sessions; {@link Fanout} is what reaches every node.
 */
public interface NodeSessions {

    /**
     * Starts live delivery of {@code rooms} to the session.
     *
     * @return false when the session was attached already
     */
    boolean attach(ClientSession session, List<String> rooms);

    /** @return false when the session was not attached (refused before it joined, or detached already) */
    boolean detach(ClientSession session);

    /** The user's sessions on this node start hearing the room (they joined it). */
    void subscribe(String username, String room);

    /** None of the user's sessions on this node hears the room any more (they left it). */
    void unsubscribe(String username, String room);

    /** Delivers to every session on this node that hears the room, except those of {@code exceptUser} (may be null). */
    void deliverToRoom(String room, ChatEvent event, String exceptUser);

    /** Delivers to every session of the user on this node. */
    void deliverToUser(String username, ChatEvent event);

    /** The user's sessions on this node. */
    List<ClientSession> sessionsOf(String username);
}
