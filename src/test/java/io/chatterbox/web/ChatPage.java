package io.chatterbox.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import java.net.URL;
import java.util.List;
import java.util.Map;

/** Drives the chat page in one browser context through the controls a person would use. */
final class ChatPage {

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

    /** Waits until the chat view shows this user with a live connection. */
    void assertOnline(String username) {
        assertThat(byTestId("chat-view")).isVisible();
        assertThat(byTestId("current-user")).hasText(username);
        assertThat(byTestId("connection-state")).hasAttribute("data-state", "online");
        assertThat(byTestId("send-button")).isEnabled();
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

    /** A message the server has confirmed (it carries an id), found by a unique part of its text. */
    Locator message(String uniqueText) {
        return page.locator("[data-testid=message][data-id]").filter(new Locator.FilterOptions().setHasText(uniqueText));
    }

    Locator bubble(String uniqueText) {
        return message(uniqueText).locator(".message__bubble");
    }

    /** Where a bubble sits inside the message list, and its computed background colour. */
    @SuppressWarnings("unchecked")
    Map<String, Object> placement(String uniqueText) {
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
}
