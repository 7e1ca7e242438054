package io.chatterbox.cluster;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import io.chatterbox.support.ClusterNodes;
import io.chatterbox.support.LoadBalancer;
import io.chatterbox.support.PostgresDatabase;
import io.chatterbox.support.RedisServer;
import io.chatterbox.support.ServerProcess;
import io.chatterbox.support.SocketClient;
import io.restassured.specification.RequestSpecification;

/**
 * Two nodes behind the repository's HAProxy configuration: clients only know the balancer. A node killed with
 * SIGKILL loses nothing that was acknowledged; its clients reconnect through the balancer to the surviving node and
 * resume without a gap or a duplicate.
 */
class LoadBalancerIT {

    private static final Logger LOG = Logger.getLogger(LoadBalancerIT.class);
    private static final String PASSWORD = "balanced-password-3307";

    @TempDir
    Path work;

    @Test
    void aKilledNodesClientsResumeOnTheOtherNodeWithEveryAcknowledgedMessageOnce() throws Exception {
        RedisServer.require();
        try (PostgresDatabase database = PostgresDatabase.create()) {
            Map<String, String> cluster = clusterSettings(database);
            try (ServerProcess a = ServerProcess.start(Files.createDirectories(work.resolve("a")), cluster);
                    ServerProcess b = ServerProcess.start(Files.createDirectories(work.resolve("b")), cluster);
                    LoadBalancer balancer = LoadBalancer.inFrontOf(a, b, work.resolve("haproxy.log"))) {
                String receiver = login(balancer, "reader");
                String sender = login(balancer, "writer");

                SocketClient reading = SocketClient.connect(balancer.base(), receiver);
                reading.next("history");
                ServerProcess readersNode = openConnections(a) == 1 ? a : b;
                SocketClient writing = SocketClient.connect(balancer.base(), sender);
                writing.next("history");

                List<Long> acknowledged = new ArrayList<>(writing.sendAcknowledged("before", 30));
                List<Long> received = new ArrayList<>(receive(reading, 30));

                readersNode.kill();
                long killedAt = System.nanoTime();
                Awaitility.await().atMost(Duration.ofSeconds(10)).until(reading::isClosed);
                SocketClient resumed = SocketClient.connect(balancer.base(), receiver, "since=" + received.get(received.size() - 1));
                JsonNode history = resumed.next("history");
                long resumedAfterMillis = (System.nanoTime() - killedAt) / 1_000_000;
                LOG.infof("The reader was resumed on the surviving node %d ms after its node was killed", resumedAfterMillis);
                history.get("messages").forEach(message -> received.add(message.get("id").asLong()));

                // The writer may have been on the same node: then it reconnects too (everything it sent was acked).
                if (isClosedSoon(writing)) {
                    writing = SocketClient.connect(balancer.base(), sender, "since=" + acknowledged.get(acknowledged.size() - 1));
                    writing.next("history");
                }
                acknowledged.addAll(writing.sendAcknowledged("after", 30));
                received.addAll(receive(resumed, acknowledged.size() - received.size()));

                assertThat(received).as("what the reader saw, live and resumed").containsExactlyElementsOf(acknowledged);
                reading.close();
                resumed.close();
                writing.close();
            }
        }
    }

