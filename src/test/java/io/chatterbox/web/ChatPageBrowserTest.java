package io.chatterbox.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.restassured.RestAssured.given;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The chat page in a real headless Chromium against the running application. */
@QuarkusTest
class ChatPageBrowserTest {

    private static final String PASSWORD = "correct-horse-42";
    private static final Path SCREENSHOT = Path.of("target", "screenshots", "chat.png");
    private static final Pattern RGB = Pattern.compile("rgba?\\((\\d+), (\\d+), (\\d+)");

    /**
     * Test-only instrumentation, injected before the page's scripts: records every WebSocket the page opens,
     * can mute one (frames lost on a dying link) and can deliver each frame of the next socket twice.
     */
    private static final String SOCKET_SPY = """
            (() => {
              const spy = { sockets: [], doubleNext: false };
              window.__spy = spy;
              const NativeWebSocket = window.WebSocket;
              window.WebSocket = class extends NativeWebSocket {
                constructor(url, protocols) {
                  super(url, protocols);
                  spy.sockets.push(this);
                  const doubled = spy.sockets.length > 1 && spy.doubleNext;
                  // Registered before the page's own listener, so it runs first.
                  this.addEventListener('message', (event) => {
                    if (this.muted) event.stopImmediatePropagation();
                    else if (doubled && event.isTrusted) this.dispatchEvent(new MessageEvent('message', { data: event.data }));
                  });
                }
              };
            })();
            """;

    private static Playwright playwright;
    private static Browser browser;

    @TestHTTPResource("/")
    URL baseUrl;

    @BeforeAll
    static void launchBrowser() {
        SystemChromium.assumeInstalled();
        PlaywrightAssertions.setDefaultAssertionTimeout(10_000);
        playwright = SystemChromium.createPlaywright();
        browser = SystemChromium.launch(playwright);
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
            alicePage.send(thanks);
            assertThat(bobPage.message(thanks)).isVisible();

            assertThat(alicePage.message(question).getByTestId("message-sender")).hasText(alice);
            assertThat(alicePage.message(answerKey).getByTestId("message-sender")).hasText(bob);
            assertThat(alicePage.message(answerKey).getByTestId("message-time")).hasAttribute("datetime", Pattern.compile("^\\d{4}-"));
            assertThat(alicePage.message(answerKey).getByTestId("message-text")).hasJSProperty("textContent", answer);
            assertThat(alicePage.message(answerKey).getByTestId("message-text")).hasCSS("white-space", "pre-wrap");
            assertMine(alicePage, question);
            assertTheirs(alicePage, answerKey);
            assertMine(bobPage, answerKey);
            assertTheirs(bobPage, question);

            Files.createDirectories(SCREENSHOT.getParent());
            alicePage.page().screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOT));
        }
    }

    @Test
    void reloadKeepsTheSessionAndLogoutReturnsToLogin() {
        try (BrowserContext context = newContext(1000, 700)) {
            String carol = uniqueName("carol");
            ChatPage page = signUp(context, carol);
            String text = "Still here after a reload " + carol;
            page.send(text);
            assertThat(page.message(text)).isVisible();

            page.page().reload();
            page.assertOnline(carol);
            assertThat(page.message(text)).hasCount(1);
            assertMine(page, text);

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
            frankContext.addInitScript(SOCKET_SPY);
            String frank = uniqueName("frank");
            ChatPage frankPage = signUp(frankContext, frank);
            ChatPage gracePage = signUp(graceContext, uniqueName("grace"));
            String before = "Before the drop " + frank;
            frankPage.send(before);
            assertThat(frankPage.message(before)).isVisible();
            String lastSeenId = frankPage.message(before).getAttribute("data-id");

            frankPage.page().evaluate("() => { window.__spy.sockets[0].muted = true; window.__spy.doubleNext = true; }");
            String missed = "Sent while frank was away " + frank;
            gracePage.send(missed);
            assertThat(gracePage.message(missed)).isVisible();
            frankPage.page().evaluate("() => window.__spy.sockets[0].close()");

            frankPage.page().waitForFunction("() => window.__spy.sockets.length === 2");
            Assertions.assertThat(frankPage.page().evaluate("() => window.__spy.sockets[1].url"))
                    .asString().endsWith("/ws?since=" + lastSeenId);
            frankPage.assertOnline(frank);
            assertThat(frankPage.message(missed)).hasCount(1);
            assertThat(frankPage.message(before)).hasCount(1);
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
            assertThat(page.byTestId("composer-input")).isInViewport();
            assertThat(page.byTestId("logout")).isInViewport();
            Assertions.assertThat(page.page().evaluate("document.documentElement.scrollWidth")).isEqualTo(360);
        }
    }

    private BrowserContext newContext(int width, int height) {
        return browser.newContext(new Browser.NewContextOptions().setViewportSize(width, height).setLocale("en-US"));
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

    private static void assertMine(ChatPage page, String text) {
        Map<String, Object> placement = page.placement(text);
        Assertions.assertThat(gap(placement, "rightGap")).as("my bubble hugs the right edge").isLessThan(48)
                .isLessThan(gap(placement, "leftGap") - 100);
        int[] rgb = rgb(placement);
        Assertions.assertThat(rgb[2]).as("my bubble is blue: %s", placement).isGreaterThan(Math.max(rgb[0], rgb[1]) + 80);
    }

    private static void assertTheirs(ChatPage page, String text) {
        Map<String, Object> placement = page.placement(text);
        Assertions.assertThat(gap(placement, "leftGap")).as("their bubble hugs the left edge").isLessThan(48)
                .isLessThan(gap(placement, "rightGap") - 100);
        int[] rgb = rgb(placement);
        int spread = Math.max(rgb[0], Math.max(rgb[1], rgb[2])) - Math.min(rgb[0], Math.min(rgb[1], rgb[2]));
        Assertions.assertThat(spread).as("their bubble is gray: %s", placement).isLessThanOrEqualTo(16);
        Assertions.assertThat(rgb[0]).as("their bubble is visibly gray, not white: %s", placement).isBetween(40, 245);
    }

    private static double gap(Map<String, Object> placement, String key) {
        return ((Number) placement.get(key)).doubleValue();
    }

    private static int[] rgb(Map<String, Object> placement) {
        Matcher matcher = RGB.matcher(String.valueOf(placement.get("background")));
        Assertions.assertThat(matcher.find()).as("an rgb() background: %s", placement).isTrue();
        return new int[] {Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2)),
                Integer.parseInt(matcher.group(3))};
    }
}
