package io.chatterbox.realtime;

import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;

import org.jboss.logging.Logger;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.quarkus.websockets.next.WebSocketConnection;
import io.quarkus.websockets.next.runtime.WebSocketConnectionBase;
import io.vertx.core.http.impl.WebSocketInternal;

/**
 * Writes one already-encoded text frame to many sockets. websockets-next sends per recipient: it encodes the String
 * to UTF-8 again, wraps the write in a Mutiny Uni, and writes and flushes each frame on its own — about 18 µs of one
 * core per delivery in our fan-out benchmark. Here the frame is encoded once and its bytes are shared by every
 * recipient's frame, written to the socket's Netty context without a flush (the caller flushes once per batch).
 * <p>
 * websockets-next does not expose the socket, so each connection's context is looked up once, reflectively, when it
 * opens. If that ever fails (a Quarkus version without the method), {@link #contextOf} answers null and the
 * connection is served by {@code sendText}, as before.
 */
@RegisterForReflection(targets = WebSocketConnectionBase.class, methods = true, fields = false) // the native image too
final class RawFrames {

    private static final Logger LOG = Logger.getLogger(RawFrames.class);
    private static final Method WEB_SOCKET = webSocketAccessor();

    private RawFrames() {
    }

    /** The Netty context that writes to the connection's socket, or null when it cannot be reached. */
    static ChannelHandlerContext contextOf(WebSocketConnection connection) {
        if (WEB_SOCKET == null || !(connection instanceof WebSocketConnectionBase)) {
            return null;
        }
        try {
            return WEB_SOCKET.invoke(connection) instanceof WebSocketInternal socket ? socket.channelHandlerContext() : null;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    /** The frame's bytes, shared read-only by all recipients (never released: the garbage collector frees them). */
    static ByteBuf encode(String frame) {
        return Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(frame.getBytes(StandardCharsets.UTF_8)));
    }

    /** Queues the frame on the socket without flushing it. Call on the context's event loop. */
    static ChannelFuture write(ChannelHandlerContext context, ByteBuf payload) {
        return context.write(new TextWebSocketFrame(payload.duplicate()));
    }

    private static Method webSocketAccessor() {
        try {
            Method accessor = WebSocketConnectionBase.class.getDeclaredMethod("webSocket");
            accessor.setAccessible(true);
            return accessor;
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.infof("Broadcasts use sendText per recipient: the socket of a websockets-next connection is not reachable (%s)", e);
            return null;
        }
    }
}
