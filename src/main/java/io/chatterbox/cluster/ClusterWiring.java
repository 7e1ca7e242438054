package io.chatterbox.cluster;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.chatterbox.accounts.InProcessRevocations;
import io.chatterbox.accounts.Revocations;
import io.chatterbox.config.ChatterboxConfig;
import io.chatterbox.core.ChatOrder;
import io.chatterbox.core.Fanout;
import io.chatterbox.core.InProcessFanout;
import io.chatterbox.core.NodeSessions;
import io.chatterbox.limits.InMemoryOpenCounts;
import io.chatterbox.limits.InMemoryRateLimits;
import io.chatterbox.limits.OpenCounts;
import io.chatterbox.limits.RateLimits;
import io.chatterbox.messages.MessageLog;
import io.chatterbox.metrics.ChatMetrics;
import io.chatterbox.presence.InMemoryPresence;
import io.chatterbox.presence.Presence;
import io.chatterbox.rooms.RoomStore;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.Startup;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;

/**
 * What nodes share at once, chosen when the node starts: in-process for an embedded node (and for a node on
 * PostgreSQL without Redis, which works alone), or over Redis when {@code chatterbox.cluster.redis-url} is set.
 */
@ApplicationScoped
public class ClusterWiring {

    private final ChatterboxConfig.Cluster config;
    private final Instance<Redis> redis;
    private final Vertx vertx;
    private final ObjectMapper json;
    private final MessageLog log;
    private final NodeSessions sessions;
    private final ChatOrder order;
    private ClusterNode node;

    ClusterWiring(ChatterboxConfig config, Instance<Redis> redis, Vertx vertx, ObjectMapper json, MessageLog log,
            NodeSessions sessions, ChatOrder order) {
        this.config = config.cluster();
        this.redis = redis;
        this.vertx = vertx;
        this.json = json;
        this.log = log;
        this.sessions = sessions;
        this.order = order;
    }

    @Produces
    @ApplicationScoped
    Fanout fanout(Instance<InProcessFanout> embedded) {
        return config.shared() ? node().fanout() : embedded.get();
    }

    @Produces
    @ApplicationScoped
    Revocations revocations(Instance<InProcessRevocations> embedded) {
        return config.shared() ? node().revocations() : embedded.get();
    }

    /** Created at start, so its gauge is in the very first scrape of /q/metrics. */
    @Produces
    @ApplicationScoped
    @Startup
    Presence presence(Instance<InMemoryPresence> embedded, ChatMetrics metrics) {
        if (config.shared()) {
            ClusterPresence shared = node().presence();
            metrics.watchOnline(shared::onlineHere);
            return shared;
        }
        InMemoryPresence alone = embedded.get();
        metrics.watchOnline(alone::onlineCount);
        return alone;
    }

    @Produces
    @ApplicationScoped
    RateLimits rateLimits(Instance<InMemoryRateLimits> embedded) {
        return config.shared() ? node().rateLimits() : embedded.get();
    }

    @Produces
    @ApplicationScoped
    OpenCounts openCounts(Instance<InMemoryOpenCounts> embedded) {
        return config.shared() ? new ClusterOpenCounts(node().presence()) : embedded.get();
    }

    /** The store of rooms, with its change notices heard on every node when the node shares. */
    public RoomStore rooms(RoomStore store) {
        return config.shared() ? node().rooms(store) : store;
    }

    private synchronized ClusterNode node() {
        if (node == null) {
            node = new ClusterNode(new ClusterBus(redis.get(), vertx, config.redisPrefix()), new EventCodec(json), log, sessions,
                    order, vertx, config);
            node.start();
        }
        return node;
    }

    /** Before the Redis client closes its connections, so losing them is not mistaken for an outage. */
    synchronized void stop(@Observes ShutdownEvent event) {
        if (node != null) {
            node.stop();
        }
    }
}
