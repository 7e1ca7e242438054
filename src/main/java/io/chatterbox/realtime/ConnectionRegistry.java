package io.chatterbox.realtime;

import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.chatterbox.config.ChatterboxConfig;
import io.chatterbox.metrics.ChatMetrics;
import io.quarkus.runtime.Startup;
import io.quarkus.websockets.next.UserData.TypedKey;
import io.quarkus.websockets.next.WebSocketConnection;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoop;
import io.vertx.core.Vertx;
import io.vertx.core.impl.ContextInternal;
import io.vertx.core.impl.VertxInternal;

/**
 * The seed's connection manager, grown rooms: the open, joined connections, who is online, and which connections
 * hear which room. Changed only on the store's writer thread (see ChatService), read from anywhere.
 * {@link #connect} and {@link #disconnect} say whether the online set changed (a user's first connection opened,
 * or last one closed), so presence is announced once per user, not once per tab.
 * <p>
 * A v1 connection hears general only; a v2 connection hears every room of its user and the v2-only events
 * (typing, edits, read markers, room changes).
 * <p>
 * Each room's connections are grouped by the event loop that owns them. A broadcast hands each event loop one
 * task that writes to all of its connections, instead of one cross-thread task per recipient; the groups are
 * immutable arrays replaced on change, so a broadcast reads them without copying or locking, and a connection that
 * subscribes after a broadcast was handed out is never part of it (its history already holds that message).
 * <p>
 * Created at start, not on first use, so its gauges are in the very first scrape of /q/metrics.
 */
@ApplicationScoped
@Startup
public class ConnectionRegistry {

    private static final Logger LOG = Logger.getLogger(ConnectionRegistry.class);

    /** The order of presence lists: case-insensitive, ties (names differing only in case) broken by the exact name. */
    public static final Comparator<String> PRESENCE_ORDER =
            String.CASE_INSENSITIVE_ORDER.thenComparing(Comparator.naturalOrder());

    private static final TypedKey<AtomicInteger> UNSENT_FRAMES = new TypedKey<>("unsent-frames");
    private static final TypedKey<Boolean> DROPPED = new TypedKey<>("dropped-as-slow");
    private static final TypedKey<EventLoop> EVENT_LOOP = new TypedKey<>("event-loop");
    private static final TypedKey<ChannelHandlerContext> SOCKET = new TypedKey<>("netty-context");
    private static final TypedKey<Boolean> V2 = new TypedKey<>("protocol-v2");
    private static final TypedKey<String> USER = new TypedKey<>("registered-user");
    /** The rooms a connection hears; replaced, never mutated, on the writer thread. */
    private static final TypedKey<Set<String>> ROOMS = new TypedKey<>("rooms");

    private final int sendQueueFrames;
    private final AtomicLong slowConsumersDropped = new AtomicLong();
    private final Map<String, WebSocketConnection> connections = new ConcurrentHashMap<>();
    private final Map<String, Set<WebSocketConnection>> connectionsByUser = new ConcurrentHashMap<>();
    /** Who is online, kept in presence order so that listing them never sorts (a connect storm lists it per join). */
    private final NavigableSet<String> online = new ConcurrentSkipListSet<>(PRESENCE_ORDER);
    private final Map<String, Map<EventLoop, WebSocketConnection[]>> connectionsByRoom = new ConcurrentHashMap<>();
    private final Map<EventLoop, FlushCoalescer> flushers = new ConcurrentHashMap<>();
    private volatile boolean rawFramesUnavailableLogged;

    private final VertxInternal vertx;

    ConnectionRegistry(ChatterboxConfig config, ChatMetrics metrics, Vertx vertx) {
        this.vertx = (VertxInternal) vertx;
        this.sendQueueFrames = config.limits().sendQueueFrames();
        metrics.watchConnections(connections::size, connectionsByUser::size, slowConsumersDropped);
    }

    /**
     * Remembers the event loop that owns the connection; call from one of its callbacks (they run on it). Off an
     * event loop any loop will do: writes from a foreign thread are handed to the owner by Vert.x itself.
     */
    public void bindToCurrentEventLoop(WebSocketConnection connection) {
        ChannelHandlerContext socket = RawFrames.contextOf(connection);
        if (socket != null && socket.executor() instanceof EventLoop owner) {
            connection.userData().put(SOCKET, socket);
            connection.userData().put(EVENT_LOOP, owner);
            return;
        }
        if (!rawFramesUnavailableLogged) {
            rawFramesUnavailableLogged = true;
            LOG.infof("Frames to connection %s (and any like it) go through sendText: its socket is not reachable", connection.id());
        }
        EventLoop loop = Vertx.currentContext() instanceof ContextInternal context
                ? context.nettyEventLoop()
                : vertx.nettyEventLoopGroup().next();
        connection.userData().put(EVENT_LOOP, loop);
    }

    /** Whether frames reach the connection pre-encoded, straight on its socket (else by sendText). */
    boolean sharesEncodedFrames(WebSocketConnection connection) {
        return connection.userData().get(SOCKET) != null;
    }

