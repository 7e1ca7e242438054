package io.chatterbox.cluster;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BiConsumer;

import org.jboss.logging.Logger;

/**
 * The cluster's channel as this node uses it: its own notices out, encoded once; other nodes' notices in, handled
 * one at a time in the order they arrived, on a thread of their own (filling a gap reads the store, which must not
 * happen on an event loop). A node's own notices come back to it too, and are skipped: it acted on them before it
 * published them.
 */
final class ClusterChannel {

    private static final Logger LOG = Logger.getLogger(ClusterChannel.class);

    private final ClusterBus bus;
    private final EventCodec codec;
    private final ExecutorService inbox = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "cluster-inbox");
        thread.setDaemon(true);
        return thread;
    });

    ClusterChannel(ClusterBus bus, EventCodec codec) {
        this.bus = bus;
        this.codec = codec;
    }

    void publish(Envelope.Kind kind, String target, String except, Object payload) {
        bus.publish(codec.encode(bus.node(), kind, target, except, payload));
    }

    /** Hands each other node's notice, decoded, to {@code handler}, in arrival order. */
    void listen(BiConsumer<Envelope, Object> handler) {
        bus.onMessage(text -> inbox.execute(() -> handle(text, handler)));
    }

    /** Runs {@code task} on the inbox thread, after the notices that arrived before it. */
    void runInOrder(Runnable task) {
        inbox.execute(task);
    }

    private void handle(String text, BiConsumer<Envelope, Object> handler) {
        try {
            Envelope envelope = codec.decode(text);
            if (!bus.node().equals(envelope.node())) {
                handler.accept(envelope, codec.payload(envelope));
            }
        } catch (Exception e) {
            LOG.warnf(e, "Could not handle a notice from the cluster channel");
        }
    }

    void stop() {
        inbox.shutdownNow();
    }
}
