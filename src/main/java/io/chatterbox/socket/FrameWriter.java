package io.chatterbox.socket;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.chatterbox.config.ChatterboxConfig;
import io.chatterbox.metrics.ChatMetrics;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoop;
import io.quarkus.websockets.next.WebSocketConnection;
import io.vertx.core.Vertx;
import io.vertx.core.impl.ContextInternal;
import io.vertx.core.impl.VertxInternal;

/**
 * Writes frames to sockets, with the one back-pressure policy: frames a client has not yet taken are counted, in
 * number and in bytes, and a client that stops reading is closed once either passes its limit
 * ({@code chatterbox.limits.send-queue-frames}, {@code send-queue-bytes}), instead of being buffered without bound. Every frame to a socket is written on the event loop that owns it, so a socket's
 * frames leave in the order they were queued; pre-encoded bytes go straight to its Netty context
 * ({@link RawFrames}) and {@link FlushCoalescer} flushes each socket once per batch of tasks on its loop.
 */
@ApplicationScoped
public class FrameWriter {

    private static final Logger LOG = Logger.getLogger(FrameWriter.class);

    /** The loop a connection's frames are written on, and its socket's Netty context (null: by sendText). */
    record Binding(EventLoop loop, ChannelHandlerContext socket) {
    }

    private final int sendQueueFrames;
    private final long sendQueueBytes;
    private final AtomicLong slowConsumersDropped = new AtomicLong();
    /** Frames that had to go by sendText (socket unreachable): a regression shows here before any benchmark. */
    private final LongAdder framesByText = new LongAdder();
    private final Map<EventLoop, FlushCoalescer> flushers = new ConcurrentHashMap<>();
    private final ChatMetrics metrics;
    private final VertxInternal vertx;
    private volatile boolean sendTextFallbackLogged;

    FrameWriter(ChatterboxConfig config, ChatMetrics metrics, Vertx vertx) {
        this.sendQueueFrames = config.limits().sendQueueFrames();
        this.sendQueueBytes = config.limits().sendQueueBytes();
        this.metrics = metrics;
        this.vertx = (VertxInternal) vertx;
        metrics.watchSlowConsumers(slowConsumersDropped);
    }

    /**
     * How frames reach the connection: through its socket's own event loop and Netty context. Call from one of the
     * connection's callbacks; when the socket is unreachable, frames go by sendText from the current loop.
     */
    Binding bind(WebSocketConnection connection) {
        ChannelHandlerContext socket = RawFrames.contextOf(connection);
        if (socket != null && socket.executor() instanceof EventLoop owner) {
            return new Binding(owner, socket);
        }
        if (!sendTextFallbackLogged) {
            sendTextFallbackLogged = true;
            LOG.infof("Frames to connection %s (and any like it) go through sendText: its socket is not reachable", connection.id());
        }
        EventLoop loop = Vertx.currentContext() instanceof ContextInternal context
                ? context.nettyEventLoop()
                : vertx.nettyEventLoopGroup().next();
        return new Binding(loop, null);
    }

    /** Connections closed so far because they stopped reading. */
    public long slowConsumersDropped() {
        return slowConsumersDropped.get();
    }

    /** Frames written so far by sendText instead of as pre-encoded bytes. */
    long framesSentByText() {
        return framesByText.sum();
    }

    /**
     * Writes the event to sessions that share one event loop, in one task on that loop, then flushes them once.
     * Sessions of {@code exceptUser}, and those whose protocol is not sent the event, are skipped.
     *
     * @param countedAsDelivered whether the writes count in {@code chatterbox_messages_delivered_total}
     */
    void deliver(EventLoop loop, SocketSession[] sessions, OutboundFrame.PerProtocol frames, String exceptUser,
            boolean countedAsDelivered) {
        FlushCoalescer flushes = flushers.computeIfAbsent(loop, FlushCoalescer::new);
        loop.execute(() -> {
            int written = 0;
            for (SocketSession session : sessions) {
                OutboundFrame frame = frames.forProtocol(session.protocol);
                if (frame != null && !session.username().equals(exceptUser) && write(session, frame, flushes)) {
                    written++;
                }
            }
            flushes.flushUnlessBusy();
            if (countedAsDelivered) {
                metrics.delivered(written);
            }
        });
    }

    /** Queues one frame for the session, behind every frame queued for it before (from any thread). */
    void send(SocketSession session, OutboundFrame frame) {
        if (session.socket == null) {
            sendText(session, frame);
            return;
        }
        FlushCoalescer flushes = flushers.computeIfAbsent(session.loop, FlushCoalescer::new);
        session.loop.execute(() -> {
            write(session, frame, flushes);
            flushes.flushUnlessBusy();
        });
    }

    /** On the session's loop: the encoded bytes when its socket is reachable, else sendText. False if not admitted. */
    private boolean write(SocketSession session, OutboundFrame frame, FlushCoalescer flushes) {
        if (session.socket == null) {
            return sendText(session, frame);
        }
        int size = frame.bytes().readableBytes();
        if (!admit(session, size)) {
            return false;
        }
        RawFrames.write(session.socket, frame.bytes()).addListener(written -> taken(session, size));
        flushes.flushSoon(session.socket);
        return true;
    }

    /** The way websockets-next sends, for a connection whose socket is not reachable. */
    private boolean sendText(SocketSession session, OutboundFrame frame) {
        int size = frame.bytes().readableBytes();
        if (!admit(session, size)) {
            return false;
        }
        framesByText.increment();
        session.connection.sendText(frame.text()).subscribe().with(
                sent -> taken(session, size),
                failure -> {
                    taken(session, size);
                    LOG.debugf("Dropped a frame to closing connection %s: %s", session.id(), failure);
                });
        return true;
    }

    /**
     * Counts one more frame of {@code size} bytes waiting for the session, or refuses it: the session is closed, was
     * dropped, or has stopped reading — then it is dropped now.
     */
    private boolean admit(SocketSession session, int size) {
        if (session.dropped || !session.connection.isOpen()) {
            return false;
        }
        int frames = session.unsent.incrementAndGet();
        long bytes = session.unsentBytes.addAndGet(size);
        if ((frames > sendQueueFrames || bytes > sendQueueBytes) && session.socket != null) {
            // Frames queued in one burst (a resume's missed edits) wait for a flush that coalescing has put off;
            // hand them to the kernel first, so that only what the client has not taken counts.
            session.socket.flush();
            frames = session.unsent.get();
            bytes = session.unsentBytes.get();
        }
        if (frames > sendQueueFrames || bytes > sendQueueBytes) {
            taken(session, size);
            dropSlowConsumer(session, frames, bytes);
            return false;
        }
        return true;
    }

    /** A frame left the queue: written to the socket, or failed with it. */
    private static void taken(SocketSession session, int size) {
        session.unsent.decrementAndGet();
        session.unsentBytes.addAndGet(-size);
    }

    private void dropSlowConsumer(SocketSession session, int frames, long bytes) {
        synchronized (session) {
            if (session.dropped) {
                return;
            }
            session.dropped = true;
        }
        slowConsumersDropped.incrementAndGet();
        LOG.infof("Closing connection %s: it stopped reading (%d frames, %d bytes waiting)", session.id(), frames, bytes);
        Close.close(session.connection, Close.POLICY_VIOLATION, "too slow: stopped reading");
    }
}
