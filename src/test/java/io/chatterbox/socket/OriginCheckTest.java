package io.chatterbox.socket;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.chatterbox.support.Accounts;
import io.chatterbox.support.SocketClient;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * Cross-site WebSocket hijacking: an upgrade that carries an Origin opens only from the page's own origin or a
 * configured one; every other Origin is refused with 403, even with a valid token. The whole class runs with an
 * allowlist configured, so the suite pays for one extra Quarkus start and the list is proven end to end.
 * Upgrades are written by hand over a plain socket so the test controls the Host and Origin headers exactly.
 */
@QuarkusTest
@TestProfile(OriginCheckTest.WithAllowlist.class)
class OriginCheckTest {

    public static class WithAllowlist implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // The second entry is deliberately non-canonical: configured origins are normalised like requests.
            return Map.of("chatterbox.security.allowed-origins", "https://chat.example.com,HTTP://Partner.Example.org:80");
        }
    }

    @TestHTTPResource("/")
    URI base;

    private String token;

    @BeforeEach
    void signIn() {
        // A fresh user per test keeps accepted upgrades well below the per-user connection limit.
        token = Accounts.tokenFor(Accounts.uniqueName("origin"));
    }

    @Test
    void theSameOriginOpensTheSocket() {
        assertThat(upgrade(hostHeader(), "http://localhost:" + base.getPort())).isEqualTo(101);
        assertThat(upgrade(hostHeader(), "HTTP://LocalHost:" + base.getPort())).isEqualTo(101);
    }

    @Test
    void theSameOriginMatchesAcrossAnImplicitDefaultPort() {
        assertThat(upgrade("chat.internal", "http://chat.internal:80")).isEqualTo(101);
        assertThat(upgrade("chat.internal:80", "http://chat.internal")).isEqualTo(101);
        assertThat(upgrade("chat.internal", "https://chat.internal")).as("TLS origin, plain connection").isEqualTo(403);
    }

    @Test
    void noOriginIsANonBrowserClientAndOpensTheSocket() {
        assertThat(upgrade(hostHeader())).isEqualTo(101);
        assertThat(SocketClient.upgradeStatus(base, "token=" + token)).isEqualTo(101);
    }

    @ParameterizedTest(name = "Origin: {0}")
    @ValueSource(strings = {
            "null",
            "http://localhost.evil.com:PORT",
            "http://evil.com",
            "http://localhost:PORT.evil.com",
            "http://localhost:1",
            "https://localhost:PORT",
            "ws://localhost:PORT",
            "http://localhost:PORT/",
            "http://localhost:PORT/ws",
            "http://localhost:PORT?x=1",
            "http://localhost:PORT#x",
            "http://user@localhost:PORT",
            "localhost:PORT",
            "//localhost:PORT",
            "http://local host:PORT",
            "",
    })
    void anyOtherOriginIsRefusedEvenWithAValidToken(String origin) {
        assertThat(upgrade(hostHeader(), origin.replace("PORT", String.valueOf(base.getPort())))).isEqualTo(403);
    }

    @Test
    void severalOriginHeadersAreRefused() {
        String own = "http://localhost:" + base.getPort();
        assertThat(upgrade(hostHeader(), own, own)).isEqualTo(403);
        assertThat(upgrade(hostHeader(), own, "https://chat.example.com")).isEqualTo(403);
    }

    @Test
    void aConfiguredOriginOpensTheSocket() {
        assertThat(upgrade(hostHeader(), "https://chat.example.com")).isEqualTo(101);
        assertThat(upgrade(hostHeader(), "https://CHAT.example.com:443")).isEqualTo(101);
        assertThat(upgrade(hostHeader(), "http://partner.example.org")).isEqualTo(101);
    }

    @ParameterizedTest(name = "Origin: {0}")
    @ValueSource(strings = {
            "http://chat.example.com",
            "https://chat.example.com:8443",
            "https://chat.example.com.evil.com",
            "https://evil.chat.example.com",
            "https://example.com",
            "https://partner.example.org",
    })
    void aConfiguredOriginMatchesExactlyWithoutWildcards(String origin) {
        assertThat(upgrade(hostHeader(), origin)).isEqualTo(403);
    }

    @Test
    void aBadOriginWithoutATokenIsStillRefused() {
        token = "";
        // Authentication runs first today (401); either refusal is fine, an open socket is not.
        assertThat(upgrade(hostHeader(), "http://evil.com")).isIn(401, 403);
    }

    @Test
    void thePageOriginOverTlsDefaultsToPort443() {
        Optional<String> https = OriginCheck.normalise("https://chat.example.com");
        assertThat(https).contains("https://chat.example.com:443");
        assertThat(OriginCheck.pageOrigin(true, "chat.example.com")).isEqualTo(https);
        assertThat(OriginCheck.pageOrigin(true, "Chat.Example.com:443")).isEqualTo(https);
        assertThat(OriginCheck.pageOrigin(false, "chat.example.com")).isNotEqualTo(https);
        assertThat(OriginCheck.pageOrigin(false, "[::1]:8080")).isEqualTo(OriginCheck.normalise("http://[::1]:8080"));
    }

    private String hostHeader() {
        return base.getHost() + ":" + base.getPort();
    }

    /** Sends an HTTP/1.1 upgrade to /ws?token= and returns the response status (101 when the socket opened). */
    private int upgrade(String host, String... origins) {
        byte[] nonce = new byte[16];
        ThreadLocalRandom.current().nextBytes(nonce);
        StringBuilder request = new StringBuilder()
                .append("GET /ws?token=").append(token).append(" HTTP/1.1\r\n")
                .append("Host: ").append(host).append("\r\n")
                .append("Upgrade: websocket\r\n")
                .append("Connection: Upgrade\r\n")
                .append("Sec-WebSocket-Key: ").append(Base64.getEncoder().encodeToString(nonce)).append("\r\n")
                .append("Sec-WebSocket-Version: 13\r\n");
        for (String origin : origins) {
            request.append("Origin: ").append(origin).append("\r\n");
        }
        request.append("\r\n");
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout((int) SocketClient.TIMEOUT.toMillis());
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            String statusLine = new BufferedReader(
                    new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1)).readLine();
            assertThat(statusLine).as("the response status line").startsWith("HTTP/1.1 ");
            return Integer.parseInt(statusLine.split(" ")[1]);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
