package io.chatterbox.support;

import static io.restassured.RestAssured.given;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import io.restassured.http.ContentType;

/**
 * Registers and logs in throwaway users over the real HTTP API. Names are unique per call. Every password and
 * token handed out is also written to {@link #SECRETS}, so that LogHygieneIT can prove none reached a log.
 */
public final class Accounts {

    public static final String PASSWORD = "correct horse battery";
    public static final Path SECRETS = Path.of("target", "test-secrets.txt");

    private Accounts() {
    }

    public static String uniqueName(String prefix) {
        return prefix + "_" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);
    }

    /** Registers a fresh user and returns its access token. */
    public static String tokenFor(String username) {
        remember(PASSWORD);
        given().contentType(ContentType.JSON).body(Map.of("username", username, "password", PASSWORD))
                .post("/register").then().statusCode(201);
        return login(username, PASSWORD);
    }

    /** Logs in an existing user (expecting success) and returns the access token. */
    public static String login(String username, String password) {
        String token = given().contentType(ContentType.JSON).body(Map.of("username", username, "password", password))
                .post("/login").then().statusCode(200).extract().path("access_token");
        remember(token);
        return token;
    }

    /** The subject (user id) a token of ours carries. */
    public static String subjectOf(String token) {
        String payload = new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
        return payload.replaceAll(".*\"sub\":\"(\\d+)\".*", "$1");
    }

    /** Notes a secret the logs must never show. */
    public static synchronized void remember(String secret) {
        try {
            Files.writeString(SECRETS, secret + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
