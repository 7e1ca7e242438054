package io.chatterbox.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import io.quarkus.test.junit.QuarkusTest;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

/** The outbox: what is written offline waits, visibly, and goes out once; what the server refuses can be retried. */
@QuarkusTest
class OutboxPageBrowserTest extends BrowserTestBase {

    @Test
    void messagesWrittenOfflineAreSentOnceWhenTheConnectionIsBack() {
        try (BrowserContext aliceContext = newContext(); BrowserContext bobContext = newContext()) {
            SocketSpy.install(aliceContext);
            String alice = uniqueName("alice");
            ChatPage alicePage = signUp(aliceContext, alice);
            ChatPage bobPage = signUp(bobContext, uniqueName("bob"));
            String room = createPublicRoom(alicePage.token(), uniqueRoom("outbox"));
            join(bobPage.token(), room);
            alicePage.openRoom(room);
            bobPage.openRoom(room);
            String before = "Before the tunnel " + room;
            alicePage.send(before);
            assertThat(bobPage.message(before)).isVisible();
            SocketSpy spy = SocketSpy.on(alicePage.page());

            spy.goOffline();
            assertThat(alicePage.byTestId("connection-state")).hasAttribute("data-state", "reconnecting");
            String first = "Written in the tunnel " + room;
            String second = "Still in the tunnel " + room;
            alicePage.send(first);
            alicePage.send(second);
            Locator waiting = alicePage.page().locator(".message--pending");
            assertThat(waiting).hasCount(2);
            assertThat(waiting.filter(new Locator.FilterOptions().setHasText(first)).getByTestId("message-status"))
                    .hasText("Waiting for connection…");
            assertThat(alicePage.byTestId("composer-hint")).containsText("Offline");

            spy.goOnline();
            alicePage.assertOnline(alice);
            assertThat(waiting).hasCount(0);
            assertThat(alicePage.message(first)).hasCount(1);
            assertThat(alicePage.message(second)).hasCount(1);
            assertThat(bobPage.message(first)).hasCount(1);
            assertThat(bobPage.message(second)).hasCount(1);
            Assertions.assertThat(Long.parseLong(bobPage.message(first).getAttribute("data-id")))
                    .as("sent in the order written").isLessThan(Long.parseLong(bobPage.message(second).getAttribute("data-id")));
            // One more round trip: no late second copy of either turns up.
            String after = "Out of the tunnel " + room;
            alicePage.sendAndAwaitAck(after);
            assertThat(bobPage.message(after)).isVisible();
            assertThat(bobPage.message(first)).hasCount(1);
            assertThat(alicePage.message(first)).hasCount(1);
            assertNoCspViolations(alicePage, bobPage);
        }
    }

    @Test
    void aRefusedMessageIsMarkedWithTheReasonAndCanBeRetriedOrDiscarded() {
        try (BrowserContext aliceContext = newContext(); BrowserContext bobContext = newContext()) {
            SocketSpy.install(aliceContext);
            ChatPage alicePage = signUp(aliceContext, uniqueName("alice"));
            ChatPage bobPage = signUp(bobContext, uniqueName("bob"));
            String room = createPublicRoom(alicePage.token(), uniqueRoom("refused"));
            join(bobPage.token(), room);
            alicePage.openRoom(room);
            bobPage.openRoom(room);
            SocketSpy spy = SocketSpy.on(alicePage.page());

            spy.misrouteMessages(true);
            String retried = "Try me again " + room;
            String dropped = "Forget me " + room;
            alicePage.send(retried);
            alicePage.send(dropped);
            Locator failed = alicePage.page().locator(".message--failed");
            assertThat(failed).hasCount(2);
            Locator retriedBubble = failed.filter(new Locator.FilterOptions().setHasText(retried));
            assertThat(retriedBubble.getByTestId("message-status")).hasText("Not sent");
            assertThat(retriedBubble.getByTestId("message-error")).containsText("no_such_room");
            spy.misrouteMessages(false);

            retriedBubble.getByTestId("retry-message").click();
            assertThat(alicePage.message(retried)).hasCount(1);
            assertThat(bobPage.message(retried)).hasCount(1);
            Locator droppedBubble = failed.filter(new Locator.FilterOptions().setHasText(dropped));
            droppedBubble.getByTestId("discard-message").press("Enter"); // keyboard works too
            assertThat(alicePage.page().locator(".message--failed, .message--pending")).hasCount(0);
            assertThat(alicePage.page().getByText(dropped)).hasCount(0);
            String check = "Nothing else arrived " + room;
            alicePage.sendAndAwaitAck(check);
            assertThat(bobPage.message(check)).isVisible();
            assertThat(bobPage.message(dropped)).hasCount(0);
            assertThat(bobPage.message(retried)).hasCount(1);
            assertNoCspViolations(alicePage, bobPage);
        }
    }
}
