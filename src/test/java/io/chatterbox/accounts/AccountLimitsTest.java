package io.chatterbox.accounts;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.chatterbox.limits.LoginThrottle;
import io.chatterbox.storage.User;
import io.chatterbox.support.Accounts;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;

/**
 * Login and registration throttling, under {@link TightLimitsProfile}. All requests come from one address, so each
 * test first waits for every login window to close, and accounts are created in the database: only the
 * registration test spends the hourly registration budget.
 */
@QuarkusTest
@TestProfile(TightLimitsProfile.class)
class AccountLimitsTest {

    private static final String PASSWORD = "plum-kettle-harbor-41";
    private static final String WRONG = "not-the-password-7";
    private static final String THROTTLED = "Too many failed logins; try again in \\d+ seconds?";

    @Inject
    LoginThrottle loginThrottle;

    @Inject
    PasswordHasher hasher;

    @BeforeEach
    void everyLoginWindowHasClosed() {
        await().atMost(Duration.ofSeconds(15)).until(loginThrottle::idle);
        // A fresh application answers its first logins slowly; keep that out of the windows the tests measure.
        assertThat(login(createUser(Accounts.uniqueName("warm")), PASSWORD).statusCode()).isEqualTo(200);
    }

    @Test
    void anAccountIsThrottledAfterItsFailuresAndAnUnknownNameLooksTheSame() {
        String owner = createUser(Accounts.uniqueName("victim"));
        String nobody = Accounts.uniqueName("nobody");
        for (int i = 0; i < TightLimitsProfile.FAILURES_PER_ACCOUNT; i++) {
            assertThat(login(owner, WRONG).statusCode()).isEqualTo(401);
            assertThat(login(nobody, WRONG).statusCode()).isEqualTo(401);
        }

        // The right password no longer helps: it is not even checked.
        ExtractableResponse<Response> known = login(owner, PASSWORD);
        ExtractableResponse<Response> unknown = login(nobody, WRONG);

        assertThrottled(known, THROTTLED);
        assertThrottled(unknown, THROTTLED);
        assertThat(unknown.headers().asList().stream().map(h -> h.getName()).sorted().toList())
                .isEqualTo(known.headers().asList().stream().map(h -> h.getName()).sorted().toList());
        // Identical but for the seconds left, which tick down between the two requests.
        assertThat(unknown.asString().replaceAll("\\d+", "N")).isEqualTo(known.asString().replaceAll("\\d+", "N"));
    }

    @Test
    void theOwnerGetsInOnceTheWindowHasPassed() {
        String owner = createUser(Accounts.uniqueName("owner"));
        for (int i = 0; i < TightLimitsProfile.FAILURES_PER_ACCOUNT; i++) {
            assertThat(login(owner, WRONG).statusCode()).isEqualTo(401);
        }
        assertThrottled(login(owner, PASSWORD), THROTTLED);

        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(250))
                .until(() -> login(owner, PASSWORD).statusCode() == 200);
    }

    @Test
    void anAddressIsThrottledAcrossDifferentNames() {
        String owner = createUser(Accounts.uniqueName("bystander"));
        for (int i = 0; i < TightLimitsProfile.FAILURES_PER_ADDRESS; i++) {
            assertThat(login(Accounts.uniqueName("spray"), WRONG).statusCode()).isEqualTo(401);
        }

        assertThrottled(login(Accounts.uniqueName("spray"), WRONG), THROTTLED);
        assertThrottled(login(owner, PASSWORD), THROTTLED);
    }

    /** No trusted-proxy setting here: an X-Forwarded-For header is the client's say-so and changes nothing. */
    @Test
    void forwardedForHeadersAreIgnoredWithoutATrustedProxy() {
        for (int i = 0; i < TightLimitsProfile.FAILURES_PER_ADDRESS; i++) {
            assertThat(given().contentType(ContentType.JSON).header("X-Forwarded-For", "203.0.113." + i)
                    .body(Map.of("username", Accounts.uniqueName("spoof"), "password", WRONG)).post("/login")
                    .then().extract().statusCode()).isEqualTo(401);
        }
        assertThrottled(given().contentType(ContentType.JSON).header("X-Forwarded-For", "198.51.100.99")
                .body(Map.of("username", Accounts.uniqueName("spoof"), "password", WRONG)).post("/login").then().extract(),
                THROTTLED);
    }

    @Test
    void successfulLoginsDoNotCount() {
        String owner = createUser(Accounts.uniqueName("regular"));
        for (int i = 0; i < TightLimitsProfile.FAILURES_PER_ADDRESS + 2; i++) {
            assertThat(login(owner, PASSWORD).statusCode()).isEqualTo(200);
        }
        assertThat(loginThrottle.idle()).isTrue();
    }

    @Test
    void wrongCurrentPasswordsOnAPasswordChangeCountAsFailedLogins() {
        String owner = createUser(Accounts.uniqueName("changer"));
        String token = login(owner, PASSWORD).path("access_token");
        for (int i = 0; i < TightLimitsProfile.FAILURES_PER_ACCOUNT; i++) {
            assertThat(changePassword(token, WRONG).statusCode()).isEqualTo(403);
        }

        assertThrottled(changePassword(token, PASSWORD), THROTTLED);
        assertThrottled(login(owner, PASSWORD), THROTTLED);
    }

    @Test
    void registrationsPerAddressAreCapped() {
        for (int i = 0; i < TightLimitsProfile.REGISTRATIONS_PER_HOUR; i++) {
            register(Accounts.uniqueName("signup"), PASSWORD).statusCode(201);
        }

        ExtractableResponse<Response> refused = register(Accounts.uniqueName("signup"), PASSWORD).extract();
        assertThrottled(refused, "Too many registrations from your address; try again in \\d+ seconds?");
        assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(3_000L, 3_600L);
        // Validation still comes first and is not counted.
        register(Accounts.uniqueName("signup"), "password123").statusCode(400)
                .body("message", equalTo(CommonPasswords.TOO_COMMON));
    }

    private static void assertThrottled(ExtractableResponse<Response> response, String messagePattern) {
        assertThat(response.statusCode()).isEqualTo(429);
        assertThat(response.contentType()).startsWith("application/json");
        String message = response.path("message");
        assertThat(message).matches(messagePattern);
        long retryAfter = Long.parseLong(response.header("Retry-After"));
        assertThat(retryAfter).isPositive();
        assertThat(message).contains("in " + retryAfter + " second");
    }

    private String createUser(String name) {
        String hash = hasher.hash(PASSWORD);
        QuarkusTransaction.requiringNew().run(() -> {
            User user = new User();
            user.username = name;
            user.usernameKey = Usernames.key(name);
            user.hashedPassword = hash;
            user.createdAt = System.currentTimeMillis();
            user.persist();
        });
        return name;
    }

    private static ExtractableResponse<Response> login(String username, String password) {
        return given().contentType(ContentType.JSON).body(Map.of("username", username, "password", password))
                .post("/login").then().extract();
    }

    private static io.restassured.response.ValidatableResponse register(String username, String password) {
        return given().contentType(ContentType.JSON).body(Map.of("username", username, "password", password))
                .post("/register").then();
    }

    private static ExtractableResponse<Response> changePassword(String token, String current) {
        return given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("currentPassword", current, "newPassword", "fresh-lantern-meadow-9"))
                .post("/api/password").then().extract();
    }
}
