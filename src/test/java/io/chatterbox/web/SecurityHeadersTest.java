package io.chatterbox.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** The page and the API go out with a strict CSP and the usual hardening headers. */
@QuarkusTest
class SecurityHeadersTest {

    @Test
    void thePageForbidsInlineScriptFramingAndPlugins() {
        given().get("/").then()
                .statusCode(200)
                .header("Content-Security-Policy", containsString("default-src 'self'"))
                .header("Content-Security-Policy", containsString("script-src 'self'"))
                .header("Content-Security-Policy", not(containsString("unsafe-inline")))
                .header("Content-Security-Policy", containsString("object-src 'none'"))
                .header("Content-Security-Policy", containsString("base-uri 'none'"))
                .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                .header("X-Content-Type-Options", equalTo("nosniff"))
                .header("Referrer-Policy", equalTo("no-referrer"))
                .header("X-Frame-Options", equalTo("DENY"));
    }

    @Test
    void apiAnswersCarryTheHeadersToo() {
        given().contentType("application/json").body("{}").post("/login").then()
                .statusCode(401)
                .header("X-Content-Type-Options", equalTo("nosniff"))
                .header("Content-Security-Policy", containsString("default-src 'self'"));
    }

    @Test
    void thePageHasNoInlineScript() {
        String html = given().get("/").then().statusCode(200).extract().asString();
        org.assertj.core.api.Assertions.assertThat(html)
                .doesNotContainPattern("<script(?![^>]*\\bsrc=)[^>]*>")
                .doesNotContainPattern("\\son[a-z]+\\s*=")
                .doesNotContain("javascript:");
    }
}
