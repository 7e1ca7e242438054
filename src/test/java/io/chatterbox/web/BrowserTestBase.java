package io.chatterbox.web;

import static io.restassured.RestAssured.given;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import io.chatterbox.support.Accounts;
import io.chatterbox.support.SocketClient;
import io.quarkus.test.common.http.TestHTTPResource;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * What every browser test class shares: one headless Chromium per class (skipped, or failed when required, without
 * it), fresh contexts, sign-up through the page, the CSP check, and a few REST and socket shortcuts for setting up
 * rooms and messages that a test is not about.
 */
abstract class BrowserTestBase {

    static final String PASSWORD = "correct-horse-42";

    static Playwright playwright;
    static Browser browser;

    @TestHTTPResource("/")
    URL baseUrl;

    @BeforeAll
    static void launchBrowser() {
        if (!SystemChromium.isInstalled()) {
            return; // each test then reports itself skipped (or failed) in requireBrowser()
        }
        PlaywrightAssertions.setDefaultAssertionTimeout(15_000); // generous: CI machines can be busy
        playwright = SystemChromium.createPlaywright();
        browser = SystemChromium.launch(playwright);
    }

    @BeforeEach
    void requireBrowser() {
        SystemChromium.assumeInstalled();
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.close();
            browser = null;
        }
        if (playwright != null) {
            playwright.close();
            playwright = null;
        }
    }

    BrowserContext newContext(int width, int height) {
        BrowserContext context = browser.newContext(new Browser.NewContextOptions()
                .setViewportSize(width, height).setLocale("en-US"));
        StrictCsp.recordViolations(context);
        return context;
    }

    BrowserContext newContext() {
        return newContext(1000, 700);
    }

    ChatPage signUp(BrowserContext context, String username) {
        ChatPage page = ChatPage.open(context, baseUrl);
        Accounts.remember(PASSWORD);
        page.register(username, PASSWORD);
        page.assertOnline(username);
        return page;
    }

    static void assertNoCspViolations(ChatPage... pages) {
        for (ChatPage page : pages) {
            Assertions.assertThat(StrictCsp.violations(page.page())).as("CSP violations").isEmpty();
            Assertions.assertThat(StrictCsp.isEnforced(page.page())).as("a strict CSP is in force").isTrue();
        }
    }

    static String uniqueName(String prefix) {
        return prefix + "_" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A valid room name no other test uses (lower case, at most 32 characters). */
    static String uniqueRoom(String prefix) {
        return uniqueName(prefix).toLowerCase(Locale.ROOT);
    }

    /** Twelve random letters: a word no other stored message contains, for search. */
    static String uniqueWord() {
        StringBuilder word = new StringBuilder("zq");
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 0; i < 10; i++) {
            word.append((char) ('a' + random.nextInt(26)));
        }
        return word.toString();
    }

    // ---- REST shortcuts (docs/protocol.md section 4.2), for set-up that a test is not about ----

    static RequestSpecification as(String token) {
        return given().header("Authorization", "Bearer " + token);
    }

    static ValidatableResponse createRoom(String token, String name, String topic, boolean isPrivate) {
        Map<String, Object> body = topic == null ? Map.of("name", name, "private", isPrivate)
                : Map.of("name", name, "topic", topic, "private", isPrivate);
        return as(token).contentType(ContentType.JSON).body(body).post("/api/rooms").then();
    }

    /** Creates a public room (201) and returns its id. */
    static String createPublicRoom(String token, String name) {
        return createRoom(token, name, null, false).statusCode(201).extract().path("room");
    }

    static void join(String token, String room) {
        as(token).pathParam("room", room).post("/api/rooms/{room}/join").then().statusCode(200);
    }

    /** The id of the direct conversation with {@code username}. */
    static String dmWith(String token, String username) {
        return as(token).contentType(ContentType.JSON).body(Map.of("username", username)).post("/api/dms")
                .then().statusCode(200).extract().path("room");
    }

    // ---- socket shortcut: many messages at once ----

    URI baseUri() {
        try {
            return baseUrl.toURI();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Sends the texts to a room over a v2 socket, in order, and waits until the last one is stored. */
    void sendOverSocket(String token, String room, List<String> texts) {
        try (SocketClient client = SocketClient.connect(baseUri(), token, "v=2")) {
            String last = null;
            for (String text : texts) {
                last = UUID.randomUUID().toString();
                client.sendJson(Map.of("type", "message", "room", room, "text", text, "clientId", last));
            }
            String lastClientId = last;
            client.nextMatching(frame -> "message".equals(frame.path("type").asText())
                    && lastClientId.equals(frame.path("clientId").asText()));
        }
    }
}
