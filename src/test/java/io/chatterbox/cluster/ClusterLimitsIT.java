package io.chatterbox.cluster;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import io.chatterbox.support.ClusterNodes;
import io.chatterbox.support.PostgresDatabase;
import io.chatterbox.support.RedisServer;
import io.chatterbox.support.ServerProcess;
import io.chatterbox.support.SocketClient;

/**
 * Two nodes with tight limits, and a client that takes turns between them: each limit holds for the cluster as a
 * whole. Each node decides at once and Redis keeps the one budget, so a client switching nodes in mid-burst may get
 * one more permit per other node (here: one); two nodes that kept their budgets alone would give twice the budget.
 */
class ClusterLimitsIT {

    private static final String PASSWORD = "limited-password-6620";
    private static final int MESSAGE_BURST = 5;
    private static final int ROOMS_PER_HOUR = 3;
    private static final int REGISTRATIONS_PER_HOUR = 6;
    private static final int FREE_LOGIN_FAILURES = 3;
    /** What a client switching between the two nodes may get beyond a budget: one permit. */
    private static final int OTHER_NODES = 1;

    @TempDir
    static Path work;

    private static PostgresDatabase database;
    private static ServerProcess a;
    private static ServerProcess b;
    private static String aliceName;
    private static String alice;
    private final List<SocketClient> sockets = new ArrayList<>();

    @BeforeAll
    static void startTwoNodes() throws Exception {
        RedisServer.require();
        database = PostgresDatabase.create();
        Map<String, String> cluster = ClusterNodes.settings(database);
        cluster.putAll(Map.of(
                "CHATTERBOX_LIMITS_MESSAGES_PER_SECOND", "0.001",
                "CHATTERBOX_LIMITS_MESSAGE_BURST", String.valueOf(MESSAGE_BURST),
                "CHATTERBOX_LIMITS_ROOMS_PER_USER_PER_HOUR", String.valueOf(ROOMS_PER_HOUR),
                "CHATTERBOX_LIMITS_REGISTRATIONS_PER_ADDRESS_PER_HOUR", String.valueOf(REGISTRATIONS_PER_HOUR),
                "CHATTERBOX_LIMITS_LOGIN_FAILURES_BEFORE_DELAY", String.valueOf(FREE_LOGIN_FAILURES)));
        List<ServerProcess> nodes = ClusterNodes.startTogether(work, cluster, "a", "b");
        a = nodes.get(0);
        b = nodes.get(1);
        aliceName = "alice" + UUID.randomUUID().toString().substring(0, 8);
        alice = a.login(aliceName, PASSWORD); // the only registration outside the registration test
    }

    @AfterAll
    static void stopNodes() throws Exception {
        for (ServerProcess node : Stream.of(a, b).filter(node -> node != null).toList()) {
            node.close();
        }
        if (database != null) {
            database.close();
        }
    }

    @AfterEach
    void closeSockets() {
        sockets.forEach(SocketClient::close);
    }

    /** Node a for even turns, b for odd ones. */
    private static ServerProcess turn(int i) {
        return i % 2 == 0 ? a : b;
    }

    @Test
    void theMessageRateCountsTheMessagesSentOnEveryNode() {
        List<SocketClient> tabs = List.of(tab(a), tab(b));
        int acknowledged = 0;
        for (int i = 0; i < 2 * MESSAGE_BURST + 2; i++) {
            String clientId = "rate-" + i;
            SocketClient tab = tabs.get(i % 2);
            tab.sendJson(Map.of("type", "message", "room", "general", "text", "message " + i, "clientId", clientId));
            JsonNode answer = tab.nextMatching(frame -> clientId.equals(frame.path("clientId").asText()));
            if ("message".equals(answer.path("type").asText())) {
                acknowledged++;
            } else {
                assertThat(answer.path("code").asText()).isEqualTo("rate_limited");
            }
        }
        assertThat(acknowledged).isBetween(MESSAGE_BURST, MESSAGE_BURST + OTHER_NODES);
    }

    @Test
    void roomsPerHourCountTheRoomsCreatedOnEveryNode() {
        int created = 0;
        for (int i = 0; i < 2 * ROOMS_PER_HOUR + 2; i++) {
            int status = given().baseUri(turn(i).base().toString()).header("Authorization", "Bearer " + alice)
                    .contentType("application/json").body(Map.of("name", "room-" + UUID.randomUUID().toString().substring(0, 8)))
                    .post("/api/rooms").then().extract().statusCode();
            assertThat(status).isIn(201, 429);
            created += status == 201 ? 1 : 0;
        }
        assertThat(created).isBetween(ROOMS_PER_HOUR, ROOMS_PER_HOUR + OTHER_NODES);
    }

    @Test
    void registrationsPerAddressCountEveryNode() {
        int registered = 1; // alice
        for (int i = 0; i < 2 * REGISTRATIONS_PER_HOUR + 2; i++) {
            Map<String, String> credentials = Map.of("username", "newcomer" + UUID.randomUUID().toString().substring(0, 8),
                    "password", PASSWORD);
            int status = given().baseUri(turn(i).base().toString()).contentType("application/json").body(credentials)
                    .post("/register").then().extract().statusCode();
            assertThat(status).isIn(201, 429);
            registered += status == 201 ? 1 : 0;
        }
        assertThat(registered).isBetween(REGISTRATIONS_PER_HOUR, REGISTRATIONS_PER_HOUR + OTHER_NODES);
    }

    /** Failed logins for one account from one address: the first few are answered at once, then each must wait. */
    @Test
    void loginFailuresAreDelayedAfterTheFreeOnesCountedOnEveryNode() {
        int answered = 0;
        for (int i = 0; i < 2 * FREE_LOGIN_FAILURES + 2; i++) {
            int status = given().baseUri(turn(i).base().toString()).contentType("application/json")
                    .body(Map.of("username", aliceName, "password", "not-the-password-" + i))
                    .post("/login").then().extract().statusCode();
            assertThat(status).isIn(401, 429);
            answered += status == 401 ? 1 : 0;
        }
        assertThat(answered).isBetween(FREE_LOGIN_FAILURES, FREE_LOGIN_FAILURES + OTHER_NODES);
    }

    private SocketClient tab(ServerProcess node) {
        SocketClient socket = SocketClient.connectV2(node.base(), alice, null);
        sockets.add(socket);
        socket.next("rooms");
        return socket;
    }
}
