package io.chatterbox.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.Base64;

import org.junit.jupiter.api.Test;

import io.chatterbox.support.Accounts;
import io.chatterbox.support.SocketClient;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.jwt.build.Jwt;

/** The upgrade is refused (401, never 101) unless it carries a token this server issued and that is still valid. */
@QuarkusTest
class SocketAuthenticationTest {

    @TestHTTPResource("/")
    URI base;

    @Test
    void aValidTokenOpensTheSocketByQueryAndBySubprotocol() {
        String name = Accounts.uniqueName("auth");
        String token = Accounts.tokenFor(name);

        assertThat(SocketClient.upgradeStatus(base, "token=" + token)).isEqualTo(101);
        try (SocketClient browserStyle = SocketClient.connectWithSubprotocol(base, token)) {
            assertThat(browserStyle.next().get("type").asText()).isEqualTo("history");
        }
    }

    @Test
    void noTokenIsRefused() {
        assertThat(SocketClient.upgradeStatus(base, null)).isEqualTo(401);
        assertThat(SocketClient.upgradeStatus(base, "token=")).isEqualTo(401);
    }

    @Test
    void aForgedTokenIsRefused() {
        assertThat(SocketClient.upgradeStatus(base, "token=not.a.jwt")).isEqualTo(401);
    }

    @Test
    void aTamperedPayloadIsRefused() {
        String name = Accounts.uniqueName("tamper");
        String[] parts = Accounts.tokenFor(name).split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1])).replace(name, "admin");
        String tampered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes()) + "." + parts[2];

        assertThat(SocketClient.upgradeStatus(base, "token=" + tampered)).isEqualTo(401);
    }

    @Test
    void aTokenSignedWithAnotherKeyIsRefused() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        String foreign = Jwt.issuer("chatterbox").upn("intruder").subject("1").expiresIn(600)
                .sign(generator.generateKeyPair().getPrivate());

        assertThat(SocketClient.upgradeStatus(base, "token=" + foreign)).isEqualTo(401);
    }

    @Test
    void anExpiredTokenIsRefused() {
        Instant past = Instant.now().minusSeconds(3600);
        String expired = Jwt.issuer("chatterbox").upn(Accounts.uniqueName("late")).subject("1")
                .issuedAt(past.minusSeconds(60)).expiresAt(past).sign();

        assertThat(SocketClient.upgradeStatus(base, "token=" + expired)).isEqualTo(401);
    }

    @Test
    void aTokenFromAnotherIssuerIsRefused() {
        String other = Jwt.issuer("someone-else").upn(Accounts.uniqueName("iss")).subject("1").expiresIn(600).sign();

        assertThat(SocketClient.upgradeStatus(base, "token=" + other)).isEqualTo(401);
    }
}
