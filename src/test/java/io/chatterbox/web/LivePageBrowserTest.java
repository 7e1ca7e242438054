package io.chatterbox.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.assertions.LocatorAssertions;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What happens live in a room while people look at it: typing, unread badges, edits and deletions. */
@QuarkusTest
class LivePageBrowserTest extends BrowserTestBase {

    @Test
    void typingShowsForTheOthersAndEndsByItselfOrWithTheMessage() {
        try (BrowserContext aliceContext = newContext(); BrowserContext bobContext = newContext();
                BrowserContext carolContext = newContext()) {
            String alice = uniqueName("alice");
            String bob = uniqueName("bob");
            ChatPage alicePage = signUp(aliceContext, alice);
            ChatPage bobPage = signUp(bobContext, bob);
            ChatPage carolPage = signUp(carolContext, uniqueName("carol"));
            String room = sharedRoom(alicePage, bobPage, carolPage);
            Locator bobSees = bobPage.byTestId("typing-indicator");

            alicePage.byTestId("composer-input").pressSequentially("I am thinking about");
            assertThat(bobSees).hasText(alice + " is typing…");
            assertThat(alicePage.byTestId("typing-indicator")).hasText(""); // not about myself
            assertThat(bobSees).hasText("", new LocatorAssertions.HasTextOptions().setTimeout(12_000)); // ~6 s

            // Two people typing at once.
            alicePage.byTestId("composer-input").pressSequentially(" it");
            bobPage.byTestId("composer-input").pressSequentially("Me too");
            assertThat(carolPage.byTestId("typing-indicator")).hasText(alice + " and " + bob + " are typing…");

            // A message from alice ends her notice at once, long before the 6 s are up.
            String text = "Done thinking " + room;
            alicePage.byTestId("composer-input").fill(text);
            alicePage.byTestId("composer-input").press("Enter");
            assertThat(carolPage.message(text)).isVisible();
            assertThat(carolPage.byTestId("typing-indicator"))
                    .hasText(bob + " is typing…", new LocatorAssertions.HasTextOptions().setTimeout(2_000));
            assertNoCspViolations(alicePage, bobPage, carolPage);
        }
    }

    @Test
    void unreadBadgesCountUpElsewhereAndClearWhenReadInAnyTab() {
        try (BrowserContext aliceContext = newContext(); BrowserContext bobContext = newContext()) {
            ChatPage alicePage = signUp(aliceContext, uniqueName("alice"));
            ChatPage bobPage = signUp(bobContext, uniqueName("bob"));
            String room = sharedRoom(alicePage, bobPage);
            String welcome = "Welcome " + room;
            alicePage.send(welcome);
            assertThat(bobPage.message(welcome)).isVisible(); // bob reads it where he is
            assertThat(bobPage.unreadBadge(bobPage.roomItem(room))).isHidden();
            bobPage.openRoom("general");
            Locator badge = bobPage.unreadBadge(bobPage.roomItem(room));
            assertThat(badge).isHidden();

            alicePage.sendAndAwaitAck("First news " + room);
            assertThat(badge).hasText("1");
            alicePage.sendAndAwaitAck("Second news " + room);
            assertThat(badge).hasText("2");

            // Opening the room shows the divider above the first unread message, and clears the badge.
            bobPage.openRoom(room);
            Locator divider = bobPage.byTestId("unread-divider");
            assertThat(divider).isVisible();
            Object firstUnreadIsNext = divider.evaluate("d => d.nextElementSibling.textContent.includes('First news')");
            org.assertj.core.api.Assertions.assertThat(firstUnreadIsNext).isEqualTo(true);
            assertThat(badge).isHidden();
            assertThat(bobPage.unreadBadge(bobPage.roomItem("general"))).isHidden();

            // A second tab of bob's: both count the next message; reading it in one clears it in the other.
            bobPage.openRoom("general");
            ChatPage secondTab = ChatPage.open(bobContext, baseUrl);
            assertThat(secondTab.roomItem(room)).isVisible();
            assertThat(secondTab.roomItem("general")).hasAttribute("aria-current", "page");
            alicePage.sendAndAwaitAck("Third news " + room);
            Locator otherBadge = secondTab.unreadBadge(secondTab.roomItem(room));
            assertThat(badge).hasText("1");
            assertThat(otherBadge).hasText("1");
            bobPage.openRoom(room);
            assertThat(bobPage.message("Third news")).isVisible();
            assertThat(otherBadge).isHidden();
            assertThat(badge).isHidden();
            assertNoCspViolations(alicePage, bobPage, secondTab);
        }
    }

    @Test
    void editsAndDeletionsReachTheOthersInPlace() {
        try (BrowserContext aliceContext = newContext(); BrowserContext bobContext = newContext()) {
            ChatPage alicePage = signUp(aliceContext, uniqueName("alice"));
            ChatPage bobPage = signUp(bobContext, uniqueName("bob"));
            String room = sharedRoom(alicePage, bobPage);
            String original = "Meeting at 10 " + room;
            String fixed = "Meeting at 11, sorry " + room;
            String doomed = "Wrong room, ignore " + room;
            alicePage.send(original);
            alicePage.send(doomed);
            assertThat(bobPage.message(doomed)).isVisible();
            String originalId = bobPage.message(original).getAttribute("data-id");
            String doomedId = bobPage.message(doomed).getAttribute("data-id");
            assertThat(bobPage.message(original).getByTestId("edit-message")).hasCount(0); // not bob's to edit

            // Edit with the keyboard: focus Edit, Enter, replace the text, Enter saves.
            alicePage.messageById(originalId).getByTestId("edit-message").press("Enter");
            Locator editor = alicePage.messageById(originalId).getByTestId("edit-input");
            assertThat(editor).isFocused();
            editor.fill(fixed);
            editor.press("Enter");
            Locator edited = bobPage.messageById(originalId);
            assertThat(edited.getByTestId("message-text")).hasJSProperty("textContent", fixed);
            assertThat(edited.getByTestId("message-edited")).hasText("edited");
            assertThat(alicePage.messageById(originalId).getByTestId("message-edited")).hasText("edited");

            alicePage.messageById(doomedId).getByTestId("delete-message").click();
            alicePage.byTestId("confirm-ok").click();
            Locator deleted = bobPage.messageById(doomedId);
            assertThat(deleted.getByTestId("message-tombstone")).hasText("message deleted");
            assertThat(deleted).not().containsText("Wrong room");
            assertThat(alicePage.messageById(doomedId).getByTestId("message-tombstone")).hasText("message deleted");
            assertThat(alicePage.messageById(doomedId).getByTestId("edit-message")).hasCount(0);

            // A reload brings back the same: edited text with its marker, the tombstone in place.
            bobPage.page().reload();
            bobPage.openRoom(room);
            assertThat(bobPage.messageById(originalId).getByTestId("message-edited")).hasText("edited");
            assertThat(bobPage.messageById(doomedId).getByTestId("message-tombstone")).hasText("message deleted");
            assertNoCspViolations(alicePage, bobPage);
        }
    }

    /** A public room created by the first page's user over REST and joined by the others; all of them open it. */
    private static String sharedRoom(ChatPage owner, ChatPage... others) {
        String room = createPublicRoom(owner.token(), uniqueRoom("live"));
        for (ChatPage other : others) {
            join(other.token(), room);
        }
        for (ChatPage page : List.of(others)) {
            page.openRoom(room);
        }
        owner.openRoom(room);
        return room;
    }
}
