package io.chatterbox.messages;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.chatterbox.config.ChatterboxConfig;
import io.chatterbox.core.ChatException;
import io.chatterbox.core.ChatOrder;
import io.chatterbox.core.ErrorCode;
import io.chatterbox.metrics.ChatMetrics;
import io.chatterbox.rooms.RoomDirectory;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * This node's single writer, and so its {@link ChatOrder}. One thread drains a queue and appends whatever messages
 * have accumulated to the {@link MessageLog} in one transaction (group commit), then completes the waiting appends
 * in log order — so a message is acknowledged and fanned out only after it is durable, and everything that reacts
 * to commits runs in id order.
 * <p>
 * Work that must not interleave with commits (a client joining: read history, then start hearing live messages; a
 * room change; an edit) is queued with {@link #runInOrder} or {@link #call} and runs on the same thread between two
 * batches. Appends, and separately client commands ({@link #call}), are bounded by
 * {@code chatterbox.store.queue-capacity}: past it they are refused as {@code overloaded} instead of delaying
 * everyone. What the server itself must finish (leaving, closing revoked sockets, presence) is never refused.
 */
@ApplicationScoped
public class MessageWriter implements ChatOrder {

    private static final Logger LOG = Logger.getLogger(MessageWriter.class);

    private sealed interface Task permits Append, Ordered {
    }

    private record Append(Draft draft, CompletableFuture<Appended> result) implements Task {
    }

    private record Ordered(Runnable action) implements Task {
    }

    private final LinkedBlockingQueue<Task> queue = new LinkedBlockingQueue<>();
    /** Appends waiting; bounded so a flood is refused quickly instead of growing memory. */
    private final AtomicInteger pendingAppends = new AtomicInteger();
    /** Client commands waiting ({@link #call}); bounded like appends. */
    private final AtomicInteger pendingCommands = new AtomicInteger();
    private final MessageLog log;
    private final RoomDirectory rooms;
    private final ChatMetrics metrics;
    private final int queueCapacity;
    private final int maxBatchSize;
    private volatile boolean running;
    private Thread writer;

    public MessageWriter(MessageLog log, RoomDirectory rooms, ChatMetrics metrics, ChatterboxConfig config) {
        this.log = log;
        this.rooms = rooms;
        this.metrics = metrics;
        this.queueCapacity = config.store().queueCapacity();
        this.maxBatchSize = config.store().maxBatchSize();
        metrics.watchStoreQueue(pendingAppends::get);
    }

    void start(@Observes StartupEvent event) {
        start();
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        stop();
    }

    public void start() {
        running = true;
        writer = new Thread(this::drain, "message-writer");
        writer.start();
    }

    /** Finishes what is queued (for at most 10 s), then stops the thread. */
    public void stop() throws InterruptedException {
        running = false;
        writer.join(TimeUnit.SECONDS.toMillis(10));
    }

    /**
     * Queues a message. {@code whenStored} runs on the writer thread once the message is committed (or refused
     * there), in log order; it is attached before the message is queued, because a callback attached to an
     * already completed future would run on the caller's thread instead and could overtake earlier messages.
     * When the queue is full it runs at once, on the caller's thread, with an {@code overloaded} refusal.
     */
    public void append(Draft draft, BiConsumer<Appended, Throwable> whenStored) {
        CompletableFuture<Appended> result = new CompletableFuture<>();
        result.whenComplete(whenStored);
        if (!running || pendingAppends.incrementAndGet() > queueCapacity) {
            pendingAppends.decrementAndGet();
            result.completeExceptionally(new ChatException(ErrorCode.OVERLOADED,
                    "The server is busy; the message was not stored, please resend it"));
            return;
        }
        queue.add(new Append(draft, result));
        metrics.received();
    }

    @Override
    public void runInOrder(Runnable action) {
        queue.add(new Ordered(action));
    }

    /** A client's command, in order; refused as {@code overloaded} when the queue of commands is full. */
    @Override
    public <T> CompletionStage<T> call(Supplier<T> action) {
        CompletableFuture<T> result = new CompletableFuture<>();
        if (pendingCommands.incrementAndGet() > queueCapacity) {
            pendingCommands.decrementAndGet();
            result.completeExceptionally(new ChatException(ErrorCode.OVERLOADED, "The server is busy; please try again"));
            return result;
        }
        runInOrder(() -> {
            pendingCommands.decrementAndGet();
            try {
                result.complete(action.get());
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        return result;
    }

    private void drain() {
        List<Task> tasks = new ArrayList<>();
        while (running || !queue.isEmpty()) {
            try {
                Task first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                tasks.add(first);
                queue.drainTo(tasks, maxBatchSize - 1);
                process(tasks);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.error("Message writer step failed", e);
            } finally {
                tasks.clear();
            }
        }
    }

    private void process(List<Task> tasks) {
        List<Append> batch = new ArrayList<>();
        for (Task task : tasks) {
            if (task instanceof Append append) {
                batch.add(append);
            } else {
                commit(batch);
                batch.clear();
                runSafely(((Ordered) task).action());
            }
        }
        commit(batch);
    }

    private void commit(List<Append> queued) {
        if (queued.isEmpty()) {
            return;
        }
        pendingAppends.addAndGet(-queued.size());
        List<Append> batch = stillAllowed(queued);
        if (batch.isEmpty()) {
            return;
        }
        List<Appended> stored;
        long start = System.nanoTime();
        try {
            stored = log.append(batch.stream().map(Append::draft).toList(), System.currentTimeMillis());
        } catch (RuntimeException e) {
            LOG.errorf(e, "Could not commit a batch of %d messages; none of them was stored", batch.size());
            ChatException failed = new ChatException(ErrorCode.STORE_FAILED, "The message could not be stored, please resend it");
            batch.forEach(append -> append.result().completeExceptionally(failed));
            return;
        }
        // Counted before the completions fan out, so a client that sees its acknowledgement sees it counted.
        metrics.committed(batch.size(), (int) stored.stream()
                .filter(appended -> !appended.duplicate() && appended.refusal() == null).count(), System.nanoTime() - start);
        for (int i = 0; i < batch.size(); i++) {
            Appended appended = stored.get(i);
            if (appended.refusal() != null) {
                batch.get(i).result().completeExceptionally(appended.refusal());
            } else {
                batch.get(i).result().complete(appended);
            }
        }
    }

    /** Refuses messages whose sender left or was removed from the room while they waited. */
    private List<Append> stillAllowed(List<Append> queued) {
        List<Append> allowed = new ArrayList<>(queued.size());
        for (Append append : queued) {
            if (rooms.isMember(append.draft().username(), append.draft().room())) {
                allowed.add(append);
            } else {
                append.result().completeExceptionally(RoomDirectory.unknownRoom(append.draft().room()));
            }
        }
        return allowed;
    }

    private static void runSafely(Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            LOG.error("An ordered action failed", e);
        }
    }
}
