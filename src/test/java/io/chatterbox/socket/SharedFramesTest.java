package io.chatterbox.socket;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.chatterbox.support.ChatUser;
import io.chatterbox.support.SocketClient;
import io.chatterbox.support.SocketTestBase;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A broadcast writes one pre-encoded frame to each socket, which needs the socket under websockets-next's
 * connection. If a Quarkus or Vert.x upgrade hides it again, every frame silently falls back to a much slower
 * sendText per recipient — only a benchmark would notice, so this test does: it broadcasts to v1 and v2 sockets
 * and checks that every frame arrived and none took the fallback.
 */
@QuarkusTest
class SharedFramesTest extends SocketTestBase {

    @Inject
    SocketHub hub;

    @Inject
    FrameWriter writer;

    @Test
    void broadcastsReachV1AndV2SocketsAsPreEncodedFrames() {
        ChatUser alice = ChatUser.register("alice");
        ChatUser bob = ChatUser.register("bob");
        SocketClient aliceV1 = sockets.v1Ready(base, alice);
        SocketClient bobV2 = sockets.v2Ready(base, bob);
        Awaitility.await().atMost(SocketClient.TIMEOUT)
                .until(() -> hub.sessionsOf(alice.name()).size() == 1 && hub.sessionsOf(bob.name()).size() == 1);
        long byTextBefore = writer.framesSentByText();

        aliceV1.sendJson(Map.of("type", "message", "text", "one frame for all", "clientId", "shared-1"));

        JsonNode atAlice = aliceV1.nextMatching(frame -> "shared-1".equals(frame.path("clientId").asText()));
        JsonNode atBob = bobV2.nextMatching(frame -> "shared-1".equals(frame.path("clientId").asText()));
        assertThat(atBob).isEqualTo(atAlice);
        assertThat(atAlice.get("text").asText()).isEqualTo("one frame for all");
        assertThat(hub.socketsOf(alice.name())).allMatch(session -> session.socket != null);
        assertThat(hub.socketsOf(bob.name())).allMatch(session -> session.socket != null);
        assertThat(writer.framesSentByText()).as("frames that took the sendText fallback").isEqualTo(byTextBefore);
    }

    /** Large frames take the shared direct-buffer path; every byte must still arrive, multi-byte letters included. */
    @Test
    void largeBroadcastsArriveWhole() {
        ChatUser alice = ChatUser.register("alice");
        ChatUser bob = ChatUser.register("bob");
        SocketClient aliceV1 = sockets.v1Ready(base, alice);
        SocketClient bobV2 = sockets.v2Ready(base, bob);
        String text = "große Grüße, 世界 ".repeat(200);

        aliceV1.sendJson(Map.of("type", "message", "text", text, "clientId", "shared-large"));

        JsonNode atAlice = aliceV1.nextMatching(frame -> "shared-large".equals(frame.path("clientId").asText()));
        JsonNode atBob = bobV2.nextMatching(frame -> "shared-large".equals(frame.path("clientId").asText()));
        assertThat(atAlice.get("text").asText()).isEqualTo(text);
        assertThat(atBob).isEqualTo(atAlice);
    }
}
