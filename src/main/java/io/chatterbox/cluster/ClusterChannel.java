package io.chatterbox.cluster;

import java.util.function.BiConsumer;

import org.jboss.logging.Logger;

import io.chatterbox.core.ChatOrder;
import io.vertx.core.Future;

/**
 * The cluster's channel as this node uses it: its own notices out, encoded once; other nodes' notices in, decoded as
 * they arrive and acted on in {@link ChatOrder}, in arrival order. In chat order, because what they do must not fall
 * between the steps of a client's join (its history read, then its session attached) or cross a room change made
 * here; and filling a gap reads the store, which must not happen on an event loop. A node's own notices come back
 * to it too, and are skipped: it acted on them before it published them.
 */
final class ClusterChannel {

    private static final Logger LOG = Logger.getLogger(ClusterChannel.class);

    private final ClusterBus bus;
    private final EventCodec codec;
    private final ChatOrder order;

    ClusterChannel(ClusterBus bus, EventCodec codec, ChatOrder order) {
        this.bus = bus;
        this.codec = codec;
        this.order = order;
    }

    /** Publishes the notice; the future completes once Redis has taken it (or fails without Redis). */
    Future<?> publish(Envelope.Kind kind, String target, String except, Object payload) {
        return bus.publish(codec.encode(bus.node(), kind, target, except, payload));
    }

    /** Hands each other node's notice, decoded, to {@code handler}, in arrival order. */
    void listen(BiConsumer<Envelope, Object> handler) {
        bus.onMessage(text -> {
            try {
                Envelope envelope = codec.decode(text);
                if (!bus.node().equals(envelope.node())) {
                    Object payload = codec.payload(envelope);
                    order.runInOrder(() -> handle(envelope, payload, handler));
                }
            } catch (Exception e) {
                LOG.warnf(e, "Could not read a notice from the cluster channel");
            }
        });
    }

    /** Runs {@code task} in chat order, after the notices that arrived before it. */
    void runInOrder(Runnable task) {
        order.runInOrder(task);
    }

    private static void handle(Envelope envelope, Object payload, BiConsumer<Envelope, Object> handler) {
        try {
            handler.accept(envelope, payload);
        } catch (RuntimeException e) {
            LOG.warnf(e, "Could not act on a %s notice from the cluster channel", envelope.kind());
        }
    }
}
