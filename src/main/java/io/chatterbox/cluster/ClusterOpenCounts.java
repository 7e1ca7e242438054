package io.chatterbox.cluster;

import io.chatterbox.limits.InMemoryOpenCounts;
import io.chatterbox.limits.OpenCounts;

/**
 * Sockets per user across the cluster: this node's exactly, plus the other nodes' as their session counts were last
 * heard ({@link ClusterPresence}). A node that vanished counts for nothing once its lease is over; sockets opening on
 * two nodes in the same few milliseconds may both be let in, and no more than that.
 */
final class ClusterOpenCounts implements OpenCounts {

    private final OpenCounts here = new InMemoryOpenCounts();
    private final ClusterPresence presence;

    ClusterOpenCounts(ClusterPresence presence) {
        this.presence = presence;
    }

    @Override
    public boolean tryOpen(String key, int max) {
        return here.tryOpen(key, max - presence.sessionsElsewhere(key));
    }

    @Override
    public void close(String key) {
        here.close(key);
    }
}
