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

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import io.chatterbox.support.LoadBalancer;
import io.chatterbox.support.PostgresDatabase;
import io.chatterbox.support.RedisServer;
import io.chatterbox.support.ServerProcess;
import io.chatterbox.support.SocketClient;

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
            Map<String, String> cluster = Map.of(
                    "CHATTERBOX_CLUSTER_DATABASE_URL", database.url(),
                    "CHATTERBOX_CLUSTER_DATABASE_USERNAME", database.username(),
                    "CHATTERBOX_CLUSTER_REDIS_URL", RedisServer.URL,
                    "CHATTERBOX_CLUSTER_REDIS_PREFIX", "chatterbox-test-" + UUID.randomUUID(),
                    "CHATTERBOX_AUTH_BCRYPT_COST", "4",
                    "CHATTERBOX_LIMITS_MESSAGES_PER_SECOND", "100000",
                    "CHATTERBOX_LIMITS_MESSAGE_BURST", "100000",
                    "QUARKUS_HTTP_PROXY_PROXY_ADDRESS_FORWARDING", "true",
                    "QUARKUS_HTTP_PROXY_ALLOW_X_FORWARDED", "true",
                    "QUARKUS_HTTP_PROXY_TRUSTED_PROXIES", "127.0.0.1");
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

    /** The node's {@code chatterbox_connections_open} gauge. */
    private static int openConnections(ServerProcess node) {
        String metrics = given().baseUri(node.base().toString()).get("/q/metrics").then().statusCode(200).extract().asString();
        return metrics.lines().filter(line -> line.startsWith("chatterbox_connections_open"))
                .mapToInt(line -> (int) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).findFirst().orElse(-1);
    }
}
