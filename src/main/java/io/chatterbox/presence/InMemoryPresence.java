package io.chatterbox.presence;

import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;

/**
 * The embedded presence: one node, so who is online is who has a session here.
 */
@ApplicationScoped
@Typed(InMemoryPresence.class)
public class InMemoryPresence implements Presence {

    private final Map<String, Integer> sessionsByUser = new ConcurrentHashMap<>();
    /** Kept in presence order, so that listing never sorts (a connect storm lists it once per join). */
    private final NavigableSet<String> online = new ConcurrentSkipListSet<>(ORDER);

    @Override
    public boolean sessionOpened(String username) {
        boolean[] first = { false };
        sessionsByUser.compute(username, (user, count) -> {
            first[0] = count == null;
            return count == null ? 1 : count + 1;
        });
        if (first[0]) {
            online.add(username);
        }
        return first[0];
    }

    @Override
    public boolean sessionClosed(String username) {
        boolean[] last = { false };
        sessionsByUser.computeIfPresent(username, (user, count) -> {
            last[0] = count == 1;
            return count == 1 ? null : count - 1;
        });
        if (last[0]) {
            online.remove(username);
        }
        return last[0];
    }

    @Override
    public boolean isOnline(String username) {
        return sessionsByUser.containsKey(username);
    }

    @Override
    public List<String> online() {
        return List.copyOf(online);
    }

    @Override
    public int onlineCount() {
        return sessionsByUser.size();
    }
}
