package io.chatterbox.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.containsString;

import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.chatterbox.accounts.AccountStore;
import io.chatterbox.accounts.Passwords;
import io.chatterbox.support.Accounts;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

@QuarkusTest
class AccountResourceTest {

    @Inject
    AccountStore accounts;

    private static ValidatableResponse post(String path, Object body) {
        return given().contentType(ContentType.JSON).body(body).post(path).then();
    }

    private static Map<String, String> credentials(String username, String password) {
        return Map.of("username", username, "password", password);
    }

    @Test
    void registerAnswersWithTheOriginalMessage() {
        post("/register", credentials(Accounts.uniqueName("reg"), "swift-otter-lamp-1"))
                .statusCode(201)
                .body("message", equalTo("User registered successfully"));
    }

    @Test
    void loginReturnsABearerTokenWithItsLifetime() {
        String name = Accounts.uniqueName("login");
        post("/register", credentials(name, "swift-otter-lamp-1")).statusCode(201);

        post("/login", credentials(name, "swift-otter-lamp-1"))
                .statusCode(200)
                .body("access_token", matchesPattern("[\\w-]+\\.[\\w-]+\\.[\\w-]+"))
                .body("token_type", equalTo("bearer"))
                .body("expires_in", greaterThan(0));
    }

    /** Names that look like someone else's: a Hangul filler renders as nothing, Cyrillic "а" looks like Latin "a". */
    @ParameterizedTest
    @ValueSource(strings = { "alice\u3164", "\u3164\u3164\u3164", "bob\uFFA0x", "\u0430lice", "p\u0430ypal" })
    void namesThatDeceiveAreRefusedWithTheReason(String username) {
        post("/register", credentials(username, "swift-otter-lamp-1")).statusCode(400)
                .body("message", org.hamcrest.Matchers.startsWith("Username may not"));
    }

    @Test
    void takenNamesAreRefusedIgnoringCaseAndWidth() {
        String name = Accounts.uniqueName("dup");
        post("/register", credentials(name, "swift-otter-lamp-1")).statusCode(201);

        post("/register", credentials(name, "swift-otter-lamp-2")).statusCode(409).body("message", containsString("taken"));
        post("/register", credentials(name.toUpperCase(), "swift-otter-lamp-2")).statusCode(409);
        String fullWidth = name.chars().map(c -> c >= 'a' && c <= 'z' ? c - 'a' + 'ａ' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        post("/register", credentials(fullWidth, "swift-otter-lamp-2")).statusCode(409);
    }

    @ParameterizedTest
    @ValueSource(strings = { "ab", "a_name_that_is_much_longer_than_32", "white space", "semi;colon", "<script>", "zero\u200Bwidth" })
    void invalidUsernamesAreRefused(String username) {
        post("/register", credentials(username, "swift-otter-lamp-1"))
                .statusCode(400)
                .body("message", notNullValue());
    }

    @Test
    void shortAndOversizedPasswordsAreRefused() {
        post("/register", credentials(Accounts.uniqueName("pw"), "1234567")).statusCode(400)
                .body("message", containsString("at least 8"));
        post("/register", credentials(Accounts.uniqueName("pw"), "x".repeat(Passwords.MAX_LENGTH + 1))).statusCode(400)
                .body("message", containsString("at most"));
    }

    @Test
    void missingOrMalformedBodiesGetAJsonError() {
        given().contentType(ContentType.JSON).post("/register").then().statusCode(400).body("message", notNullValue());
        given().contentType(ContentType.JSON).body("{\"username\": ").post("/register").then()
                .statusCode(400).body("message", notNullValue());
        post("/register", Map.of("username", Accounts.uniqueName("nopw"))).statusCode(400).body("message", notNullValue());
        given().contentType(ContentType.JSON).body("[1,2]").post("/register").then().statusCode(400).body("message", notNullValue());
        given().contentType(ContentType.JSON).body("{\"username\":[\"a\"],\"password\":\"x\"}").post("/login").then()
                .statusCode(400).body("message", notNullValue());
        given().contentType(ContentType.TEXT).body("hello").post("/login").then()
                .statusCode(415).body("message", notNullValue());
    }

    @Test
    void anOversizedBodyIsRefusedWithAJsonError() {
        post("/register", credentials("x".repeat(70_000), "swift-otter-lamp-1"))
                .statusCode(413)
                .body("message", containsString("too large"));
    }

    @Test
    void longPasswordsWorkAndAreNotTruncated() {
        String name = Accounts.uniqueName("long");
        String prefix = "p".repeat(100);
        post("/register", credentials(name, prefix + "-the-real-ending")).statusCode(201);

        post("/login", credentials(name, prefix + "-the-real-ending")).statusCode(200);
        // bcrypt alone would only read the first 72 bytes and accept this one
        post("/login", credentials(name, prefix + "-another-ending")).statusCode(401);
    }

    @Test
    void unknownUserAndWrongPasswordLookTheSame() {
        String name = Accounts.uniqueName("who");
        post("/register", credentials(name, "swift-otter-lamp-1")).statusCode(201);

        String wrongPassword = post("/login", credentials(name, "swift-otter-lamp-2")).statusCode(401).extract().asString();
        String unknownUser = post("/login", credentials(name + "x", "swift-otter-lamp-1")).statusCode(401).extract().asString();
        org.assertj.core.api.Assertions.assertThat(unknownUser).isEqualTo(wrongPassword)
                .isEqualTo("{\"message\":\"Invalid username or password\"}");
    }

    @Test
    void meNeedsAValidToken() {
        String name = Accounts.uniqueName("me");
        String token = Accounts.tokenFor(name);

        given().auth().oauth2(token).get("/api/me").then().statusCode(200).body("username", equalTo(name));
        given().get("/api/me").then().statusCode(401).body("message", notNullValue());
        given().auth().oauth2(token + "x").get("/api/me").then().statusCode(401).body("message", notNullValue());
    }

    @Test
    void composedAndDecomposedSpellingsAreOneName() {
        String base = Accounts.uniqueName("jos");
        post("/register", credentials(base + "\u00e9", "swift-otter-lamp-1")).statusCode(201);

        post("/login", credentials(base + "e\u0301", "swift-otter-lamp-1")).statusCode(200);
        post("/register", credentials(base + "e\u0301", "swift-otter-lamp-1")).statusCode(409);
    }

    @Test
    void passwordsAreStoredAsBcryptHashes() {
        String name = Accounts.uniqueName("hash");
        post("/register", credentials(name, "swift-otter-lamp-1")).statusCode(201);

        String hash = accounts.findByName(name).orElseThrow().passwordHash();
        org.assertj.core.api.Assertions.assertThat(hash).startsWith("$2").doesNotContain("swift-otter-lamp-1");
    }
}