    /**
     * Writers and readers on both nodes, the writers sending all along; one node is killed in mid-stream. Writers
     * whose node died reconnect through the balancer and send their unacknowledged message again (same clientId);
     * readers reconnect with {@code ?since=}. Every reader ends with exactly the acknowledged messages, in order,
     * and so does the database.
     */
    @Test
    void underSteadyLoadAKilledNodeLosesNothingAcknowledgedAndItsClientsResumeWithoutGapOrDuplicate() throws Exception {
        RedisServer.require();
        try (PostgresDatabase database = PostgresDatabase.create()) {
            Map<String, String> cluster = clusterSettings(database);
            try (ServerProcess a = ServerProcess.start(Files.createDirectories(work.resolve("a")), cluster);
                    ServerProcess b = ServerProcess.start(Files.createDirectories(work.resolve("b")), cluster);
                    LoadBalancer balancer = LoadBalancer.inFrontOf(a, b, work.resolve("haproxy.log"))) {
                List<SteadyReader> readers = new ArrayList<>();
                for (int i = 0; i < 6; i++) {
                    readers.add(new SteadyReader(balancer, login(balancer, "reader")));
                }
                List<SteadyWriter> writers = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    writers.add(new SteadyWriter(balancer, login(balancer, "writer"), "w" + i));
                }
                ExecutorService threads = Executors.newFixedThreadPool(readers.size() + writers.size());
                readers.forEach(reader -> threads.execute(reader::run));
                List<Future<?>> writing = writers.stream().<Future<?>>map(writer -> threads.submit(writer::run)).toList();

                Thread.sleep(2_000); // steady load before the kill, and after it: durations, not waits for a condition
                (openConnections(a) >= openConnections(b) ? a : b).kill();
                Thread.sleep(4_000);
                writers.forEach(SteadyWriter::stop);
                for (Future<?> writer : writing) {
                    writer.get(30, TimeUnit.SECONDS); // its last message answered, so none is acknowledged after this
                }
                List<Long> acknowledged = writers.stream().flatMap(writer -> writer.acknowledged().stream()).sorted().toList();
                Awaitility.await().atMost(Duration.ofSeconds(30))
                        .until(() -> readers.stream().allMatch(reader -> reader.received().size() >= acknowledged.size()));
                readers.forEach(SteadyReader::stop);
                threads.shutdown();
                assertThat(threads.awaitTermination(10, TimeUnit.SECONDS)).isTrue();

                assertThat(writers).allMatch(writer -> writer.failure() == null);
                assertThat(readers).as("some clients were on the killed node").anyMatch(reader -> reader.reconnections() > 0);
                LOG.infof("%d messages acknowledged; readers reconnected %s times", acknowledged.size(),
                        readers.stream().map(reader -> String.valueOf(reader.reconnections())).toList());
                for (SteadyReader reader : readers) {
                    assertThat(reader.received()).as("what a reader saw, live and resumed")
                            .containsExactlyElementsOf(acknowledged);
                }
                assertThat(storedIds(balancer, writers.get(0).token)).containsExactlyElementsOf(acknowledged);
            }
        }
    }

    /** Every id in general, oldest first, read page by page through the balancer. */
    private static List<Long> storedIds(LoadBalancer balancer, String token) {
        List<Long> ids = new ArrayList<>();
        Long before = null;
        while (true) {
            RequestSpecification request = given().baseUri(balancer.base().toString())
                    .header("Authorization", "Bearer " + token).queryParam("limit", 100);
            if (before != null) {
                request.queryParam("before", before);
            }
            List<Long> page = request.get("/api/rooms/general/messages").then().statusCode(200).extract()
                    .jsonPath().getList("messages.id", Long.class);
            if (page.isEmpty()) {
                return ids.stream().sorted().toList();
            }
            ids.addAll(page);
            before = page.stream().min(Long::compare).orElseThrow();
        }
    }

    /** Sends message after message, each once acknowledged; when its node dies, reconnects and sends it again. */
    private static final class SteadyWriter {
        private final LoadBalancer balancer;
        private final String token;
        private final String name;
        private final List<Long> acknowledged = new CopyOnWriteArrayList<>();
        private volatile boolean stopped;
        private volatile Throwable failure;

        SteadyWriter(LoadBalancer balancer, String token, String name) {
            this.balancer = balancer;
            this.token = token;
            this.name = name;
        }

        void run() {
            try {
                SocketClient socket = connect(balancer, token, null);
                for (int i = 0; !stopped; i++) {
                    String clientId = name + "-" + i;
                    JsonNode answer = send(socket, clientId);
                    while (answer == null) { // its node died first: the message may be stored, or not
                        socket.abort();
                        socket = connect(balancer, token, null);
                        answer = send(socket, clientId);
                    }
                    assertThat(answer.path("type").asText()).as("the answer to %s", clientId).isEqualTo("message");
                    acknowledged.add(answer.get("id").asLong());
                    Thread.sleep(20);
                }
                socket.close();
            } catch (Throwable e) {
                failure = e;
            }
        }

        /** The answer to the message, or null when the socket closed first. */
        private static JsonNode send(SocketClient socket, String clientId) {
            socket.sendJson(Map.of("type", "message", "text", "steady " + clientId, "clientId", clientId));
            while (true) {
                JsonNode frame = socket.poll(Duration.ofMillis(200));
                if (frame != null && clientId.equals(frame.path("clientId").asText())) {
                    return frame;
                }
                if (frame == null && socket.isClosed()) {
                    return null;
                }
            }
        }

        void stop() {
            stopped = true;
        }

        List<Long> acknowledged() {
            return acknowledged;
        }

        Throwable failure() {
            return failure;
        }
    }

    /** Takes every message in general; when its node dies, reconnects with ?since= the last one it has. */
    private static final class SteadyReader {
        private final LoadBalancer balancer;
        private final String token;
        private final List<Long> received = new CopyOnWriteArrayList<>();
        private volatile boolean stopped;
        private volatile int reconnections;
        private SocketClient socket;

        /** Connected before any message is sent, so nothing is older than its first history. */
        SteadyReader(LoadBalancer balancer, String token) {
            this.balancer = balancer;
            this.token = token;
            this.socket = connect(balancer, token, null);
            assertThat(socket.next("history").get("messages")).isEmpty();
        }

        void run() {
            while (!stopped) {
                JsonNode frame = socket.poll(Duration.ofMillis(200));
                if (frame == null && socket.isClosed()) {
                    socket.abort();
                    socket = connect(balancer, token, "since=" + (received.isEmpty() ? 0 : received.get(received.size() - 1)));
                    reconnections++;
                } else if (frame != null && "history".equals(frame.path("type").asText())) {
                    frame.get("messages").forEach(message -> received.add(message.get("id").asLong()));
                } else if (frame != null && "message".equals(frame.path("type").asText())) {
                    received.add(frame.get("id").asLong());
                }
            }
            socket.close();
        }

        void stop() {
            stopped = true;
        }

        List<Long> received() {
            return received;
        }

        int reconnections() {
            return reconnections;
        }
    }

    /** A v1 socket through the balancer, retried while the balancer still sends upgrades to the dead node. */
    private static SocketClient connect(LoadBalancer balancer, String token, String query) {
        AssertionError last = null;
        for (int attempt = 0; attempt < 50; attempt++) {
            try {
                return SocketClient.connect(balancer.base(), token, query);
            } catch (RuntimeException | AssertionError e) {
                last = e instanceof AssertionError error ? error : new AssertionError(e);
                sleep(200);
            }
        }
        throw last;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String login(LoadBalancer balancer, String prefix) {
        Map<String, String> credentials = Map.of("username", prefix + UUID.randomUUID().toString().substring(0, 8),
                "password", PASSWORD);
        given().baseUri(balancer.base().toString()).contentType("application/json").body(credentials)
                .post("/register").then().statusCode(201);
        return given().baseUri(balancer.base().toString()).contentType("application/json").body(credentials)
                .post("/login").then().statusCode(200).extract().path("access_token");
    }


    private static List<Long> receive(SocketClient socket, int count) {
        List<Long> ids = new ArrayList<>();
        while (ids.size() < count) {
            ids.add(socket.next("message").get("id").asLong());
        }
        return ids;
    }

    private static boolean isClosedSoon(SocketClient socket) {
        try {
            Awaitility.await().atMost(Duration.ofSeconds(3)).until(socket::isClosed);
            return true;
        } catch (ConditionTimeoutException stillOpen) {
            return false;
        }
    }

    private static Map<String, String> clusterSettings(PostgresDatabase database) {
        Map<String, String> settings = ClusterNodes.settings(database);
        settings.putAll(Map.of(
                "CHATTERBOX_LIMITS_MESSAGES_PER_SECOND", "100000",
                "CHATTERBOX_LIMITS_MESSAGE_BURST", "100000",
                "QUARKUS_HTTP_PROXY_PROXY_ADDRESS_FORWARDING", "true",
                "QUARKUS_HTTP_PROXY_ALLOW_X_FORWARDED", "true",
                "QUARKUS_HTTP_PROXY_TRUSTED_PROXIES", "127.0.0.1"));
        return settings;
    }

    /** The node's {@code chatterbox_connections_open} gauge. */
    private static int openConnections(ServerProcess node) {
        String metrics = given().baseUri(node.base().toString()).get("/q/metrics").then().statusCode(200).extract().asString();
        return metrics.lines().filter(line -> line.startsWith("chatterbox_connections_open"))
                .mapToInt(line -> (int) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).findFirst().orElse(-1);
    }
}
