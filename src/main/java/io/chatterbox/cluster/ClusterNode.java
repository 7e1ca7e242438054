package io.chatterbox.cluster;

import java.util.concurrent.TimeUnit;

import org.jboss.logging.Logger;

import io.chatterbox.accounts.TokensRevoked;
import io.chatterbox.config.ChatterboxConfig;
import io.chatterbox.core.ChatEvent;
import io.chatterbox.core.ChatOrder;
import io.chatterbox.core.NodeSessions;
import io.chatterbox.limits.RateLimits;
import io.chatterbox.messages.MessageLog;
import io.chatterbox.rooms.RoomChange;
import io.chatterbox.rooms.RoomStore;
import io.vertx.core.Vertx;

/**
 * This node's part in a cluster: the shared-state adapters over one Redis channel, and the handling of what other
 * nodes say on it.
 */
final class ClusterNode {

    private static final Logger LOG = Logger.getLogger(ClusterNode.class);

    private final ClusterBus bus;
    private final ClusterChannel channel;
    private final MessageLog log;
    private final NodeSessions sessions;
    private final OrderedMessages messages;
    private final ClusterFanout fanout;
    private final ClusterRevocations revocations;
    private final ClusterPresence presence;
    private final Vertx vertx;
    private final String redisPrefix;
    private volatile ClusterRoomStore rooms;
    private long heartbeats;

    ClusterNode(ClusterBus bus, EventCodec codec, MessageLog log, NodeSessions sessions, ChatOrder order, Vertx vertx,
            ChatterboxConfig.Cluster config) {
        this.bus = bus;
        this.channel = new ClusterChannel(bus, codec, order);
        this.log = log;
        this.sessions = sessions;
        this.vertx = vertx;
        this.messages = new OrderedMessages(log, sessions);
        this.fanout = new ClusterFanout(sessions, messages, channel);
        this.revocations = new ClusterRevocations(channel);
        this.presence = new ClusterPresence(bus, channel, config.redisPrefix(), config.nodeLease());
        this.redisPrefix = config.redisPrefix();
    }

    /** Listens before it reads where the store stands, so no message falls between the two. */
    void start() {
        channel.listen(this::heard);
        bus.onResubscribed(() -> channel.runInOrder(() -> {
            revocations.noticesMissed();
            ClusterRoomStore store = rooms;
            if (store != null) {
                store.catchUp();
            }
            messages.catchUp();
        }));
        bus.onPublisherReconnected(() -> channel.publish(Envelope.Kind.CATCH_UP, null, null, new Envelope.CatchUp()));
        bus.onPublisherConnected(presence::writeAll);
        bus.start();
        messages.startAfter(log.newestId());
        heartbeats = vertx.setPeriodic(presence.heartbeatInterval().toMillis(), id -> {
            presence.heartbeat();
            channel.runInOrder(presence::forgetSilentNodes);
        });
    }

    /** Tells the other nodes it is leaving (waiting a little for Redis to take it), then disconnects. */
    void stop() {
        vertx.cancelTimer(heartbeats);
        try {
            presence.leave().toCompletionStage().toCompletableFuture().get(1, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.debugf("The other nodes were not told this one is leaving: %s", e.getMessage());
        }
        bus.stop();
    }

    ClusterFanout fanout() {
        return fanout;
    }

    ClusterRevocations revocations() {
        return revocations;
    }

    RateLimits rateLimits() {
        return new ClusterRateLimits(bus, redisPrefix);
    }

    ClusterPresence presence() {
        return presence;
    }

    synchronized RoomStore rooms(RoomStore store) {
        if (rooms == null) {
            rooms = new ClusterRoomStore(store, channel, sessions);
        }
        return rooms;
    }

    private void heard(Envelope envelope, Object payload) {
        switch (envelope.kind()) {
            case ROOM -> fanout.deliverToRoom(envelope.target(), (ChatEvent) payload, envelope.except());
            case USER -> sessions.deliverToUser(envelope.target(), (ChatEvent) payload);
            case ROOM_CHANGE -> {
                ClusterRoomStore store = rooms;
                if (store != null) {
                    store.heard((RoomChange) payload);
                }
            }
            case REVOKED -> revocations.heard((TokensRevoked) payload);
            case CATCH_UP -> messages.catchUp();
            case SESSIONS -> presence.heard(envelope.node(), envelope.target(), (Envelope.Sessions) payload);
            case HEARTBEAT -> presence.heard(envelope.node(), (Envelope.Heartbeat) payload);
            case LEAVING -> presence.forget(envelope.node());
        }
    }
}
