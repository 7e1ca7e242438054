package io.chatterbox.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.restassured.RestAssured.given;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.BoundingBox;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** The chat page in a real headless Chromium against the running application. */
@QuarkusTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ChatPageBrowserTest {

    private static final String PASSWORD = "correct-horse-42";
    private static final Path SCREENSHOT = Path.of("target", "screenshots", "chat.png");

    private static Playwright playwright;
    private static Browser browser;

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
        }
        if (playwright != null) {
            playwright.close();
        }
    }

    @Test
    @Order(1) // first, so on a fresh database the screenshot shows only this conversation
    void twoUsersChatWithMineRightInBlueAndTheirsLeftInGray() throws Exception {
        try (BrowserContext aliceContext = newContext(1000, 700); BrowserContext bobContext = newContext(1000, 700)) {
            String alice = uniqueName("alice");
            String bob = uniqueName("bob");
            ChatPage alicePage = signUp(aliceContext, alice);
            ChatPage bobPage = signUp(bobContext, bob);
            assertThat(alicePage.byTestId("online-list")).containsText(bob);

            String question = "Hi " + bob + "! Did the deploy go through?";
            String answerKey = "Rolling out now, " + alice;
            String answer = "Yes, all green.\n" + answerKey;
            String thanks = "Great, thanks " + bob + "!";
            alicePage.send(question);
            assertThat(bobPage.message(question)).isVisible();
            bobPage.send(answer);
            assertThat(alicePage.message(answerKey)).isVisible();
            // Small talk for the screenshot; each waits for its acknowledgement, so the order is fixed.
            alicePage.sendAndAwaitAck("Nice. Anything odd in the logs?");
            bobPage.sendAndAwaitAck("Nothing so far. Latency is flat and the error rate is zero.");
            alicePage.sendAndAwaitAck("Then let's open it to everyone after lunch.");
            bobPage.sendAndAwaitAck("Sounds good. I'll post the release notes.");
            alicePage.send(thanks);
            assertThat(bobPage.message(thanks)).isVisible();

            assertThat(alicePage.message(question).getByTestId("message-sender")).hasText(alice);
            assertThat(alicePage.message(answerKey).getByTestId("message-sender")).hasText(bob);
            assertThat(alicePage.message(answerKey).getByTestId("message-time")).hasAttribute("datetime", Pattern.compile("^\\d{4}-"));
            assertThat(alicePage.message(answerKey).getByTestId("message-text")).hasJSProperty("textContent", answer);
            assertThat(alicePage.message(answerKey).getByTestId("message-text")).hasCSS("white-space", "pre-wrap");
            alicePage.assertMine(question);
            alicePage.assertTheirs(answerKey);
            bobPage.assertMine(answerKey);
            bobPage.assertTheirs(question);

            assertNoCspViolations(alicePage, bobPage);

            Files.createDirectories(SCREENSHOT.getParent());
            alicePage.page().screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOT));
        }
    }

    @Test
    void reloadKeepsTheSessionAndLogoutReturnsToLogin() {
        try (BrowserContext context = newContext(1000, 700)) {
            String carol = uniqueName("carol");
            ChatPage page = signUp(context, carol);
            page.byTestId("composer-input").press("Enter");
            assertThat(page.byTestId("composer-hint")).hasText("Type a message first.");
            String text = "Still here after a reload " + carol;
            page.send(text);
            assertThat(page.message(text)).isVisible();

            page.page().reload();
            page.assertOnline(carol);
            assertThat(page.message(text)).hasCount(1);
            page.assertMine(text);

            page.byTestId("logout").click();
            assertThat(page.byTestId("login-form")).isVisible();
            assertThat(page.byTestId("chat-view")).isHidden();
            Assertions.assertThat(page.page().evaluate("localStorage.getItem('chatterbox.token')")).isNull();
            page.page().reload();
            assertThat(page.byTestId("login-form")).isVisible();
        }
    }

    @Test
    void htmlInAMessageShowsLiterallyAndNeverRuns() {
        try (BrowserContext context = newContext(1000, 700)) {
            String dave = uniqueName("dave");
            ChatPage page = signUp(context, dave);
            String payload = "<img src=x onerror=\"window.__xss=1\"><b>bold</b> " + dave;
            page.send(payload);

            assertThat(page.message(dave).getByTestId("message-text")).hasJSProperty("textContent", payload);
            assertThat(page.byTestId("message-list").locator("img, b")).hasCount(0);
            Assertions.assertThat(page.page().evaluate("typeof window.__xss")).isEqualTo("undefined");
            assertNoCspViolations(page);
        }
    }

    @Test
    void loginAndRegistrationShowTheServersErrorMessage() {
        String erin = uniqueName("erin");
        String badLogin = post("/login", erin, "wrong-password-1", 401);
        post("/register", erin, PASSWORD, 201);
        String taken = post("/register", erin, PASSWORD, 409);

        try (BrowserContext context = newContext(1000, 700)) {
            ChatPage page = ChatPage.open(context, baseUrl);
            page.login(erin, "wrong-password-1");
            assertThat(page.byTestId("login-error")).hasText(badLogin);
            assertThat(page.byTestId("chat-view")).isHidden();

            page.register(erin, PASSWORD);
            assertThat(page.byTestId("register-error")).hasText(taken);
            assertThat(page.byTestId("chat-view")).isHidden();
        }
    }

    @Test
    void reconnectCatchesUpWithSinceAndShowsNoDuplicates() {
        try (BrowserContext frankContext = newContext(1000, 700); BrowserContext graceContext = newContext(1000, 700)) {
            SocketSpy.install(frankContext);
            String frank = uniqueName("frank");
            ChatPage frankPage = signUp(frankContext, frank);
            ChatPage gracePage = signUp(graceContext, uniqueName("grace"));
            String before = "Before the drop " + frank;
            frankPage.send(before);
            assertThat(frankPage.message(before)).isVisible();
            String lastSeenId = frankPage.message(before).getAttribute("data-id");
            SocketSpy spy = SocketSpy.on(frankPage.page());

            spy.muteFirstSocket();
            String missed = "Sent while frank was away " + frank;
            gracePage.send(missed);
            assertThat(gracePage.message(missed)).isVisible();
            String unacknowledged = "Stored, but the echo was lost " + frank;
            frankPage.send(unacknowledged);
            assertThat(gracePage.message(unacknowledged)).isVisible();
            spy.dropSendsOnFirstSocket();
            String unsent = "Never reached the server " + frank;
            frankPage.send(unsent);
            assertThat(frankPage.byTestId("message-list").locator(".message--pending")).hasCount(2);
            spy.closeFirstSocket();

            Assertions.assertThat(spy.awaitReconnectUrl()).endsWith("/ws?since=" + lastSeenId);
            frankPage.assertOnline(frank);
            assertThat(frankPage.message(missed)).hasCount(1);
            assertThat(frankPage.message(before)).hasCount(1);
            // Pending messages are re-sent with their clientId: each is stored and shown exactly once.
            assertThat(frankPage.message(unacknowledged)).hasCount(1);
            assertThat(frankPage.message(unsent)).hasCount(1);
            assertThat(gracePage.message(unsent)).hasCount(1);
            assertThat(gracePage.message(unacknowledged)).hasCount(1);
            assertThat(frankPage.byTestId("message-list").locator(".message--pending")).hasCount(0);
            Assertions.assertThat(frankPage.page().evaluate("""
                    () => { const ids = [...document.querySelectorAll('[data-testid=message][data-id]')].map(m => m.dataset.id);
                            return ids.length === new Set(ids).size; }""")).isEqualTo(true);
        }
    }

    @Test
    void phoneLayoutFitsA360PixelScreen() {
        try (BrowserContext context = newContext(360, 740)) {
            String heidi = uniqueName("heidi");
            ChatPage page = signUp(context, heidi);
            page.send("Hello from a phone " + heidi);

            assertThat(page.message(heidi)).isVisible();
            assertThat(page.byTestId("online-panel")).hasJSProperty("open", false);
            BoundingBox people = page.byTestId("online-panel").boundingBox();
            BoundingBox messages = page.byTestId("message-list").boundingBox();
            Assertions.assertThat(people.y + people.height).as("online list moves above the messages").isLessThanOrEqualTo(messages.y);
            Assertions.assertThat(messages.width).as("messages use the full width").isGreaterThanOrEqualTo(340);
            assertThat(page.byTestId("composer-input")).isInViewport();
            assertThat(page.byTestId("logout")).isInViewport();
            Assertions.assertThat(page.page().evaluate("document.documentElement.scrollWidth")).isEqualTo(360);
            assertNoCspViolations(page);
        }
    }

    private BrowserContext newContext(int width, int height) {
        BrowserContext context = browser.newContext(new Browser.NewContextOptions()
                .setViewportSize(width, height).setLocale("en-US"));
        StrictCsp.recordViolations(context);
        return context;
    }

    private static void assertNoCspViolations(ChatPage... pages) {
        for (ChatPage page : pages) {
            Assertions.assertThat(StrictCsp.violations(page.page())).as("CSP violations").isEmpty();
            Assertions.assertThat(StrictCsp.isEnforced(page.page())).as("a strict CSP is in force").isTrue();
        }
    }

    private ChatPage signUp(BrowserContext context, String username) {
        ChatPage page = ChatPage.open(context, baseUrl);
        page.register(username, PASSWORD);
        page.assertOnline(username);
        return page;
    }

    /** Calls the REST API directly and returns the server's message, to compare with what the page shows. */
    private static String post(String path, String username, String password, int expectedStatus) {
        return given().contentType(ContentType.JSON).body(Map.of("username", username, "password", password))
                .when().post(path)
                .then().statusCode(expectedStatus)
                .extract().path("message");
    }

    private static String uniqueName(String prefix) {
        return prefix + "_" + UUID.randomUUID().toString().substring(0, 8);
    }
}
