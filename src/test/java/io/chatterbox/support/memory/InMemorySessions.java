package io.chatterbox.support.memory;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import io.chatterbox.core.ChatEvent;
import io.chatterbox.core.ClientSession;
import io.chatterbox.core.NodeSessions;

/** A {@link NodeSessions} without sockets, for the unit tier: delivery is a direct call to each session. */
public final class InMemorySessions implements NodeSessions {

    private final List<ClientSession> attached = new CopyOnWriteArrayList<>();
    private final Map<ClientSession, Set<String>> rooms = new ConcurrentHashMap<>();

    @Override
    public boolean attach(ClientSession session, List<String> joined) {
        if (attached.contains(session)) {
            return false;
        }
        attached.add(session);
        rooms.put(session, ConcurrentHashMap.newKeySet());
        rooms.get(session).addAll(joined);
        return true;
    }

    @Override
    public boolean detach(ClientSession session) {
        rooms.remove(session);
        return attached.remove(session);
    }

    @Override
    public void subscribe(String username, String room) {
        sessionsOf(username).forEach(session -> rooms.get(session).add(room));
    }

    @Override
    public void unsubscribe(String username, String room) {
        sessionsOf(username).forEach(session -> rooms.get(session).remove(room));
    }

    @Override
    public void deliverToRoom(String room, ChatEvent event, String exceptUser) {
        attached.stream().filter(session -> rooms.get(session).contains(room) && !session.username().equals(exceptUser))
                .forEach(session -> session.send(event));
    }

    @Override
    public void deliverToUser(String username, ChatEvent event) {
        sessionsOf(username).forEach(session -> session.send(event));
    }

    @Override
    public List<ClientSession> sessionsOf(String username) {
        return attached.stream().filter(session -> session.username().equals(username)).toList();
    }

    /** The rooms the session hears now. */
    public Set<String> roomsOf(ClientSession session) {
        return Set.copyOf(rooms.getOrDefault(session, Set.of()));
    }
}
