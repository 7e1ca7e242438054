package io.chatterbox.cluster;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import io.chatterbox.support.ClusterNodes;
import io.chatterbox.support.PostgresDatabase;
import io.chatterbox.support.RedisServer;
import io.chatterbox.support.ServerProcess;
import io.chatterbox.support.SocketClient;
import io.chatterbox.support.TcpProxy;

/**
 * PostgreSQL unreachable for 10 s under a cluster node: messages sent meanwhile are refused with an error frame,
 * never acknowledged; readiness goes DOWN, then UP again without a restart; a resend with the same clientId is
 * stored once.
 */
class DatabaseOutageIT {

    private static final String PASSWORD = "outage-password-4417";

    @TempDir
    Path work;

    @Test
    void whileTheDatabaseIsAwayNothingIsAcknowledgedAndTheNodeRecoversByItself() throws Exception {
        RedisServer.require();
        try (PostgresDatabase database = PostgresDatabase.create();
                TcpProxy postgres = TcpProxy.to("127.0.0.1", 5432)) {
            String url = database.url().replace("127.0.0.1:5432", "127.0.0.1:" + postgres.port());
            Map<String, String> cluster = ClusterNodes.settings(url, database, RedisServer.URL);
            try (ServerProcess node = ServerProcess.start(Files.createDirectories(work.resolve("node")), cluster)) {
                String token = node.login("patient" + UUID.randomUUID().toString().substring(0, 8), PASSWORD);
                try (SocketClient socket = SocketClient.connect(node.base(), token)) {
                    socket.next("history");
                    socket.sendAcknowledged("before", 1);

                    postgres.cut();
                    Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> readiness(node.base()) == 503);
                    String clientId = "during-" + UUID.randomUUID();
                    socket.sendJson(Map.of("type", "message", "text", "while the database is away", "clientId", clientId));
                    JsonNode answer = socket.nextMatching(frame -> clientId.equals(frame.path("clientId").asText()));
                    assertThat(answer.path("type").asText()).as("the answer to %s", answer).isEqualTo("error");
                    assertThat(answer.path("code").asText()).isIn("store_failed", "overloaded");
                    // The outage lasts 10 s, and the node stays not-ready all along.
                    Awaitility.await().during(Duration.ofSeconds(10)).atMost(Duration.ofSeconds(15))
                            .until(() -> readiness(node.base()) == 503);

                    postgres.restore();
                    Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> readiness(node.base()) == 200);
                    socket.sendJson(Map.of("type", "message", "text", "while the database is away", "clientId", clientId));
                    JsonNode stored = socket.nextMatching(frame -> clientId.equals(frame.path("clientId").asText())
                            && "message".equals(frame.path("type").asText()));
                    List<Object> rows = given().baseUri(node.base().toString()).header("Authorization", "Bearer " + token)
                            .queryParam("limit", 100).get("/api/rooms/general/messages").then().statusCode(200).extract()
                            .jsonPath().getList("messages.findAll { it.clientId == '" + clientId + "' }");
                    assertThat(rows).hasSize(1);
                    assertThat(stored.get("text").asText()).isEqualTo("while the database is away");
                }
            }
        }
    }

    private static int readiness(URI base) {
        return given().baseUri(base.toString()).get("/q/health/ready").then().extract().statusCode();
    }
}
