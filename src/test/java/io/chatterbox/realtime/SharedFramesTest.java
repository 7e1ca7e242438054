package io.chatterbox.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.chatterbox.support.ChatUser;
import io.chatterbox.support.SocketClient;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.websockets.next.WebSocketConnection;

/**
 * Broadcasts write one pre-encoded frame to each socket; that needs the socket under websockets-next's connection.
 * If a Quarkus or Vert.x upgrade hides it again, every broadcast silently falls back to a much slower sendText per
 * recipient — only a benchmark would notice, so this test does.
 */
@QuarkusTest
class SharedFramesTest {

    @TestHTTPResource("/")
    URI base;

    @Inject
    ConnectionRegistry registry;

    @Test
    void broadcastsReachV1AndV2ConnectionsThroughTheirOwnSocket() {
        ChatUser alice = ChatUser.register("alice");
        try (SocketClient v1 = SocketClient.connect(base, alice.token());
                SocketClient v2 = SocketClient.connectV2(base, alice.token())) {
            v1.next("history");
            v2.next("rooms");
            Awaitility.await().atMost(SocketClient.TIMEOUT).until(() -> registry.connectionsOf(alice.name()).size() == 2);

            List<WebSocketConnection> connections = registry.connectionsOf(alice.name());
            assertThat(connections).allMatch(registry::sharesEncodedFrames);
        }
    }
}
