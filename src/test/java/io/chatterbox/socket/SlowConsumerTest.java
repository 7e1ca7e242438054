package io.chatterbox.socket;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.chatterbox.presence.Presence;
import io.chatterbox.support.Accounts;
import io.chatterbox.support.RawSocket;
import io.chatterbox.support.SocketClient;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * A client that stops reading is cut off once too many frames wait for it; everyone else still gets every message.
 * {@link SendQueueBytesTest} runs the same scenario against the limit in bytes.
 */
@QuarkusTest
@TestProfile(SlowConsumerTest.SmallSendQueue.class)
class SlowConsumerTest {

    private static final int MESSAGES = 2_000;
    /** Sent at a time; the healthy client takes each chunk before the next, so it never lags far behind. */
    private static final int CHUNK = 50;

    public static class SmallSendQueue implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // Batches smaller than the queue limit: a healthy client never has a whole batch waiting at once.
            // The close handshake cannot reach a client that does not read; the idle timeout then drops the TCP
            // connection (60 s by default, shortened here).
            return Map.of("chatterbox.limits.send-queue-frames", "200", "chatterbox.store.max-batch-size", "32",
                    "quarkus.http.idle-timeout", "3s");
        }
    }

    @TestHTTPResource("/")
    URI base;

    @Inject
    FrameWriter frames;

    @Inject
    Presence presence;

    @Test
    void aClientThatStopsReadingIsDisconnectedWhileOthersReceiveEverything() throws Exception {
        String stalledName = Accounts.uniqueName("stalled");
        String sender = Accounts.uniqueName("sender");
        String text = "x".repeat(4_000);
        String stalledToken = Accounts.tokenFor(stalledName);
        String healthyToken = Accounts.tokenFor(Accounts.uniqueName("healthy"));
        String senderToken = Accounts.tokenFor(sender);
        long droppedBefore = frames.slowConsumersDropped();
        try (RawSocket stalled = RawSocket.open(base);
                SocketClient healthy = SocketClient.connect(base, healthyToken);
                SocketClient writer = SocketClient.connect(base, senderToken)) {
            assertThat(stalled.upgrade(stalledToken)).isEqualTo(101);
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> presence.online().contains(stalledName));
            healthy.next("history");

            Set<String> received = new HashSet<>();
            for (int chunk = 0; chunk < MESSAGES; chunk += CHUNK) {
                for (int i = chunk; i < chunk + CHUNK; i++) {
                    writer.sendJson(Map.of("type", "message", "text", text, "clientId", sender + "-" + i));
                }
                while (received.size() < chunk + CHUNK) {
                    received.add(healthy.nextMatching(f -> f.path("clientId").asText().startsWith(sender + "-"))
                            .get("clientId").asText());
                }
                writer.pending(); // the writer's own acknowledgements are not the subject here
            }
            assertThat(healthy.isClosed()).isFalse();
            assertThat(frames.slowConsumersDropped()).as("dropped for not reading").isEqualTo(droppedBefore + 1);
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> !presence.online().contains(stalledName));
        }
    }
}
