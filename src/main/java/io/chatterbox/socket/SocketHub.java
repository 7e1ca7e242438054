package io.chatterbox.socket;

import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.chatterbox.core.ChatEvent;
import io.chatterbox.core.ClientSession;
import io.chatterbox.core.NodeSessions;
import io.chatterbox.messages.MessageEvents;
import io.chatterbox.metrics.ChatMetrics;
import io.chatterbox.wire.FrameEncoder;
import io.netty.channel.EventLoop;
import io.quarkus.runtime.Startup;

/**
 * This node's sessions: by user, and by room grouped by the event loop that owns them. Changed in chat order (see
 * ChatService), read from anywhere. A delivery to a room encodes the event once per protocol and hands each event
 * loop one task that writes to all of its sessions ({@link FrameWriter}), instead of one cross-thread task per
 * recipient. The groups are immutable arrays replaced on change, so a delivery reads them without copying or
 * locking, and a session that subscribes after a delivery was handed out is never part of it (its history
 * already holds that message).
 * <p>
 * Created at start, not on first use, so its gauge is in the very first scrape of /q/metrics.
 */
@ApplicationScoped
@Startup
public class SocketHub implements NodeSessions {

    private final Map<String, SocketSession> sessions = new ConcurrentHashMap<>();
    private final Map<String, Set<SocketSession>> sessionsByUser = new ConcurrentHashMap<>();
    private final Map<String, Map<EventLoop, SocketSession[]>> sessionsByRoom = new ConcurrentHashMap<>();
    private final FrameWriter writer;
    private final FrameEncoder encoder;

    SocketHub(FrameWriter writer, FrameEncoder encoder, ChatMetrics metrics) {
        this.writer = writer;
        this.encoder = encoder;
        metrics.watchSessions(sessions::size);
    }

    @Override
    public boolean attach(ClientSession session, List<String> rooms) {
        SocketSession socket = (SocketSession) session;
        if (sessions.putIfAbsent(socket.id(), socket) != null) {
            return false;
        }
        rooms.forEach(room -> subscribe(socket, room));
        sessionsByUser.computeIfAbsent(socket.username(), user -> ConcurrentHashMap.newKeySet()).add(socket);
        return true;
    }

    @Override
    public boolean detach(ClientSession session) {
        SocketSession socket = (SocketSession) session;
        if (sessions.remove(socket.id()) == null) {
            return false;
        }
        socket.rooms.forEach(room -> unsubscribe(socket, room));
        sessionsByUser.computeIfPresent(socket.username(), (user, own) -> {
            own.remove(socket);
            return own.isEmpty() ? null : own;
        });
        return true;
    }

    @Override
    public void subscribe(String username, String room) {
        socketsOf(username).stream().filter(session -> session.receives(MessageEvents.Posted.class, room))
                .forEach(session -> subscribe(session, room));
    }

    @Override
    public void unsubscribe(String username, String room) {
        socketsOf(username).forEach(session -> unsubscribe(session, room));
    }

    @Override
    public void deliverToRoom(String room, ChatEvent event, String exceptUser) {
        Map<EventLoop, SocketSession[]> groups = sessionsByRoom.get(room);
        if (groups == null || groups.isEmpty()) {
            return;
        }
        OutboundFrame.PerProtocol frames = OutboundFrame.PerProtocol.of(event, encoder);
        boolean message = event instanceof MessageEvents.Posted;
        groups.forEach((loop, members) -> writer.deliver(loop, members, frames, exceptUser, message));
    }

    @Override
    public void deliverToUser(String username, ChatEvent event) {
        List<SocketSession> own = socketsOf(username);
        if (own.isEmpty()) {
            return;
        }
        OutboundFrame.PerProtocol frames = OutboundFrame.PerProtocol.of(event, encoder);
        for (SocketSession session : own) {
            OutboundFrame frame = frames.forProtocol(session.protocol);
            if (frame != null) {
                writer.send(session, frame);
            }
        }
    }

    @Override
    public List<ClientSession> sessionsOf(String username) {
        return List.copyOf(socketsOf(username));
    }

    /** One session's event, encoded for its protocol alone. */
    void sendTo(SocketSession session, ChatEvent event) {
        OutboundFrame frame = OutboundFrame.of(event, session.protocol, encoder);
        if (frame != null) {
            writer.send(session, frame);
        }
    }

    /** Every attached session. */
    Collection<SocketSession> all() {
        return sessions.values();
    }

    List<SocketSession> socketsOf(String username) {
        return List.copyOf(sessionsByUser.getOrDefault(username, Set.of()));
    }

    private void subscribe(SocketSession session, String room) {
        Set<String> rooms = session.rooms;
        if (rooms.contains(room)) {
            return;
        }
        session.rooms = plus(rooms, room);
        sessionsByRoom.computeIfAbsent(room, id -> new ConcurrentHashMap<>())
                .merge(session.loop, new SocketSession[] { session }, SocketHub::plus);
    }

    private void unsubscribe(SocketSession session, String room) {
        Set<String> rooms = session.rooms;
        if (!rooms.contains(room)) {
            return;
        }
        session.rooms = minus(rooms, room);
        Map<EventLoop, SocketSession[]> groups = sessionsByRoom.get(room);
        groups.computeIfPresent(session.loop, (owner, group) -> minus(group, session));
        if (groups.isEmpty()) {
            sessionsByRoom.remove(room);
        }
    }

    private static SocketSession[] plus(SocketSession[] group, SocketSession[] added) {
        SocketSession[] grown = Arrays.copyOf(group, group.length + 1);
        grown[group.length] = added[0];
        return grown;
    }

    private static SocketSession[] minus(SocketSession[] group, SocketSession removed) {
        SocketSession[] shrunk = Arrays.stream(group).filter(s -> s != removed).toArray(SocketSession[]::new);
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
}
