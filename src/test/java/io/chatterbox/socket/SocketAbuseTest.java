package io.chatterbox.socket;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.chatterbox.storage.Message;
import io.chatterbox.support.Accounts;
import io.chatterbox.support.RawSocket;
import io.chatterbox.support.SocketClient;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** Floods and silent peers, with limits shrunk so each can be hit in a test. */
@QuarkusTest
@TestProfile(SocketAbuseTest.TightLimits.class)
class SocketAbuseTest {

    public static class TightLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "chatterbox.limits.messages-per-second", "0.05",
                    "chatterbox.limits.message-burst", "3",
                    "chatterbox.limits.socket-idle-timeout", "PT2S",
                    "quarkus.websockets-next.server.auto-ping-interval", "500ms",
                    "quarkus.http.idle-timeout", "5s");
        }
    }

    @TestHTTPResource("/")
    URI base;

    @Test
    void messagesBeyondTheRateLimitAreRefusedAndNotStored() {
        String name = Accounts.uniqueName("flood");
        try (SocketClient client = SocketClient.connect(base, Accounts.tokenFor(name))) {
            client.next("history");
            for (int i = 0; i < 10; i++) {
                client.sendJson(Map.of("type", "message", "text", "flood " + i, "clientId", name + "-" + i));
            }
            List<JsonNode> answers = new ArrayList<>();
            while (answers.size() < 10) {
                answers.add(client.nextMatching(f -> !"presence".equals(f.path("type").asText())));
            }

            assertThat(answers).filteredOn(f -> "message".equals(f.get("type").asText())).hasSize(3);
            assertThat(answers).filteredOn(f -> "error".equals(f.get("type").asText()))
                    .hasSize(7)
                    .allMatch(f -> "rate_limited".equals(f.get("code").asText()) && f.get("message").asText()
                            .matches("You are sending messages too fast; the message was not stored; try again in \\d+ seconds?"));
            long stored = QuarkusTransaction.requiringNew().call(() -> Message.count("username", name));
            assertThat(stored).isEqualTo(3);
        }
    }

    @Test
    void aPeerThatNeverAnswersPingsIsClosedWith1001() throws Exception {
        try (RawSocket silent = RawSocket.open(base)) {
            assertThat(silent.upgrade(Accounts.tokenFor(Accounts.uniqueName("silent")))).isEqualTo(101);
            assertThat(silent.awaitServerClose()).isEqualTo(1001);
        }
    }

    @Test
    void aLiveClientOutlivesTheIdleTimeoutBecauseItAnswersPings() {
        try (SocketClient live = SocketClient.connect(base, Accounts.tokenFor(Accounts.uniqueName("live")))) {
            live.next("history");
            Awaitility.await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(6)).until(() -> !live.isClosed());
        }
    }

    @Test
    void aStalledUpgradeIsCutOffAndTiesNothingUp() throws Exception {
        String token = Accounts.tokenFor(Accounts.uniqueName("trickle"));
        try (RawSocket stalled = RawSocket.open(base)) {
            stalled.startUpgradeAndStall(token);
            try (SocketClient meanwhile = SocketClient.connect(base, token)) {
                assertThat(meanwhile.next().get("type").asText()).isEqualTo("history");
            }
            assertThat(stalled.awaitEof()).as("the server hangs up on the stalled upgrade").isTrue();
        }
    }
}
