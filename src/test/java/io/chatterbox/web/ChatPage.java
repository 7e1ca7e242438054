package io.chatterbox.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import io.chatterbox.support.Accounts;
import java.net.URL;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assertj.core.api.Assertions;

/** Drives the chat page in one browser context through the controls a person would use. */
final class ChatPage {

    private static final Pattern RGB = Pattern.compile("rgba?\\((\\d+), (\\d+), (\\d+)");

    private final Page page;

    private ChatPage(Page page) {
        this.page = page;
    }

    static ChatPage open(BrowserContext context, URL baseUrl) {
        Page page = context.newPage();
        page.navigate(baseUrl.toString());
        return new ChatPage(page);
    }

    Page page() {
        return page;
    }

    Locator byTestId(String testId) {
        return page.getByTestId(testId);
    }

    void register(String username, String password) {
        byTestId("show-register").click();
        byTestId("register-username").fill(username);
        byTestId("register-password").fill(password);
        byTestId("register-submit").click();
    }

    void login(String username, String password) {
        byTestId("login-username").fill(username);
        byTestId("login-password").fill(password);
        byTestId("login-submit").click();
    }

    /** Waits until the chat view shows this user with a live connection and a room open. */
    void assertOnline(String username) {
        assertThat(byTestId("chat-view")).isVisible();
        assertThat(byTestId("current-user")).hasText(username);
        assertThat(byTestId("connection-state")).hasAttribute("data-state", "online");
        assertThat(byTestId("send-button")).isEnabled();
        // The socket opens before its first frames arrive; a room is shown once the server sent the room list.
        assertThat(byTestId("room-name")).hasText(Pattern.compile(".+"));
    }

    /** Types like a person: Shift+Enter between lines, Enter to send. */
    void send(String text) {
        Locator input = byTestId("composer-input");
        List<String> lines = text.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            if (i > 0) {
                input.press("Shift+Enter");
            }
            input.pressSequentially(lines.get(i));
        }
        input.press("Enter");
    }

    /** Sends, then waits until the server has acknowledged every message this page sent. */
    void sendAndAwaitAck(String text) {
        send(text);
        assertThat(page.locator(".message--pending")).hasCount(0);
    }

    /** The access token the page signed in with (from its storage), noted for the log-hygiene check. */
    String token() {
        String token = (String) page.evaluate("() => localStorage.getItem('chatterbox.token')");
        Accounts.remember(token);
        return token;
    }

    /** A room or DM entry in the sidebar, by room id (for rooms the id is the name). */
    Locator roomItem(String room) {
        return page.locator("[data-testid=room-item][data-room=\"" + room + "\"]");
    }

    /** The direct conversation with this person in the sidebar. */
    Locator dmItem(String username) {
        return byTestId("dm-list").locator("[data-testid=room-item][data-name=\"" + username + "\"]");
    }

    Locator unreadBadge(Locator item) {
        return item.getByTestId("unread-badge");
    }

    /** Opens a room from the sidebar and waits until it is the one shown. */
    void openRoom(String room) {
        roomItem(room).click();
        assertThat(roomItem(room)).hasAttribute("aria-current", "page");
        assertThat(page.locator(".messages__room[data-room=\"" + room + "\"]")).isVisible();
    }

    /** Creates a room through the dialog; the page opens it. */
    void createRoom(String name, String topic, boolean isPrivate) {
        fillCreateRoom(name, topic, isPrivate);
        assertThat(byTestId("create-room-dialog")).isHidden();
        assertThat(byTestId("room-name")).hasText("#" + name);
    }

    void fillCreateRoom(String name, String topic, boolean isPrivate) {
        byTestId("create-room").click();
        assertThat(byTestId("create-room-dialog")).isVisible();
        byTestId("create-room-name").fill(name);
        byTestId("create-room-topic").fill(topic);
        byTestId("create-room-private").setChecked(isPrivate);
        byTestId("create-room-submit").click();
    }

    /** Starts a direct conversation through the dialog; the page opens it. */
    void startDm(String username) {
        byTestId("start-dm").click();
        byTestId("dm-username").fill(username);
        byTestId("dm-username").press("Enter");
        assertThat(byTestId("dm-dialog")).isHidden();
        assertThat(byTestId("room-name")).hasText("@" + username);
    }

    /** A member in the member list of the open room. */
    Locator member(String username) {
        return byTestId("member-list").locator("[data-testid=member][data-username=\"" + username + "\"]");
    }

    /** The messages shown for the open room, stored ones only. */
    Locator shownMessages() {
        return page.locator(".messages__room:not([hidden]) [data-testid=message][data-id]");
    }

    Locator messageById(String id) {
        return page.locator("[data-testid=message][data-id=\"" + id + "\"]");
    }

    /** A message the server has confirmed (it carries an id), found by a unique part of its text. */
    Locator message(String uniqueText) {
        return page.locator("[data-testid=message][data-id]").filter(new Locator.FilterOptions().setHasText(uniqueText));
    }

    private Locator bubble(String uniqueText) {
        return message(uniqueText).locator(".message__bubble");
    }

    /** My bubble: against the right edge of the list, with a blue background. */
    void assertMine(String uniqueText) {
        Map<String, Object> placement = placement(uniqueText);
        Assertions.assertThat(number(placement, "rightGap")).as("my bubble hugs the right edge: %s", placement)
                .isLessThan(48).isLessThan(number(placement, "leftGap") - 100);
        int[] rgb = rgb(placement);
        Assertions.assertThat(rgb[2]).as("my bubble is blue: %s", placement).isGreaterThan(Math.max(rgb[0], rgb[1]) + 80);
    }

    /** Someone else's bubble: against the left edge, with a gray (near-equal channels, not white) background. */
    void assertTheirs(String uniqueText) {
        Map<String, Object> placement = placement(uniqueText);
        Assertions.assertThat(number(placement, "leftGap")).as("their bubble hugs the left edge: %s", placement)
                .isLessThan(48).isLessThan(number(placement, "rightGap") - 100);
        int[] rgb = rgb(placement);
        int spread = Math.max(rgb[0], Math.max(rgb[1], rgb[2])) - Math.min(rgb[0], Math.min(rgb[1], rgb[2]));
        Assertions.assertThat(spread).as("their bubble is gray: %s", placement).isLessThanOrEqualTo(16);
        Assertions.assertThat(rgb[0]).as("their bubble is visibly gray, not white: %s", placement).isBetween(40, 245);
    }

    /** Where a bubble sits inside the message list, and its computed background colour. */
    @SuppressWarnings("unchecked")
    private Map<String, Object> placement(String uniqueText) {
        return (Map<String, Object>) bubble(uniqueText).evaluate("""
                bubble => {
                  const list = bubble.closest('[data-testid=message-list]').getBoundingClientRect();
                  const box = bubble.getBoundingClientRect();
                  return {
                    leftGap: box.left - list.left,
                    rightGap: list.right - box.right,
                    background: getComputedStyle(bubble).backgroundColor
                  };
                }""");
    }

    private static double number(Map<String, Object> placement, String key) {
        return ((Number) placement.get(key)).doubleValue();
    }

    private static int[] rgb(Map<String, Object> placement) {
        Matcher matcher = RGB.matcher(String.valueOf(placement.get("background")));
        Assertions.assertThat(matcher.find()).as("an rgb() background: %s", placement).isTrue();
        return new int[] {Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2)),
                Integer.parseInt(matcher.group(3))};
    }
}
