package io.chatterbox.socket;

import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.chatterbox.core.ChatEvent;
import io.chatterbox.core.ClientSession;
import io.chatterbox.wire.Protocol;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoop;
import io.quarkus.websockets.next.WebSocketConnection;

/**
 * One open WebSocket as the core's {@link ClientSession}, with everything this node keeps about it in plain fields
 * (read on every delivery, so no per-recipient map lookups): its protocol, the event loop and Netty context its
 * frames are written through, the frames it has not yet taken, and the rooms it hears.
 */
final class SocketSession implements ClientSession {

    final WebSocketConnection connection;
    final Protocol protocol;
    /** The loop that owns the socket: every frame to it is written there, so they leave in the order queued. */
    final EventLoop loop;
    /** The socket's Netty context, for pre-encoded frames; null when unreachable (frames then go by sendText). */
    final ChannelHandlerContext socket;
    /** Frames queued for the socket and not yet written out. */
    final AtomicInteger unsent = new AtomicInteger();
    /** Bytes of those frames. */
    final AtomicLong unsentBytes = new AtomicLong();
    private final String username;
    private final long userId;
    private final int tokenVersion;
    private final SocketHub hub;
    volatile boolean dropped;
    /** The rooms this session hears; replaced, never mutated, in chat order. */
    volatile Set<String> rooms = Set.of();
    volatile long lastSeenMillis;
    volatile long expiryTimer = -1;

    SocketSession(WebSocketConnection connection, String username, long userId, int tokenVersion, Protocol protocol,
            FrameWriter.Binding binding, SocketHub hub) {
        this.connection = connection;
        this.username = username;
        this.userId = userId;
        this.tokenVersion = tokenVersion;
        this.protocol = protocol;
        this.loop = binding.loop();
        this.socket = binding.socket();
        this.hub = hub;
        this.lastSeenMillis = System.currentTimeMillis();
    }

    @Override
    public String id() {
        return connection.id();
    }

    @Override
    public String username() {
        return username;
    }

    @Override
    public long userId() {
        return userId;
    }

    @Override
    public int tokenVersion() {
        return tokenVersion;
    }

    @Override
    public boolean isOpen() {
        return connection.isOpen();
    }

    @Override
    public boolean receives(Class<? extends ChatEvent> type, String room) {
        return protocol.receives(type, room);
    }

    @Override
    public void send(ChatEvent event) {
        hub.sendTo(this, event);
    }

    /** Closes with 1008 (policy violation) and the reason. */
    @Override
    public void end(String reason) {
        Close.close(connection, Close.POLICY_VIOLATION, reason);
    }

    /** Called for every sign of life from the client. */
    void seen() {
        lastSeenMillis = System.currentTimeMillis();
    }
}
