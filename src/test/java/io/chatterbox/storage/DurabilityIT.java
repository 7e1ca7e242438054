package io.chatterbox.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import io.chatterbox.support.ServerProcess;
import io.chatterbox.support.SocketClient;

/**
 * On the packaged jar: every message the server acknowledged is still there after the process is killed with
 * SIGKILL, exactly once, and tokens issued before the crash still work (the generated key was reused). The
 * server's log never shows the password or the token, not even from a ?token= query in the access log. A token
 * revoked by logout before the crash stays revoked after it.
 */
class DurabilityIT {

    private static final int ACKNOWLEDGED = 300;
    private static final int IN_FLIGHT = 100;
    private static final String PASSWORD = "durable-password-8472";
    /** One user sends hundreds of messages at once here; the per-user rate limit has its own tests. */
    private static final Map<String, String> UNTHROTTLED = Map.of(
            "CHATTERBOX_LIMITS_MESSAGES_PER_SECOND", "1000000", "CHATTERBOX_LIMITS_MESSAGE_BURST", "1000000");

    @TempDir
    Path work;

    @Test
    void acknowledgedMessagesSurviveAKill() throws Exception {
        Path dataDir = Files.createDirectories(work.resolve("data"));
        Map<String, Long> acknowledged = new HashMap<>();
        List<String> inFlight = new ArrayList<>();
        String token;
        String revoked;

        Path firstLog;
        try (ServerProcess server = ServerProcess.start(dataDir, UNTHROTTLED)) {
            firstLog = server.log();
            token = server.login("durable", PASSWORD);
            revoked = server.login("leaver", PASSWORD);
            server.logout(revoked);
            // A refused upgrade is written to the access log; the token in its query string must not be.
            assertThat(SocketClient.upgradeStatus(server.base(), "token=" + token + "x")).isEqualTo(401);
            try (SocketClient client = SocketClient.connect(server.base(), token)) {
                client.next("history");
                List<String> sent = new ArrayList<>();
                for (int i = 0; i < ACKNOWLEDGED; i++) {
                    String clientId = "ack-" + i + "-" + UUID.randomUUID();
                    sent.add(clientId);
                    client.sendJson(Map.of("type", "message", "text", "durable " + i, "clientId", clientId));
                }
                while (acknowledged.size() < ACKNOWLEDGED) {
                    JsonNode ack = client.next("message");
                    acknowledged.put(ack.get("clientId").asText(), ack.get("id").asLong());
                }
                assertThat(acknowledged.keySet()).containsExactlyInAnyOrderElementsOf(sent);
                // More messages on their way while the process dies: they may or may not be stored, never twice.
                for (int i = 0; i < IN_FLIGHT; i++) {
                    String clientId = "flight-" + i + "-" + UUID.randomUUID();
                    inFlight.add(clientId);
                    client.sendJson(Map.of("type", "message", "text", "in flight " + i, "clientId", clientId));
                }
                server.kill();
            }
        }

        try (ServerProcess restarted = ServerProcess.start(dataDir, UNTHROTTLED);
                SocketClient client = SocketClient.connect(restarted.base(), token, "since=0")) {
            JsonNode history = client.next("history");
            Map<String, Long> stored = new HashMap<>();
            List<Long> ids = new ArrayList<>();
            for (JsonNode message : history.get("messages")) {
                ids.add(message.get("id").asLong());
                assertThat(stored.put(message.get("clientId").asText(), message.get("id").asLong()))
                        .as("stored once: %s", message).isNull();
            }
            assertThat(ids).isSorted();
            assertThat(SocketClient.upgradeStatus(restarted.base(), "token=" + revoked))
                    .as("a token revoked before the crash stays revoked").isEqualTo(401);
            assertThat(stored).containsAllEntriesOf(acknowledged);
            assertThat(stored.keySet()).allMatch(id -> acknowledged.containsKey(id) || inFlight.contains(id));
        }
        String log = Files.readString(firstLog);
        assertThat(log).as("the access log was on").contains("\"GET /ws HTTP/1.1\" 401");
        assertThat(log).doesNotContain(token.substring(token.lastIndexOf('.') + 1)).doesNotContain(PASSWORD);
    }
}
