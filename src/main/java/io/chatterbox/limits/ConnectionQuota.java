package io.chatterbox.limits;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.chatterbox.config.ChatterboxConfig;

/**
 * Caps the sockets one user may hold open, and how fast they may open them: one account can neither exhaust the
 * server's connections nor keep the writer busy with joins (each reads and sends its rooms' history).
 */
@ApplicationScoped
public class ConnectionQuota {

    private final OpenCounts counts;
    private final RateLimit opens;
    private final int perUser;

    public ConnectionQuota(OpenCounts counts, RateLimits limits, ChatterboxConfig config) {
        this.counts = counts;
        this.opens = limits.perSecond("connections", config.limits().connectionsPerSecond(), config.limits().connectionBurst());
        this.perUser = config.limits().connectionsPerUser();
    }

    /** Counts a new socket of the user, or says why it is refused (nothing is counted then). */
    public Optional<String> open(String username) {
        if (!counts.tryOpen(username, perUser)) {
            return Optional.of("too many connections (at most " + perUser + ")");
        }
        long waitMillis = opens.tryAcquire(username);
        if (waitMillis > 0) {
            counts.close(username);
            return Optional.of("connecting too often; try again in " + Math.max(1, (waitMillis + 999) / 1000) + " s");
        }
        return Optional.empty();
    }

    public void closed(String username) {
        counts.close(username);
    }
}
