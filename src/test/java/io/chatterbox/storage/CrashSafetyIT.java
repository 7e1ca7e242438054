package io.chatterbox.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.SoftAssertions.assertSoftly;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import io.chatterbox.support.ServerProcess;
import io.chatterbox.support.SocketClient;

/**
 * On the packaged jar: the server is killed with SIGKILL {@value #CYCLES} times, on one data directory, while users
 * send messages and new accounts are registered. Afterwards the database passes {@code PRAGMA integrity_check},
 * every acknowledged message is stored exactly once with the id it was acknowledged with, every registration
 * answered 201 is stored, and no client ever got an error (so never SQLITE_BUSY, "database is locked", from
 * account writes competing with the message writer).
 */
class CrashSafetyIT {

    private static final int CYCLES = 20;
    private static final int SENDERS = 3;
    private static final int REGISTRARS = 2;
    /** Unacknowledged messages per sender: keeps the writer busy with work in flight without flooding its queue. */
    private static final int WINDOW = 16;
    /** Reached by every cycle before its kill, so no cycle passes vacuously. */
    private static final int MIN_ACKS_PER_CYCLE = 30;
    private static final int MIN_REGISTRATIONS_PER_CYCLE = 3;
    private static final int MAX_EXTRA_MILLIS_BEFORE_KILL = 1000;
    private static final String PASSWORD = "crash-safety-password-5113";
    /**
     * Cheap bcrypt, so accounts are written many times a second rather than once a cycle, and abuse limits out of
     * reach: this test is about crashes and write contention, not throttling.
     */
    private static final Map<String, String> SETTINGS = Map.of(
            "CHATTERBOX_AUTH_BCRYPT_COST", "4",
            "CHATTERBOX_LIMITS_MESSAGES_PER_SECOND", "1000000",
            "CHATTERBOX_LIMITS_MESSAGE_BURST", "1000000",
            "CHATTERBOX_LIMITS_REGISTRATIONS_PER_ADDRESS_PER_HOUR", "1000000");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path work;

    private final Map<String, Long> acknowledged = new ConcurrentHashMap<>();
    private final Set<String> sent = ConcurrentHashMap.newKeySet();
    private final Set<String> registered = ConcurrentHashMap.newKeySet();
    private final Queue<String> problems = new ConcurrentLinkedQueue<>();
    /** Set just before each kill: failures after it are the kill's doing, failures before it are real. */
    private volatile boolean killing;

    @Test
    void acknowledgedWritesSurviveRepeatedKills(TestReporter reporter) throws Exception {
        Path dataDir = Files.createDirectories(work.resolve("data"));
        List<String> tokens = new ArrayList<>();
        for (int cycle = 0; cycle < CYCLES; cycle++) {
            try (ServerProcess server = ServerProcess.start(dataDir, SETTINGS)) {
                // Tokens outlive restarts (the signing key is kept in the data directory): log in once.
                for (int u = tokens.size(); u < SENDERS; u++) {
                    tokens.add(server.login("crasher" + u, PASSWORD));
                }
                writeUntilKilled(server, cycle, tokens);
            }
        }
        Path log;
        try (ServerProcess server = ServerProcess.start(dataDir, SETTINGS);
                SocketClient client = SocketClient.connect(server.base(), tokens.get(0))) {
            client.next("history"); // still serving after the last kill; the clean stop then checkpoints the WAL
            log = server.log();
        }
        verifyDatabase(dataDir.resolve("chatterbox.db"), reporter);
        // Nor a busy database that was only logged: the log file holds the output of every run.
        assertThat(Files.readString(log)).doesNotContain("SQLITE_BUSY").doesNotContainIgnoringCase("database is locked");
    }

    private void writeUntilKilled(ServerProcess server, int cycle, List<String> tokens) throws Exception {
        killing = false;
        int acksBefore = acknowledged.size();
        int registeredBefore = registered.size();
        List<Sender> senders = new ArrayList<>();
        List<Future<?>> tasks = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(SENDERS + REGISTRARS);
        try {
            for (int u = 0; u < SENDERS; u++) {
                senders.add(new Sender(SocketClient.connect(server.base(), tokens.get(u)), "c" + cycle + "-u" + u + "-"));
                senders.get(u).client.next("history");
                tasks.add(pool.submit(senders.get(u)));
            }
            for (int r = 0; r < REGISTRARS; r++) {
                String prefix = "reg-" + cycle + "-" + r + "-";
                tasks.add(pool.submit(() -> registerUntilKilled(server.base(), prefix)));
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> tasks.stream().anyMatch(Future::isDone)
                    || acknowledged.size() - acksBefore >= MIN_ACKS_PER_CYCLE
                    && registered.size() - registeredBefore >= MIN_REGISTRATIONS_PER_CYCLE);
            for (Future<?> task : tasks.stream().filter(Future::isDone).toList()) {
                task.get(); // a task only ends before the kill by failing: surface why
            }
            Thread.sleep(ThreadLocalRandom.current().nextInt(MAX_EXTRA_MILLIS_BEFORE_KILL)); // a random moment
            killing = true;
            server.kill();
            pool.shutdownNow(); // wakes senders waiting for echoes that will never come
            for (Future<?> task : tasks) {
                task.get(30, TimeUnit.SECONDS);
            }
            for (Sender sender : senders) {
                awaitClosed(sender.client); // echoes that reached the client before the socket died count too
                sender.record(sender.client.pending());
            }
        } finally {
            pool.shutdownNow();
            senders.forEach(sender -> sender.client.close());
        }
    }

