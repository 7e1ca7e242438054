package io.chatterbox.support;

import static io.restassured.RestAssured.given;

import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import io.restassured.http.ContentType;

/** Registers and logs in throwaway users over the real HTTP API. Names are unique per call. */
public final class Accounts {

    public static final String PASSWORD = "correct horse battery";

    private Accounts() {
    }

    public static String uniqueName(String prefix) {
        return prefix + "_" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);
    }

    /** Registers a fresh user and returns its access token. */
    public static String tokenFor(String username) {
        given().contentType(ContentType.JSON).body(Map.of("username", username, "password", PASSWORD))
                .post("/register").then().statusCode(201);
        return given().contentType(ContentType.JSON).body(Map.of("username", username, "password", PASSWORD))
                .post("/login").then().statusCode(200).extract().path("access_token");
    }
}
