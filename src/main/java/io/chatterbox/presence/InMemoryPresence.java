package io.chatterbox.presence;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;

/** The embedded presence: one node, so who is online is who has a session here. */
@ApplicationScoped
@Typed(InMemoryPresence.class)
public class InMemoryPresence implements Presence {

    private final OnlineCounts sessions = new OnlineCounts();

    @Override
    public boolean sessionOpened(String username) {
        return sessions.add(username);
    }

    @Override
    public boolean sessionClosed(String username) {
        return sessions.remove(username);
    }

    @Override
    public boolean isOnline(String username) {
        return sessions.contains(username);
    }

    @Override
    public List<String> online() {
        return sessions.online();
    }

    @Override
    public int onlineCount() {
        return sessions.size();
    }
}
