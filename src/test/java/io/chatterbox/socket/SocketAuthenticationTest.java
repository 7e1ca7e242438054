package io.chatterbox.socket;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;

import io.chatterbox.support.Accounts;
import io.chatterbox.support.SocketClient;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;

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
        String name = Accounts.uniqueName("foreign");
        String foreign = claimsOfARealUser(name).expiresIn(600).sign(generator.generateKeyPair().getPrivate());

        assertRefusedEverywhere(foreign);
    }

    @Test
    void anExpiredTokenIsRefused() {
        Instant past = Instant.now().minusSeconds(3600);
        String expired = claimsOfARealUser(Accounts.uniqueName("late")).issuedAt(past.minusSeconds(60)).expiresAt(past).sign();

        assertRefusedEverywhere(expired);
    }

    @Test
    void anUnsignedAlgNoneTokenIsRefused() throws Exception {
        String name = Accounts.uniqueName("none");
        String[] parts = Accounts.tokenFor(name).split("\\.");
        String unsigned = base64Url("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + parts[1] + ".";

        assertRefusedEverywhere(unsigned);
    }

    @Test
    void anHs256TokenKeyedWithThePublicKeyIsRefused() throws Exception {
        String name = Accounts.uniqueName("hmac");
        String payload = Accounts.tokenFor(name).split("\\.")[1];
        String signingInput = base64Url("{\"alg\":\"HS256\",\"typ\":\"JWT\"}") + "." + payload;
        // The classic key-confusion attack: the server's public key, as published, used as an HMAC secret.
        byte[] publicKeyPem = Files.readAllBytes(Path.of("target", "test-data", "jwt-public.pem"));
        Mac hmac = Mac.getInstance("HmacSHA256");
        hmac.init(new SecretKeySpec(publicKeyPem, "HmacSHA256"));
        String signature = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(hmac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII)));

        assertRefusedEverywhere(signingInput + "." + signature);
    }

    @Test
    void aTokenNotYetValidIsRefused() {
        String name = Accounts.uniqueName("early");
        Instant later = Instant.now().plusSeconds(3600);
        String early = claimsOfARealUser(name).claim("nbf", later.getEpochSecond()).expiresAt(later.plusSeconds(3600)).sign();
        String valid = Jwt.issuer("chatterbox").upn(name).subject(Accounts.subjectOf(early)).claim("ver", 0).expiresIn(600).sign();
        given().auth().oauth2(valid).get("/api/me").then().statusCode(200); // the same claims without nbf are fine

        assertRefusedEverywhere(early);
    }

    private void assertRefusedEverywhere(String token) {
        assertThat(SocketClient.upgradeStatus(base, "token=" + token)).isEqualTo(401);
        given().auth().oauth2(token).get("/api/me").then().statusCode(401);
    }

    private static String base64Url(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aTokenFromAnotherIssuerIsRefused() {
        String other = claimsOfARealUser(Accounts.uniqueName("iss")).issuer("someone-else").expiresIn(600).sign();

        assertRefusedEverywhere(other);
    }

    /**
     * The claims of a real, current token (subject, upn, version), so each test isolates one defect: without the
     * defect under test, such a token would be accepted.
     */
    private static JwtClaimsBuilder claimsOfARealUser(String name) {
        return Jwt.issuer("chatterbox").upn(name).subject(Accounts.subjectOf(Accounts.tokenFor(name))).claim("ver", 0);
    }
}