    /** Account writes (an INSERT per registration) racing the message writer for SQLite's one write lock. */
    private Void registerUntilKilled(URI base, String prefix) throws Exception {
        try {
            for (int n = 0; !killing; n++) {
                String body = "{\"username\":\"" + prefix + n + "\",\"password\":\"" + PASSWORD + "\"}";
                HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(base.resolve("register"))
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 201) {
                    registered.add(prefix + n);
                } else {
                    problems.add("register " + prefix + n + ": " + response.statusCode() + " " + response.body());
                }
            }
        } catch (IOException | InterruptedException e) {
            if (!killing) {
                throw e;
            }
        }
        return null;
    }

    /** One user's connection: keeps up to {@link #WINDOW} messages unacknowledged, until the kill. */
    private final class Sender implements Callable<Void> {
        final SocketClient client;
        final String prefix;
        final Set<String> unacked = new HashSet<>();

        Sender(SocketClient client, String prefix) {
            this.client = client;
            this.prefix = prefix;
        }

        @Override
        public Void call() {
            try {
                for (int n = 0; !killing;) {
                    if (unacked.size() < WINDOW) {
                        String clientId = prefix + n++;
                        sent.add(clientId);
                        unacked.add(clientId);
                        client.sendJson(Map.of("type", "message", "text", "crash test " + clientId, "clientId", clientId));
                        record(client.pending());
                    } else {
                        record(List.of(client.next()));
                    }
                }
            } catch (RuntimeException | AssertionError e) {
                if (!killing) {
                    throw e;
                }
            }
            return null;
        }

        void record(List<JsonNode> frames) {
            for (JsonNode frame : frames) {
                String type = frame.path("type").asText();
                if ("error".equals(type) || frame.toString().contains("locked")) {
                    problems.add(prefix + " received " + frame);
                }
                String clientId = frame.path("clientId").asText("");
                if (!"message".equals(type) || !clientId.startsWith(prefix)) {
                    continue; // presence, other users' messages
                }
                if (unacked.remove(clientId)) {
                    acknowledged.put(clientId, frame.get("id").asLong());
                } else {
                    problems.add(prefix + " received a second echo " + frame);
                }
            }
        }
    }

    private static void awaitClosed(SocketClient client) {
        try {
            client.awaitClose();
        } catch (RuntimeException abnormalClosure) {
            // expected: the server died without a close frame; what matters is that no frame can follow
        }
    }

    private void verifyDatabase(Path db, TestReporter reporter) throws Exception {
        Map<String, Long> stored = new HashMap<>();
        List<String> storedTwice = new ArrayList<>();
        List<String> integrity = new ArrayList<>();
        Set<String> users = new HashSet<>();
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + db);
                Statement statement = connection.createStatement()) {
            query(statement, "PRAGMA integrity_check", row -> integrity.add(row.getString(1)));
            query(statement, "SELECT client_id, id FROM messages WHERE client_id IS NOT NULL", row -> {
                if (stored.put(row.getString(1), row.getLong(2)) != null) {
                    storedTwice.add(row.getString(1));
                }
            });
            query(statement, "SELECT username FROM users", row -> users.add(row.getString(1)));
        }
        long storedUnacknowledged = stored.keySet().stream().filter(id -> !acknowledged.containsKey(id)).count();
        reporter.publishEntry(Map.of("cycles", String.valueOf(CYCLES), "sent", String.valueOf(sent.size()),
                "acknowledged", String.valueOf(acknowledged.size()), "registered", String.valueOf(registered.size()),
                "storedUnacknowledged", String.valueOf(storedUnacknowledged)));
        assertSoftly(softly -> {
            softly.assertThat(integrity).as("PRAGMA integrity_check").containsExactly("ok");
            softly.assertThat(storedTwice).as("client ids stored more than once").isEmpty();
            softly.assertThat(stored).as("acknowledged messages, with their ids").containsAllEntriesOf(acknowledged);
            softly.assertThat(sent).as("stored messages were all sent by this test").containsAll(stored.keySet());
            softly.assertThat(users).as("accounts answered 201").containsAll(registered);
            softly.assertThat(problems).as("errors seen by clients").isEmpty();
        });
        assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(CYCLES * MIN_ACKS_PER_CYCLE);
    }

    private interface RowHandler {
        void accept(ResultSet row) throws Exception;
    }

    private static void query(Statement statement, String sql, RowHandler handler) throws Exception {
        try (ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                handler.accept(rows);
            }
        }
    }
}
