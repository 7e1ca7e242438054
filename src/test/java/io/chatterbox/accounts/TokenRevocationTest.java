package io.chatterbox.accounts;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import java.net.URI;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;


import io.chatterbox.messages.MessageLog;
import io.chatterbox.rooms.RoomInfo;
import io.chatterbox.support.Accounts;
import io.chatterbox.support.SocketClient;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.smallrye.jwt.build.Jwt;

/** Logout and password changes revoke tokens everywhere; sockets die with their token (close 1008). */
@QuarkusTest
class TokenRevocationTest {

    @Inject
    MessageLog log;

    @TestHTTPResource("/")
    URI base;

    @Test
    void logoutRevokesTheTokenAndClosesItsSockets() {
        String name = Accounts.uniqueName("bye");
        String token = Accounts.tokenFor(name);
        SocketClient socket = SocketClient.connect(base, token);
        socket.next("history");

        given().auth().oauth2(token).post("/logout").then().statusCode(204);

        assertThat(socket.awaitClose()).isEqualTo(1008);
        given().auth().oauth2(token).get("/api/me").then().statusCode(401).body("message", notNullValue());
        given().auth().oauth2(token).post("/logout").then().statusCode(401);
        assertThat(SocketClient.upgradeStatus(base, "token=" + token)).isEqualTo(401);
        String fresh = Accounts.login(name, Accounts.PASSWORD);
        given().auth().oauth2(fresh).get("/api/me").then().statusCode(200).body("username", equalTo(name));
    }

    /**
     * An upgrade authenticated just before a logout may join just after it: whichever way each race falls, no socket
     * opened with the revoked token stays open, and nothing sent on one is stored.
     */
    @Test
    void upgradesRacingALogoutNeverOutliveIt() throws Exception {
        ExecutorService upgrades = Executors.newSingleThreadExecutor();
        try {
            for (int round = 0; round < 25; round++) {
                String name = Accounts.uniqueName("race");
                String token = Accounts.tokenFor(name);
                Future<SocketClient> upgrade = upgrades.submit(() -> SocketClient.connect(base, token));
                given().auth().oauth2(token).post("/logout").then().statusCode(204);
                SocketClient socket;
                try {
                    socket = upgrade.get(10, TimeUnit.SECONDS);
                } catch (ExecutionException refusedAfterLogout) {
                    continue; // the logout came first: the upgrade got 401
                }
                try {
                    socket.send("sent with a revoked token " + round);
                } catch (RuntimeException alreadyClosed) {
                    // closed before the frame went out: fine
                }
                assertThat(socket.awaitClose()).as("round %d", round).isEqualTo(1008);
                socket.close();
                assertThat(storedBy(name)).as("round %d: stored after the logout", round).isZero();
            }
        } finally {
            upgrades.shutdownNow();
        }
    }

    /** The user's messages in general's recent past, through the store port (SQLite or PostgreSQL). */
    private long storedBy(String username) {
        return log.latest(RoomInfo.GENERAL, 1_000).messages().stream()
                .filter(message -> message.username().equals(username)).count();
    }

    @Test
    void logoutNeedsAToken() {
        given().post("/logout").then().statusCode(401).body("message", notNullValue());
    }

    @Test
    void changingThePasswordRevokesEarlierTokens() {
        String name = Accounts.uniqueName("pwchange");
        String token = Accounts.tokenFor(name);
        SocketClient socket = SocketClient.connect(base, token);
        socket.next("history");

        changePassword(token, "wrong current", "a brand new password").statusCode(403).body("message", notNullValue());
        changePassword(token, Accounts.PASSWORD, "short").statusCode(400).body("message", notNullValue());
        String fresh = changePassword(token, Accounts.PASSWORD, "a brand new password").statusCode(200)
                .extract().path("access_token");

        assertThat(socket.awaitClose()).isEqualTo(1008);
        given().auth().oauth2(token).get("/api/me").then().statusCode(401);
        given().auth().oauth2(fresh).get("/api/me").then().statusCode(200);
        given().contentType(ContentType.JSON).body(Map.of("username", name, "password", Accounts.PASSWORD))
                .post("/login").then().statusCode(401);
        Accounts.login(name, "a brand new password");
    }

    @Test
    void aSocketIsClosedWhenItsTokenExpires() throws Exception {
        String name = Accounts.uniqueName("expiring");
        String subject = Accounts.subjectOf(Accounts.tokenFor(name));
        String shortLived = Jwt.issuer("chatterbox").upn(name).subject(subject).claim(TokenVersions.CLAIM, 0)
                .issuedAt(Instant.now()).expiresAt(Instant.now().plusSeconds(2)).sign();
        SocketClient socket = SocketClient.connect(base, shortLived);
        socket.next("history");

        assertThat(socket.awaitClose()).isEqualTo(1008);
    }

    @Test
    void aSignedTokenWithoutAVersionIsRefused() {
        String name = Accounts.uniqueName("nover");
        // Otherwise a current token of a real user: only the missing version is wrong.
        String subject = Accounts.subjectOf(Accounts.tokenFor(name));
        String unversioned = Jwt.issuer("chatterbox").upn(name).subject(subject).expiresIn(600).sign();

        given().auth().oauth2(unversioned).get("/api/me").then().statusCode(401);
    }

    private static io.restassured.response.ValidatableResponse changePassword(String token, String current, String next) {
        return given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("currentPassword", current, "newPassword", next)).post("/api/password").then();
    }
}
