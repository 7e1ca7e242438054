package io.chatterbox.core;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;

/** The embedded fan-out: one node, so publishing is delivering to this node's sessions, at once and in order. */
@ApplicationScoped
@Typed(InProcessFanout.class)
public class InProcessFanout implements Fanout {

    private final NodeSessions sessions;

    public InProcessFanout(NodeSessions sessions) {
        this.sessions = sessions;
    }

    @Override
    public void toRoomExcept(String room, ChatEvent event, String exceptUser) {
        sessions.deliverToRoom(room, event, exceptUser);
    }

    @Override
    public void toUser(String username, ChatEvent event) {
        sessions.deliverToUser(username, event);
    }
}
