package io.chatterbox.limits;

import jakarta.enterprise.context.ApplicationScoped;

import io.chatterbox.config.ChatterboxConfig;

/** Caps the sockets one user may hold open, so one account cannot exhaust the server's connections. */
@ApplicationScoped
public class ConnectionQuota {

    private final OpenCounts counts;
    private final int perUser;

    public ConnectionQuota(OpenCounts counts, ChatterboxConfig config) {
        this.counts = counts;
        this.perUser = config.limits().connectionsPerUser();
    }

    /** @return false when the user already holds the maximum; nothing is counted then */
    public boolean tryOpen(String username) {
        return counts.tryOpen(username, perUser);
    }

    public void closed(String username) {
        counts.close(username);
    }

    public int limit() {
        return perUser;
    }
}