    /** Records which protocol the connection speaks; call on open, before any of its frames is handled. */
    public static void speaksV2(WebSocketConnection connection, boolean v2) {
        connection.userData().put(V2, v2);
    }

    /**
     * Starts live delivery of {@code rooms} to the connection; v2 connections also get the v2-only events.
     *
     * @return true when this is the user's first open connection
     */
    public boolean connect(WebSocketConnection connection, String username, List<String> rooms) {
        if (connections.putIfAbsent(connection.id(), connection) != null) {
            return false;
        }
        if (connection.userData().get(EVENT_LOOP) == null) {
            bindToCurrentEventLoop(connection);
        }
        connection.userData().put(USER, username);
        connection.userData().put(ROOMS, Set.of());
        rooms.forEach(room -> subscribe(connection, room));
        Set<WebSocketConnection> own = connectionsByUser.computeIfAbsent(username, user -> ConcurrentHashMap.newKeySet());
        own.add(connection);
        return own.size() == 1 && online.add(username);
    }

    /** @return true when the user's last connection just closed */
    public boolean disconnect(WebSocketConnection connection, String username) {
        if (connections.remove(connection.id()) == null) {
            return false;
        }
        connection.userData().get(ROOMS).forEach(room -> unsubscribe(connection, room));
        Set<WebSocketConnection> own = connectionsByUser.get(username);
        own.remove(connection);
        if (own.isEmpty()) {
            connectionsByUser.remove(username);
            online.remove(username);
            return true;
        }
        return false;
    }

    /** The user's v2 connections start hearing the room (they joined it). */
    public void subscribe(String username, String room) {
        v2ConnectionsOf(username).forEach(connection -> subscribe(connection, room));
    }

    /** None of the user's connections hears the room any more (they left it). */
    public void unsubscribe(String username, String room) {
        connectionsOf(username).forEach(connection -> unsubscribe(connection, room));
    }

    /** Everyone with an open connection, in {@link #PRESENCE_ORDER}. */
    public List<String> online() {
        return List.copyOf(online);
    }

    /** How many people are online. */
    public int onlineCount() {
        return connectionsByUser.size();
    }

    public boolean isOnline(String username) {
        return connectionsByUser.containsKey(username);
    }

    /** Connections closed so far because they stopped reading. */
    public long slowConsumersDropped() {
        return slowConsumersDropped.get();
    }

    public Iterable<WebSocketConnection> all() {
        return connections.values();
    }

    public List<WebSocketConnection> connectionsOf(String username) {
        return List.copyOf(connectionsByUser.getOrDefault(username, Set.of()));
    }

    public List<WebSocketConnection> v2ConnectionsOf(String username) {
        return connectionsOf(username).stream().filter(ConnectionRegistry::isV2).toList();
    }

    public static boolean isV2(WebSocketConnection connection) {
        return Boolean.TRUE.equals(connection.userData().get(V2));
    }

    /**
     * Writes one already-encoded frame to every connection that hears the room.
     *
     * @return the connections it was queued for (closed and dropped ones are skipped)
     */
    public int broadcast(String room, String frame) {
        return broadcast(room, frame, connection -> true);
    }

    /** Writes a v1-only frame to the room's v1 connections. */
    public int broadcastV1(String room, String frame) {
        return broadcast(room, frame, connection -> !isV2(connection));
    }

    /** Writes a v2-only frame to the room's v2 connections, except those of {@code exceptUser} (may be null). */
    public int broadcastV2(String room, String frame, String exceptUser) {
        return broadcast(room, frame,
                connection -> isV2(connection) && !connection.userData().get(USER).equals(exceptUser));
    }

    /** Writes a v2-only frame to every v2 connection of the user. */
    public void sendToUser(String username, String frame) {
        ByteBuf bytes = RawFrames.encode(frame);
        v2ConnectionsOf(username).forEach(connection -> send(connection, frame, bytes));
    }

    private int broadcast(String room, String frame, Predicate<WebSocketConnection> recipient) {
        int recipients = 0;
        ByteBuf payload = null;
        for (Map.Entry<EventLoop, WebSocketConnection[]> group : connectionsByRoom.getOrDefault(room, Map.of()).entrySet()) {
            WebSocketConnection[] members = group.getValue();
            recipients += members.length;
            ByteBuf bytes = payload == null ? (payload = RawFrames.encode(frame)) : payload;
            FlushCoalescer flushes = flushers.computeIfAbsent(group.getKey(), FlushCoalescer::new);
            group.getKey().execute(() -> {
                for (WebSocketConnection connection : members) {
                    if (recipient.test(connection)) {
                        write(connection, frame, bytes, flushes);
                    }
                }
                flushes.flushUnlessBusy();
            });
        }
        return recipients;
    }

