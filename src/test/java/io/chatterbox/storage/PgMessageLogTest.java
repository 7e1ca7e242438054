package io.chatterbox.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.chatterbox.messages.Draft;
import io.chatterbox.messages.MessageLog;
import io.chatterbox.messages.StoredMessage;
import io.chatterbox.storage.postgres.PgMessageLog;
import io.chatterbox.support.PostgresDatabase;

/**
 * The message log contract on the cluster's store, in a database of its own; plus what only a shared store must
 * show: nodes appending at once still hand out ids in commit order.
 */
class PgMessageLogTest extends MessageLogContract {

    private static PostgresDatabase database;
    private static PgMessageLog log;

    @BeforeAll
    static void createDatabase() {
        database = PostgresDatabase.migrated();
        log = new PgMessageLog(database.dataSource());
    }

    @AfterAll
    static void dropDatabase() {
        if (database != null) {
            database.close();
        }
    }

    @Override
    MessageLog log() {
        return log;
    }

    /**
     * Three "nodes" (each its own log on its own connections) append batches at once while a reader keeps asking for
     * everything after the last id it saw, as a resuming client does. If an id could commit after a higher one, the
     * reader would step past it and never see it.
     */
    @Test
    void concurrentAppendersCommitInIdOrderSoAReaderFollowingIdsMissesNothing() throws Exception {
        String room = room();
        List<MessageLog> nodes = List.of(new PgMessageLog(database.dataSource()), new PgMessageLog(database.dataSource()),
                new PgMessageLog(database.dataSource()));
        AtomicBoolean writing = new AtomicBoolean(true);
        ConcurrentHashMap.KeySetView<Long, Boolean> seen = ConcurrentHashMap.newKeySet();
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            Future<?> reader = threads.submit(() -> {
                long last = 0;
                while (writing.get() || log.after(room, last, 500).messages().size() > 0) {
                    for (StoredMessage message : log.after(room, last, 500).messages()) {
                        seen.add(message.id());
                        last = message.id();
                    }
                }
            });
            List<Future<?>> writers = new ArrayList<>();
            for (int node = 0; node < nodes.size(); node++) {
                MessageLog writer = nodes.get(node);
                String sender = "node" + node;
                writers.add(threads.submit(() -> {
                    for (int batch = 0; batch < 100; batch++) {
                        List<Draft> drafts = new ArrayList<>();
                        for (int i = 0; i < 5; i++) {
                            drafts.add(new Draft(sender, room, sender + " " + batch + "." + i, null));
                        }
                        writer.append(drafts, System.currentTimeMillis());
                    }
                }));
            }
            for (Future<?> writer : writers) {
                writer.get();
            }
            writing.set(false);
            reader.get();
        } finally {
            threads.shutdownNow();
        }

        List<StoredMessage> all = log.after(room, 0, 10_000).messages();
        assertThat(all).hasSize(1_500);
        assertThat(seen).as("ids the following reader saw").hasSize(1_500);
    }
}
