package io.chatterbox.socket;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.jboss.logging.Logger;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.quarkus.websockets.next.WebSocketConnection;
import io.quarkus.websockets.next.runtime.WebSocketConnectionBase;
import io.vertx.core.http.WebSocketBase;
import io.vertx.core.http.impl.WebSocketInternal;

/**
 * Writes one already-encoded text frame to many sockets. websockets-next sends per recipient: it encodes the String
 * to UTF-8 again, wraps the write in a Mutiny Uni, and writes and flushes each frame on its own — about 18 µs of one
 * core per delivery in our fan-out benchmark. Here the frame is encoded once and its bytes are shared by every
 * recipient's frame, written to the socket's Netty context without a flush (the caller flushes once per batch).
 * <p>
 * websockets-next does not expose the socket, so each connection's context is looked up once, reflectively, when it
 * opens. If that ever fails (a Quarkus version without the method), {@link #contextOf} answers null and the
 * connection is served by {@code sendText} ({@link FrameWriter} logs that once).
 */
// the native image too: the accessor of the connection's socket, and the field of Vert.x Web's wrapper around it
@RegisterForReflection(targets = WebSocketConnectionBase.class, classNames = "io.vertx.ext.web.impl.ServerWebSocketWrapper",
        methods = true, fields = true)
final class RawFrames {

    private static final Logger LOG = Logger.getLogger(RawFrames.class);
    private static final Method WEB_SOCKET = webSocketAccessor();
    /** How to reach the socket inside a wrapper, per wrapper class (empty: not a wrapper we can open). */
    private static final Map<Class<?>, Optional<Field>> WRAPPED = new ConcurrentHashMap<>();

    private RawFrames() {
    }

    /**
     * The Netty context that writes to the connection's socket, or null when it cannot be reached. Vert.x Web hands
     * websockets-next its socket inside a wrapper ({@code ServerWebSocketWrapper}, which adds forwarded-host
     * details); the socket that owns the channel is the wrapper's delegate.
     */
    static ChannelHandlerContext contextOf(WebSocketConnection connection) {
        if (WEB_SOCKET == null || !(connection instanceof WebSocketConnectionBase)) {
            return null;
        }
        try {
            Object socket = WEB_SOCKET.invoke(connection);
            for (int unwrapped = 0; socket != null && unwrapped < 3; unwrapped++) {
                if (socket instanceof WebSocketInternal internal) {
                    return internal.channelHandlerContext();
                }
                socket = wrappedSocket(socket);
            }
            return null;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    /** The socket a wrapper delegates to: its one instance field that holds a WebSocket; null for anything else. */
    private static Object wrappedSocket(Object wrapper) throws IllegalAccessException {
        Optional<Field> field = WRAPPED.computeIfAbsent(wrapper.getClass(), type -> Arrays.stream(type.getDeclaredFields())
                .filter(candidate -> !Modifier.isStatic(candidate.getModifiers()))
                .filter(candidate -> WebSocketBase.class.isAssignableFrom(candidate.getType()))
                .findFirst()
                .filter(candidate -> candidate.trySetAccessible()));
        return field.isPresent() ? field.get().get(wrapper) : null;
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
            LOG.infof("Frames go by sendText per recipient: the socket of a websockets-next connection is not reachable (%s)", e);
            return null;
        }
    }
}
