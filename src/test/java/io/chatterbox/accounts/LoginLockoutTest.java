package io.chatterbox.accounts;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.chatterbox.limits.LoginThrottle;
import io.chatterbox.support.Accounts;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;

/**
 * Nobody can lock an owner out by failing logins elsewhere. The server trusts X-Forwarded-For from this test's
 * address (a trusted-proxy setting), so requests can come "from" several addresses.
 */
@QuarkusTest
@TestProfile(LoginLockoutTest.BehindATrustedProxy.class)
class LoginLockoutTest {

    static final int FAILURES_PER_ACCOUNT = 4;
    private static final String WRONG = "not-the-password-7";
    private static final String OWNER_ADDRESS = "198.51.100.2";

    public static class BehindATrustedProxy implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("chatterbox.limits.login-failures-per-account", String.valueOf(FAILURES_PER_ACCOUNT),
                    "chatterbox.limits.login-failures-before-delay", "2",
                    "chatterbox.limits.login-window", "PT5S",
                    "quarkus.http.proxy.proxy-address-forwarding", "true",
                    "quarkus.http.proxy.allow-x-forwarded", "true",
                    "quarkus.http.proxy.trusted-proxies", "127.0.0.1");
        }
    }

    @Inject
    LoginThrottle loginThrottle;

    @BeforeEach
    void everyLoginWindowHasClosed() {
        await().atMost(Duration.ofSeconds(15)).until(loginThrottle::idle);
    }

    @Test
    void anAttackerOnOneAddressDoesNotLockTheOwnerOutOnAnother() {
        String owner = Accounts.uniqueName("owner");
        Accounts.tokenFor(owner);
        for (int i = 0; i < 10; i++) {
            assertThat(login(owner, WRONG, "203.0.113.7", null).statusCode()).isIn(401, 429);
        }
        assertThat(login(owner, WRONG, "203.0.113.7", null).statusCode()).as("the attacker is delayed").isEqualTo(429);

        assertThat(login(owner, Accounts.PASSWORD, OWNER_ADDRESS, null).statusCode()).isEqualTo(200);
    }

    @Test
    void whenFailuresFromEverywhereCloseTheAccountTheOwnersDeviceStillGetsIn() {
        String owner = Accounts.uniqueName("flooded");
        Accounts.tokenFor(owner);
        String device = login(owner, Accounts.PASSWORD, OWNER_ADDRESS, null).cookie("chatterbox_device");
        assertThat(device).as("a device cookie after a successful login").isNotBlank();

        for (int i = 0; i < FAILURES_PER_ACCOUNT; i++) {
            assertThat(login(owner, WRONG, "203.0.113." + (10 + i), null).statusCode()).isEqualTo(401);
        }
        ExtractableResponse<Response> unknownDevice = login(owner, Accounts.PASSWORD, "192.0.2.44", null);
        ExtractableResponse<Response> knownDevice = login(owner, Accounts.PASSWORD, "192.0.2.44", device);

        assertThat(unknownDevice.statusCode()).as("a client the account does not know").isEqualTo(429);
        assertThat(knownDevice.statusCode()).as("the owner's device").isEqualTo(200);
        assertThat(knownDevice.cookie("chatterbox_device")).isEqualTo(device);
        assertThat(knownDevice.detailedCookie("chatterbox_device").isHttpOnly()).isTrue();
        assertThat(knownDevice.detailedCookie("chatterbox_device").getPath()).isEqualTo("/login");
        assertThat(login(owner, Accounts.PASSWORD, "192.0.2.44", "forged-device").statusCode())
                .as("a cookie the account never got is no device of its").isEqualTo(429);
    }

    @Test
    void aPasswordChangeForgetsTheDevices() {
        String owner = Accounts.uniqueName("changer");
        String token = Accounts.tokenFor(owner);
        String device = login(owner, Accounts.PASSWORD, OWNER_ADDRESS, null).cookie("chatterbox_device");
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("currentPassword", Accounts.PASSWORD, "newPassword", "fresh-lantern-meadow-9"))
                .post("/api/password").then().statusCode(200);

        for (int i = 0; i < FAILURES_PER_ACCOUNT; i++) {
            login(owner, WRONG, "203.0.113." + (20 + i), null);
        }
        assertThat(login(owner, "fresh-lantern-meadow-9", OWNER_ADDRESS, device).statusCode())
                .as("the old device cookie is no longer trusted").isEqualTo(429);
    }

    private static ExtractableResponse<Response> login(String username, String password, String from, String device) {
        Map<String, String> cookies = new HashMap<>();
        if (device != null) {
            cookies.put("chatterbox_device", device);
        }
        return given().contentType(ContentType.JSON).header("X-Forwarded-For", from).cookies(cookies)
                .body(Map.of("username", username, "password", password)).post("/login").then().extract();
    }
}
