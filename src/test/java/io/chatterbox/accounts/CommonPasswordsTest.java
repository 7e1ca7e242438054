package io.chatterbox.accounts;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.chatterbox.support.Accounts;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
class CommonPasswordsTest {

    @ParameterizedTest
    @ValueSource(strings = { "password123", "Password123", "ILOVEYOU", "qwertyuiop", "12345678" })
    void registrationRefusesACommonPassword(String password) {
        given().contentType(ContentType.JSON).body(Map.of("username", Accounts.uniqueName("common"), "password", password))
                .post("/register").then()
                .statusCode(400)
                .body("message", equalTo("This password is too common; choose another"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "sunshine", "Trustno1" })
    void aPasswordChangeRefusesACommonPassword(String password) {
        String token = Accounts.tokenFor(Accounts.uniqueName("change"));

        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("currentPassword", Accounts.PASSWORD, "newPassword", password))
                .post("/api/password").then()
                .statusCode(400)
                .body("message", equalTo("This password is too common; choose another"));
        // The token still works: nothing was changed or revoked.
        given().auth().oauth2(token).get("/api/me").then().statusCode(200);
    }
}
