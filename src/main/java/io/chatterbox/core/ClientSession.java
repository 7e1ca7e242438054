package io.chatterbox.core;

/**
 * One client connection as the core sees it: who it belongs to (from the verified token) and a way to send it
 * events. The socket adapter implements it; the core never sees a WebSocket.
 */
public interface ClientSession {

    /** Unique on this node while the session is open. */
    String id();

    String username();

    long userId();

    /** The version of the token the session was opened with; a later version means that token was revoked. */
    int tokenVersion();

    boolean isOpen();

    /**
     * Whether the client is sent events of this type about this room ({@code room} null: about no room or any).
     * Lets the core skip building what this client would never be shown; the answer is the wire protocol's.
     */
    boolean receives(Class<? extends ChatEvent> type, String room);

    /** Queues the event for this session alone, behind everything queued for it before. */
    void send(ChatEvent event);

    /** Ends the session for a reason of policy (a revoked token); the client is told the reason. */
    void end(String reason);
}
