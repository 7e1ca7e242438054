package io.chatterbox.metrics;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntSupplier;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The chat engine's meters, scraped at /q/metrics. Every meter is created here once, so the hot paths only bump a
 * counter they already hold: one increment per message in, one per fan-out (by its recipient count), never one
 * per recipient. Gauges read the owners' own state when scraped, so they cost nothing between scrapes.
 */
@ApplicationScoped
public class ChatMetrics {

    /** The error codes a message can be refused with; any other code is counted as "other" to bound the tags. */
    static final Set<String> REJECTION_CODES = Set.of("rate_limited", "invalid_text", "invalid_client_id",
            "invalid_room", "unknown_room", "invalid_json", "invalid_frame", "unknown_type", "overloaded",
            "store_failed");
    static final String OTHER = "other";

    private final MeterRegistry registry;
    private final Counter received;
    private final Counter stored;
    private final Counter delivered;
    private final Map<String, Counter> rejected;
    private final Counter rejectedOther;
    private final Timer commit;
    private final DistributionSummary batchSize;

    ChatMetrics(MeterRegistry registry) {
        this.registry = registry;
        received = Counter.builder("chatterbox.messages.received")
                .description("Messages accepted into the store's queue").register(registry);
        stored = Counter.builder("chatterbox.messages.stored")
                .description("Messages committed (a resent clientId is not stored again)").register(registry);
        delivered = Counter.builder("chatterbox.messages.delivered")
                .description("Message frames fanned out, one per recipient connection").register(registry);
        rejected = REJECTION_CODES.stream().collect(Collectors.toUnmodifiableMap(code -> code, this::rejectedCounter));
        rejectedOther = rejectedCounter(OTHER);
        commit = Timer.builder("chatterbox.store.commit")
                .description("Time to commit one batch of messages").register(registry);
        batchSize = DistributionSummary.builder("chatterbox.store.batch.size")
                .description("Messages per committed batch").register(registry);
    }

    private Counter rejectedCounter(String code) {
        return Counter.builder("chatterbox.messages.rejected").tag("code", code)
                .description("Messages refused with an error frame, by error code").register(registry);
    }

    /** Called once by the store: the appends waiting for the writer. */
    public void watchStoreQueue(IntSupplier pendingAppends) {
        Gauge.builder("chatterbox.store.queue.depth", pendingAppends::getAsInt)
                .description("Messages waiting for the store's writer").register(registry);
    }

    /**
     * Called once by the connection registry, whose own state backs these meters. The drop count is passed as the
     * registry's AtomicLong itself: a function counter holds its object weakly, so a lambda would be collected.
     */
    public void watchConnections(IntSupplier joined, IntSupplier usersOnline, AtomicLong slowConsumersDropped) {
        Gauge.builder("chatterbox.connections.open", joined::getAsInt)
                .description("Open WebSocket connections that have joined the chat").register(registry);
        Gauge.builder("chatterbox.users.online", usersOnline::getAsInt)
                .description("Users with at least one joined connection").register(registry);
        FunctionCounter.builder("chatterbox.slow_consumers.dropped", slowConsumersDropped, AtomicLong::get)
                .description("Connections closed because they stopped reading").register(registry);
    }

    public void received() {
        received.increment();
    }

    public void delivered(int recipients) {
        delivered.increment(recipients);
    }

    public void rejected(String code) {
        rejected.getOrDefault(code, rejectedOther).increment();
    }

    /** One successful commit of {@code batch} appends, {@code newMessages} of them not duplicates. */
    public void committed(int batch, int newMessages, long nanos) {
        commit.record(nanos, TimeUnit.NANOSECONDS);
        batchSize.record(batch);
        stored.increment(newMessages);
    }
}
