package io.chatterbox.presence;

import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;

/**
 * A count per person (of sessions, or of nodes that have their sessions) and who has any, kept in presence order
 * so that listing never sorts (a connect storm lists it once per join). Thread-safe: a person's count and their place
 * in the list change together.
 */
public final class OnlineCounts {

    private final Map<String, Integer> counts = new ConcurrentHashMap<>();
    private final NavigableSet<String> online = new ConcurrentSkipListSet<>(Presence.ORDER);

    /** @return true when the person had none before: they came online */
    public boolean add(String username) {
        boolean[] first = { false };
        counts.compute(username, (user, count) -> {
            first[0] = count == null;
            if (first[0]) {
                online.add(user);
            }
            return first[0] ? 1 : count + 1;
        });
        return first[0];
    }

    /** @return true when this was the person's last one: they went offline */
    public boolean remove(String username) {
        boolean[] last = { false };
        counts.computeIfPresent(username, (user, count) -> {
            last[0] = count == 1;
            if (last[0]) {
                online.remove(user);
            }
            return last[0] ? null : count - 1;
        });
        return last[0];
    }

    public boolean contains(String username) {
        return counts.containsKey(username);
    }

    /** Everyone with at least one, in {@link Presence#ORDER}. */
    public List<String> online() {
        return List.copyOf(online);
    }

    public int size() {
        return counts.size();
    }
}
