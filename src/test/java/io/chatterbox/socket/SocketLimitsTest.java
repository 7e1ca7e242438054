package io.chatterbox.socket;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.chatterbox.support.Accounts;
import io.chatterbox.support.SocketClient;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/** Hostile frames end the connection with the right close code; nothing of them is stored or echoed. */
@QuarkusTest
class SocketLimitsTest {

    @TestHTTPResource("/")
    URI base;

    @Inject
    SocketHub hub;

    @Test
    void binaryFramesCloseWith1003() {
        try (SocketClient client = SocketClient.connect(base, Accounts.tokenFor(Accounts.uniqueName("bin")))) {
            client.next("history");
            client.sendBinary(new byte[] { 0, 1, 2 });
            assertThat(client.awaitClose()).isEqualTo(1003);
        }
    }

    @Test
    void anOversizedFrameClosesWith1009() {
        try (SocketClient client = SocketClient.connect(base, Accounts.tokenFor(Accounts.uniqueName("huge")))) {
            client.next("history");
            client.send("{\"type\":\"message\",\"text\":\"" + "x".repeat(70_000) + "\"}");
            assertThat(client.awaitClose()).isEqualTo(1009);
        }
    }

    @Test
    void deeplyNestedJsonIsRefusedWithoutHarm() {
        try (SocketClient client = SocketClient.connect(base, Accounts.tokenFor(Accounts.uniqueName("deep")))) {
            client.next("history");
            client.send("{\"type\":\"message\",\"text\":" + "[".repeat(5_000) + "]".repeat(5_000) + "}");
            assertThat(client.next("error").get("code").asText()).isIn("invalid_json", "invalid_text");

            client.send("{\"type\":\"message\",\"text\":\"still here\"}");
            assertThat(client.next("message").get("text").asText()).isEqualTo("still here");
        }
    }

    @Test
    void oneUserCannotHoldMoreThanTheConnectionCap() {
        String name = Accounts.uniqueName("many");
        String token = Accounts.tokenFor(name);
        List<SocketClient> open = new ArrayList<>();
        try {
            for (int i = 0; i < 10; i++) {
                SocketClient client = SocketClient.connect(base, token);
                client.next("history");
                open.add(client);
            }
            SocketClient oneTooMany = SocketClient.connect(base, token);
            open.add(oneTooMany);
            assertThat(oneTooMany.awaitClose()).isEqualTo(1008);

            open.remove(0).close();
            // The slot is free once the server has handled the close (quota first, then the hub).
            Awaitility.await().atMost(SocketClient.TIMEOUT).until(() -> hub.sessionsOf(name).size() == 9);
            SocketClient replacement = SocketClient.connect(base, token);
            open.add(replacement);
            assertThat(replacement.next().get("type").asText()).as("a freed slot can be used again").isEqualTo("history");
        } finally {
            open.forEach(SocketClient::close);
        }
    }
}
