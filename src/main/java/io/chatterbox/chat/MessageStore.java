package io.chatterbox.chat;

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

import org.hibernate.Session;
import org.jboss.logging.Logger;

import io.chatterbox.config.ChatterboxConfig;
import io.chatterbox.metrics.ChatMetrics;
import io.chatterbox.rooms.RoomDirectory;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * The only writer of messages. One thread drains a queue and commits whatever has accumulated in one transaction
 * (group commit), then completes the waiting appends in store order — so a message is acknowledged and fanned out
 * only after it is durable, and everything that reacts to commits runs in id order.
 * <p>
 * Work that must not interleave with commits (a client joining: read history, then start receiving live
 * messages) is queued with {@link #runInOrder} and runs on the same thread between two batches: nothing committed
 * can fall between a client's history and its first live message.
 */
@ApplicationScoped
public class MessageStore {

    private static final Logger LOG = Logger.getLogger(MessageStore.class);

    private sealed interface Task permits Append, Ordered {
    }

    private record Append(Draft draft, CompletableFuture<Appended> result) implements Task {
    }

    private record Ordered(Runnable action) implements Task {
    }

    private final LinkedBlockingQueue<Task> queue = new LinkedBlockingQueue<>();
    /** Appends waiting; bounded so a flood is refused quickly instead of growing memory. */
    private final AtomicInteger pendingAppends = new AtomicInteger();
    private final int queueCapacity;
    private final int maxBatchSize;
    private final ChatMetrics metrics;
    private final RoomDirectory rooms;
    private volatile boolean running;
    private Thread writer;

    MessageStore(ChatterboxConfig config, ChatMetrics metrics, RoomDirectory rooms) {
        this.rooms = rooms;
        this.queueCapacity = config.store().queueCapacity();
        this.maxBatchSize = config.store().maxBatchSize();
        this.metrics = metrics;
        metrics.watchStoreQueue(pendingAppends::get);
    }

    void start(@Observes StartupEvent event) {
        running = true;
        writer = new Thread(this::drain, "message-writer");
        writer.start();
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        running = false;
        writer.join(TimeUnit.SECONDS.toMillis(10));
    }

    /**
     * Queues a message. {@code whenStored} runs on the writer thread once the message is committed (or refused
     * there), in store order; it is attached before the message is queued, because a callback attached to an
     * already completed future would run on the caller's thread instead and could overtake earlier messages.
     * When the queue is full it runs at once, on the caller's thread, with a {@link StoreOverloadedException}.
     */
    public void append(Draft draft, BiConsumer<Appended, Throwable> whenStored) {
        CompletableFuture<Appended> result = new CompletableFuture<>();
        result.whenComplete(whenStored);
        if (!running || pendingAppends.incrementAndGet() > queueCapacity) {
            pendingAppends.decrementAndGet();
            result.completeExceptionally(new StoreOverloadedException());
            return;
        }
        queue.add(new Append(draft, result));
        metrics.received();
    }

    /** Runs the action on the writer thread, after every append queued before it has been committed. */
    public void runInOrder(Runnable action) {
        queue.add(new Ordered(action));
    }

    /**
     * Runs the action on the writer thread, after every append queued before it has been committed; the stage
     * completes with its result or its exception.
     */
    public <T> CompletionStage<T> call(Supplier<T> action) {
        CompletableFuture<T> result = new CompletableFuture<>();
        runInOrder(() -> {
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
            stored = QuarkusTransaction.requiringNew().call(() -> store(batch));
        } catch (RuntimeException e) {
            LOG.errorf(e, "Could not commit a batch of %d messages; none of them was stored", batch.size());
            batch.forEach(append -> append.result().completeExceptionally(e));
            return;
        }
        // Counted before the completions fan out, so a client that sees its acknowledgement sees it counted.
        metrics.committed(batch.size(), (int) stored.stream().filter(appended -> !appended.duplicate()).count(),
                System.nanoTime() - start);
        for (int i = 0; i < batch.size(); i++) {
            batch.get(i).result().complete(stored.get(i));
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

    private static List<Appended> store(List<Append> batch) {
        List<Draft> drafts = batch.stream().map(Append::draft).toList();
        return Message.getEntityManager().unwrap(Session.class)
                .doReturningWork(connection -> MessageRows.append(connection, drafts));
    }

    private static void runSafely(Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            LOG.error("An ordered store action failed", e);
        }
    }
}
