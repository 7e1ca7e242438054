package io.chatterbox.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.restassured.RestAssured.given;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.BoundingBox;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** The chat page in a real headless Chromium against the running application. */
@QuarkusTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ChatPageBrowserTest extends BrowserTestBase {

    private static final Path SCREENSHOT = Path.of("target", "screenshots", "chat.png");

    @Test
    @Order(1) // first, so on a fresh database the screenshot shows only this conversation
    void twoUsersChatWithMineRightInBlueAndTheirsLeftInGray() throws Exception {
        try (BrowserContext aliceContext = newContext(1000, 700); BrowserContext bobContext = newContext(1000, 700)) {
            String alice = uniqueName("alice");
            String bob = uniqueName("bob");
            ChatPage alicePage = signUp(aliceContext, alice);
            ChatPage bobPage = signUp(bobContext, bob);
            assertThat(alicePage.member(bob)).hasAttribute("data-online", "true");

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

            // For the screenshot: two more rooms and a direct conversation, with news waiting in each.
            String aliceToken = alicePage.token();
            String bobToken = bobPage.token();
            String design = createOrRename(aliceToken, "design", "Mockups, reviews and the style guide");
            String random = createOrRename(aliceToken, "random", "Anything goes");
            join(bobToken, design);
            join(bobToken, random);
            sendOverSocket(bobToken, design, List.of("New mockups are up", "Feedback welcome by Friday"));
            sendOverSocket(bobToken, random, List.of("Lunch at noon?"));
            sendOverSocket(bobToken, dmWith(bobToken, alice), List.of("Got a minute after the release?"));
            assertThat(alicePage.unreadBadge(alicePage.roomItem(design))).hasText("2");
            assertThat(alicePage.unreadBadge(alicePage.roomItem(random))).hasText("1");
            assertThat(alicePage.unreadBadge(alicePage.dmItem(bob))).hasText("1");
            assertThat(alicePage.unreadBadge(alicePage.roomItem("general"))).isHidden();

            Files.createDirectories(SCREENSHOT.getParent());
            alicePage.page().screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOT));
        }
    }

    @Test
    void aMemberWhoArrivesAndLeavesIsShownOnlineThenOffline() {
        try (BrowserContext aliceContext = newContext(1000, 700)) {
            ChatPage alicePage = signUp(aliceContext, uniqueName("alice"));
            String room = createPublicRoom(alicePage.token(), uniqueRoom("standup"));
            alicePage.openRoom(room);
            String dan = uniqueName("dan");
            try (BrowserContext danContext = newContext(1000, 700)) {
                join(signUp(danContext, dan).token(), room);
                assertThat(alicePage.member(dan)).hasAttribute("data-online", "true");
            }
            assertThat(alicePage.member(dan)).hasAttribute("data-online", "false");
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
            // Attachment images (other tests send some to general) carry a test id; an injected one would not.
            assertThat(page.byTestId("message-list").locator("img:not([data-testid]), b")).hasCount(0);
            Assertions.assertThat(page.page().evaluate("typeof window.__xss")).isEqualTo("undefined");
            assertNoCspViolations(page);
        }
    }

    /** Right-to-left text keeps its own direction and cannot reorder what surrounds it (a name, the bubble). */
    @Test
    void rightToLeftTextIsShownIsolatedInItsOwnDirection() {
        try (BrowserContext context = newContext(1000, 700)) {
            String erin = uniqueName("erin");
            ChatPage page = signUp(context, erin);
            String hebrew = "שלום לכולם " + erin;
            page.send(hebrew);

            Locator text = page.message(erin).getByTestId("message-text");
            assertThat(text).hasAttribute("dir", "auto");
            Assertions.assertThat(text.evaluate("node => getComputedStyle(node).direction")).isEqualTo("rtl");
            Assertions.assertThat(text.evaluate("node => getComputedStyle(node).unicodeBidi")).isEqualTo("isolate");
            Locator sender = page.message(erin).getByTestId("message-sender");
            Assertions.assertThat(sender.evaluate("node => getComputedStyle(node).direction")).isEqualTo("ltr");
            Assertions.assertThat(sender.evaluate("node => getComputedStyle(node).unicodeBidi")).isEqualTo("isolate");
            assertThat(page.byTestId("room-name")).hasAttribute("dir", "auto");
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

            Assertions.assertThat(spy.awaitReconnectUrl()).endsWith("/ws?v=2&since=" + lastSeenId);
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
            // The room list hides behind the ☰ button; Escape closes it again.
            assertThat(page.byTestId("sidebar")).isHidden();
            page.byTestId("sidebar-toggle").click();
            assertThat(page.roomItem("general")).isVisible();
            Assertions.assertThat(page.page().evaluate("document.documentElement.scrollWidth")).isEqualTo(360);
            page.page().keyboard().press("Escape");
            assertThat(page.byTestId("sidebar")).isHidden();
            assertThat(page.byTestId("sidebar-toggle")).isFocused();
            assertNoCspViolations(page);
        }
    }

    /** Calls the REST API directly and returns the server's message, to compare with what the page shows. */
    private static String post(String path, String username, String password, int expectedStatus) {
        return given().contentType(ContentType.JSON).body(Map.of("username", username, "password", password))
                .when().post(path)
                .then().statusCode(expectedStatus)
                .extract().path("message");
    }

    /** Creates a public room with this name, or (on a database that has one already) a uniquely named one. */
    private static String createOrRename(String token, String name, String topic) {
        int status = createRoom(token, name, topic, false).extract().statusCode();
        if (status == 201) {
            return name;
        }
        String unique = uniqueRoom(name);
        createRoom(token, unique, topic, false).statusCode(201);
        return unique;
    }
}
