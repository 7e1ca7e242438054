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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import io.chatterbox.support.ClusterNodes;
import io.chatterbox.support.PostgresDatabase;
import io.chatterbox.support.PrivateRedis;
import io.chatterbox.support.ServerProcess;
import io.chatterbox.support.SocketClient;
import io.restassured.specification.RequestSpecification;

/**
 * Redis dies and comes back (empty) while two nodes keep serving: what was acknowledged meanwhile on one node reaches
 * the other node's clients once Redis is back, in order and once, live fan-out recovers by itself, and room changes
 * made meanwhile take effect.
 */
class RedisRestartIT {

    private static final String PASSWORD = "restart-password-6610";

    @TempDir
    Path work;

    @Test
    void messagesAcknowledgedWhileRedisWasDownReachTheOtherNodeWhenItIsBack() throws Exception {
        try (PostgresDatabase database = PostgresDatabase.create();
                PrivateRedis redis = PrivateRedis.start(work.resolve("redis.log"))) {
            Map<String, String> cluster = cluster(database, redis);
            try (ServerProcess a = ServerProcess.start(Files.createDirectories(work.resolve("a")), cluster);
                    ServerProcess b = ServerProcess.start(Files.createDirectories(work.resolve("b")), cluster)) {
                String sender = a.login("sender" + UUID.randomUUID().toString().substring(0, 8), PASSWORD);
                String reader = b.login("reader" + UUID.randomUUID().toString().substring(0, 8), PASSWORD);
                try (SocketClient onA = SocketClient.connect(a.base(), sender);
                        SocketClient onB = SocketClient.connect(b.base(), reader)) {
                    onA.next("history");
                    onB.next("history");
                    List<Long> acknowledged = new ArrayList<>(onA.sendAcknowledged("before", 5));

                    redis.kill();
                    acknowledged.addAll(onA.sendAcknowledged("while Redis was down", 10));
                    redis.start();
                    acknowledged.addAll(onA.sendAcknowledged("after", 5));

                    List<Long> received = new ArrayList<>();
                    while (received.size() < acknowledged.size()) {
                        received.add(onB.next("message").get("id").asLong());
                    }
                    assertThat(received).containsExactlyElementsOf(acknowledged);
                }
            }
        }
    }


    /**
     * A member removed and another added on A while Redis is away: once it is back, B refuses the removed one the
     * room, tells their socket and stops delivering it; the added one's socket on B gets the room and hears it.
     */
    @Test
    void membershipChangesMadeWhileRedisWasDownTakeEffectOnTheOtherNodeWhenItIsBack() throws Exception {
        try (PostgresDatabase database = PostgresDatabase.create();
                PrivateRedis redis = PrivateRedis.start(work.resolve("redis.log"))) {
            Map<String, String> cluster = cluster(database, redis);
            try (ServerProcess a = ServerProcess.start(Files.createDirectories(work.resolve("a")), cluster);
                    ServerProcess b = ServerProcess.start(Files.createDirectories(work.resolve("b")), cluster)) {
                String bobName = "bob" + UUID.randomUUID().toString().substring(0, 8);
                String carolName = "carol" + UUID.randomUUID().toString().substring(0, 8);
                String alice = a.login("alice" + UUID.randomUUID().toString().substring(0, 8), PASSWORD);
                String bob = b.login(bobName, PASSWORD);
                try (SocketClient aliceOnA = SocketClient.connectV2(a.base(), alice);
                        SocketClient bobOnB = SocketClient.connectV2(b.base(), bob);
                        SocketClient carolOnB = SocketClient.connectV2(b.base(), b.login(carolName, PASSWORD))) {
                    aliceOnA.next("rooms");
                    bobOnB.next("rooms");
                    carolOnB.next("rooms");
                    String room = api(a, alice).contentType("application/json").body(Map.of("name", "secret" + UUID.randomUUID()
                            .toString().substring(0, 8), "private", true)).post("/api/rooms").then().statusCode(201)
                            .extract().path("room");
                    api(a, alice).contentType("application/json").body(Map.of("username", bobName))
                            .post("/api/rooms/" + room + "/members").then().statusCode(201);
                    assertThat(bobOnB.next("room_joined").get("room").get("room").asText()).isEqualTo(room);

                    redis.kill();
                    api(a, alice).delete("/api/rooms/" + room + "/members/" + bobName).then().statusCode(204);
                    api(a, alice).contentType("application/json").body(Map.of("username", carolName))
                            .post("/api/rooms/" + room + "/members").then().statusCode(201);
                    redis.start();

                    Awaitility.await().atMost(Duration.ofSeconds(15)).until(() ->
                            api(b, bob).get("/api/rooms/" + room + "/messages").then().extract().statusCode() == 404);
                    assertThat(bobOnB.nextMatching(frame -> "room_left".equals(frame.path("type").asText()))
                            .get("room").asText()).isEqualTo(room);
                    assertThat(carolOnB.nextMatching(frame -> "room_joined".equals(frame.path("type").asText()))
                            .get("room").get("room").asText()).isEqualTo(room);
                    aliceOnA.sendJson(Map.of("type", "message", "room", room, "text", "not for bob", "clientId", "secret-1"));
                    aliceOnA.nextMatching(frame -> "secret-1".equals(frame.path("clientId").asText()));
                    assertThat(carolOnB.nextMatching(frame -> "secret-1".equals(frame.path("clientId").asText()))
                            .get("room").asText()).isEqualTo(room);
                    aliceOnA.sendJson(Map.of("type", "message", "room", "general", "text", "marker", "clientId", "marker-1"));
                    List<JsonNode> untilMarker = bobOnB.framesUntil(frame -> "marker-1".equals(frame.path("clientId").asText()));
                    assertThat(untilMarker).noneMatch(frame -> "secret-1".equals(frame.path("clientId").asText()));
                }
            }
        }
    }

    private static Map<String, String> cluster(PostgresDatabase database, PrivateRedis redis) {
        Map<String, String> settings = ClusterNodes.settings(database.url(), database, redis.url());
        settings.putAll(Map.of("CHATTERBOX_LIMITS_MESSAGES_PER_SECOND", "100000", "CHATTERBOX_LIMITS_MESSAGE_BURST", "100000"));
        return settings;
    }

    private static RequestSpecification api(ServerProcess node, String token) {
        return given().baseUri(node.base().toString()).header("Authorization", "Bearer " + token);
    }
}