    /** One recipient of a frame, on its event loop: the encoded bytes when its socket is reachable, else sendText. */
    private void write(WebSocketConnection connection, String frame, ByteBuf bytes, FlushCoalescer flushes) {
        ChannelHandlerContext socket = connection.userData().get(SOCKET);
        if (socket == null) {
            sendText(connection, frame);
            return;
        }
        AtomicInteger unsent = admit(connection);
        if (unsent != null) {
            RawFrames.write(socket, bytes).addListener(written -> unsent.decrementAndGet());
            flushes.flushSoon(socket);
        }
    }

    private void subscribe(WebSocketConnection connection, String room) {
        Set<String> rooms = connection.userData().get(ROOMS);
        if (rooms.contains(room)) {
            return;
        }
        connection.userData().put(ROOMS, plus(rooms, room));
        connectionsByRoom.computeIfAbsent(room, id -> new ConcurrentHashMap<>())
                .merge(connection.userData().get(EVENT_LOOP), new WebSocketConnection[] { connection }, ConnectionRegistry::plus);
    }

    private void unsubscribe(WebSocketConnection connection, String room) {
        Set<String> rooms = connection.userData().get(ROOMS);
        if (rooms == null || !rooms.contains(room)) {
            return;
        }
        connection.userData().put(ROOMS, minus(rooms, room));
        Map<EventLoop, WebSocketConnection[]> groups = connectionsByRoom.get(room);
        groups.computeIfPresent(connection.userData().get(EVENT_LOOP), (owner, group) -> minus(group, connection));
        if (groups.isEmpty()) {
            connectionsByRoom.remove(room);
        }
    }

    /**
     * Queues one frame for the connection, behind every frame queued for it before (from any thread: all of them go
     * through the socket's event loop, like broadcasts). Frames the client has not yet taken are counted; a client
     * that stops reading is closed once the count passes the limit, instead of being buffered without bound.
     */
    public void send(WebSocketConnection connection, String frame) {
        send(connection, frame, RawFrames.encode(frame));
    }

    private void send(WebSocketConnection connection, String frame, ByteBuf bytes) {
        EventLoop loop = connection.userData().get(EVENT_LOOP);
        if (loop == null || connection.userData().get(SOCKET) == null) {
            sendText(connection, frame);
            return;
        }
        FlushCoalescer flushes = flushers.computeIfAbsent(loop, FlushCoalescer::new);
        loop.execute(() -> {
            write(connection, frame, bytes, flushes);
            flushes.flushUnlessBusy();
        });
    }

    /** The way websockets-next sends, for a connection whose socket is not reachable. */
    private void sendText(WebSocketConnection connection, String frame) {
        AtomicInteger pending = admit(connection);
        if (pending == null) {
            return;
        }
        connection.sendText(frame).subscribe().with(
                sent -> pending.decrementAndGet(),
                failure -> {
                    pending.decrementAndGet();
                    LOG.debugf("Dropped a frame to closing connection %s: %s", connection.id(), failure);
                });
    }

    /**
     * Counts one more frame waiting for the connection, or refuses it (null): the connection is closed, was dropped,
     * or has stopped reading — then it is dropped now.
     */
    private AtomicInteger admit(WebSocketConnection connection) {
        if (!connection.isOpen() || connection.userData().get(DROPPED) != null) {
            return null;
        }
        AtomicInteger unsent = connection.userData().get(UNSENT_FRAMES);
        if (unsent == null) {
            unsent = new AtomicInteger();
            connection.userData().put(UNSENT_FRAMES, unsent);
        }
        if (unsent.incrementAndGet() > sendQueueFrames) {
            unsent.decrementAndGet();
            dropSlowConsumer(connection);
            return null;
        }
        return unsent;
    }

    private static WebSocketConnection[] plus(WebSocketConnection[] group, WebSocketConnection[] added) {
        WebSocketConnection[] grown = Arrays.copyOf(group, group.length + 1);
        grown[group.length] = added[0];
        return grown;
    }

    private static WebSocketConnection[] minus(WebSocketConnection[] group, WebSocketConnection removed) {
        WebSocketConnection[] shrunk = Arrays.stream(group).filter(c -> c != removed).toArray(WebSocketConnection[]::new);
        return shrunk.length == 0 ? null : shrunk;
    }

    private static Set<String> plus(Set<String> rooms, String room) {
        Set<String> grown = new HashSet<>(rooms);
        grown.add(room);
        return Set.copyOf(grown);
    }

    private static Set<String> minus(Set<String> rooms, String room) {
        Set<String> shrunk = new HashSet<>(rooms);
        shrunk.remove(room);
        return Set.copyOf(shrunk);
    }

    private void dropSlowConsumer(WebSocketConnection connection) {
        if (connection.userData().put(DROPPED, Boolean.TRUE) == null) {
            slowConsumersDropped.incrementAndGet();
            LOG.infof("Closing connection %s: it stopped reading (%d frames waiting)", connection.id(), sendQueueFrames);
            Close.close(connection, Close.POLICY_VIOLATION, "too slow: stopped reading");
        }
    }
}
