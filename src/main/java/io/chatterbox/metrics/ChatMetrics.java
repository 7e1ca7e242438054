package io.chatterbox.metrics;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntSupplier;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import io.chatterbox.core.ErrorCode;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The chat engine's meters, scraped at /q/metrics. Every meter is created here once, so the hot paths only bump a
 * counter they already hold: one increment per message in, one per event loop a fan-out reaches (by the sessions
 * it wrote to), never one per recipient. Gauges read the owners' own state when scraped, so they cost nothing between scrapes.
 */
@ApplicationScoped
public class ChatMetrics {

    /** The error codes a message can be refused with; any other code is counted as "other" to bound the tags. */
    static final Set<ErrorCode> REJECTION_CODES = Set.of(ErrorCode.RATE_LIMITED, ErrorCode.INVALID_TEXT,
            ErrorCode.INVALID_CLIENT_ID, ErrorCode.INVALID_ROOM, ErrorCode.UNKNOWN_ROOM, ErrorCode.INVALID_JSON,
            ErrorCode.INVALID_FRAME, ErrorCode.UNKNOWN_TYPE, ErrorCode.OVERLOADED, ErrorCode.STORE_FAILED);
    static final String OTHER = "other";

    private final MeterRegistry registry;
    private final Counter received;
    private final Counter stored;
    private final Counter delivered;
    private final Map<ErrorCode, Counter> rejected;
    private final Counter rejectedOther;
    private final Timer commit;
    private final DistributionSummary batchSize;

    public ChatMetrics(MeterRegistry registry) {
        this.registry = registry;
        received = Counter.builder("chatterbox.messages.received")
                .description("Messages accepted into the store's queue").register(registry);
        stored = Counter.builder("chatterbox.messages.stored")
                .description("Messages committed (a resent clientId is not stored again)").register(registry);
        delivered = Counter.builder("chatterbox.messages.delivered")
                .description("Message frames fanned out, one per recipient connection").register(registry);
        rejected = REJECTION_CODES.stream().collect(Collectors.toUnmodifiableMap(code -> code, code -> rejectedCounter(code)));
        rejectedOther = rejectedCounter(OTHER);
        commit = Timer.builder("chatterbox.store.commit")
                .description("Time to commit one batch of messages").register(registry);
        batchSize = DistributionSummary.builder("chatterbox.store.batch.size")
                .description("Messages per committed batch").register(registry);
    }

    private Counter rejectedCounter(ErrorCode code) {
        return rejectedCounter(code.wire());
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

    /** Called once by this node's socket hub: the sessions open on this node. */
    public void watchSessions(IntSupplier open) {
        Gauge.builder("chatterbox.connections.open", open::getAsInt)
                .description("Open WebSocket connections that have joined the chat").register(registry);
    }

    /** Called once by the presence in use: the users with at least one open session. */
    public void watchOnline(IntSupplier usersOnline) {
        Gauge.builder("chatterbox.users.online", usersOnline::getAsInt)
                .description("Users with at least one joined connection").register(registry);
    }

    /**
     * Called once by the frame writer. The count is passed as the writer's AtomicLong itself: a function counter
     * holds its object weakly, so a lambda would be collected.
     */
    public void watchSlowConsumers(AtomicLong dropped) {
        FunctionCounter.builder("chatterbox.slow_consumers.dropped", dropped, AtomicLong::get)
                .description("Connections closed because they stopped reading").register(registry);
    }

    public void received() {
        received.increment();
    }

    /** Message frames written to this many sessions (closed and dropped ones not counted). */
    public void delivered(int recipients) {
        delivered.increment(recipients);
    }

    public void rejected(ErrorCode code) {
        rejected.getOrDefault(code, rejectedOther).increment();
    }

    /** One successful commit of {@code batch} appends, {@code newMessages} of them not duplicates. */
    public void committed(int batch, int newMessages, long nanos) {
        commit.record(nanos, TimeUnit.NANOSECONDS);
        batchSize.record(batch);
        stored.increment(newMessages);
    }
}
