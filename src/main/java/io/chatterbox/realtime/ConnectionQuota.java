package io.chatterbox.realtime;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.chatterbox.config.ChatterboxConfig;

/** Caps the sockets one user may hold open, so one account cannot exhaust the server's connections. */
@ApplicationScoped
public class ConnectionQuota {

    private final Map<String, Integer> open = new ConcurrentHashMap<>();
    private final int perUser;

    ConnectionQuota(ChatterboxConfig config) {
        this.perUser = config.limits().connectionsPerUser();
    }

    /** @return false when the user already holds the maximum; nothing is counted then */
    public boolean tryOpen(String username) {
        boolean[] granted = { false };
        open.compute(username, (user, count) -> {
            int current = count == null ? 0 : count;
            granted[0] = current < perUser;
            return granted[0] ? current + 1 : count;
        });
        return granted[0];
    }

    public void closed(String username) {
        open.computeIfPresent(username, (user, count) -> count == 1 ? null : count - 1);
    }

    public int limit() {
        return perUser;
    }
}
