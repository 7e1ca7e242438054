package io.chatterbox.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import io.quarkus.test.junit.QuarkusTest;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

/** Rooms, private rooms and direct messages through the page's sidebar and dialogs, in a real Chromium. */
@QuarkusTest
class RoomsPageBrowserTest extends BrowserTestBase {

    @Test
    void aPrivateRoomIsSeenAndUsedByItsMembersOnly() {
        try (BrowserContext aliceContext = newContext(); BrowserContext bobContext = newContext();
                BrowserContext carolContext = newContext()) {
            String alice = uniqueName("alice");
            String bob = uniqueName("bob");
            ChatPage alicePage = signUp(aliceContext, alice);
            ChatPage bobPage = signUp(bobContext, bob);
            ChatPage carolPage = signUp(carolContext, uniqueName("carol"));
            String room = uniqueRoom("plans");
            String topic = "Surprise party for " + room;

            alicePage.createRoom(room, topic, true);
            assertThat(alicePage.byTestId("room-topic")).hasText(topic);
            assertThat(alicePage.roomItem(room)).hasAttribute("data-kind", "private");
            assertThat(alicePage.member(alice)).containsText("owner");

            // Invite bob with the keyboard: the dialog opens, takes the name, Enter submits, and it closes.
            alicePage.byTestId("invite-member").click();
            alicePage.byTestId("invite-username").fill(bob);
            alicePage.byTestId("invite-username").press("Enter");
            assertThat(alicePage.byTestId("invite-dialog")).isHidden();
            assertThat(alicePage.member(bob)).isAttached();
            assertThat(bobPage.roomItem(room)).isVisible();

            bobPage.openRoom(room);
            assertThat(bobPage.byTestId("room-topic")).hasText(topic);
            String hello = "Cake or pie? " + room;
            alicePage.send(hello);
            assertThat(bobPage.message(hello)).isVisible();
            String reply = "Both, obviously " + room;
            bobPage.send(reply);
            assertThat(alicePage.message(reply)).isVisible();
            bobPage.assertTheirs(hello);
            bobPage.assertMine(reply);
            assertThat(bobPage.byTestId("invite-member")).isHidden(); // only the owner adds members

            // Carol has her rooms (general) but not this one, not even in the directory or in search.
            assertThat(carolPage.roomItem("general")).isVisible();
            assertThat(carolPage.roomItem(room)).hasCount(0);
            carolPage.byTestId("browse-rooms").click();
            assertThat(carolPage.page().locator("[data-testid=directory-room][data-room=general]")).isVisible();
            assertThat(carolPage.page().locator("[data-testid=directory-room][data-room=\"" + room + "\"]")).hasCount(0);
            carolPage.page().keyboard().press("Escape");
            assertThat(carolPage.byTestId("directory-dialog")).isHidden();
            carolPage.byTestId("search-input").fill("Cake");
            carolPage.byTestId("search-input").press("Enter");
            assertThat(carolPage.byTestId("search-status")).not().hasText("Searching…");
            assertThat(carolPage.byTestId("search-result").filter(new Locator.FilterOptions().setHasText(room))).hasCount(0);

            // The owner removes bob: the room leaves his sidebar.
            alicePage.member(bob).getByTestId("remove-member").click();
            alicePage.byTestId("confirm-ok").click();
            assertThat(bobPage.roomItem(room)).hasCount(0);
            assertThat(bobPage.byTestId("room-name")).hasText("#general");
            assertNoCspViolations(alicePage, bobPage, carolPage);
        }
    }

    @Test
    void aDirectMessageAppearsForTheOtherPersonWithItsFirstMessage() {
        try (BrowserContext aliceContext = newContext(); BrowserContext bobContext = newContext()) {
            String alice = uniqueName("alice");
            String bob = uniqueName("bob");
            ChatPage alicePage = signUp(aliceContext, alice);
            ChatPage bobPage = signUp(bobContext, bob);

            alicePage.startDm(bob);
            assertThat(alicePage.dmItem(bob)).isVisible();
            String first = "Psst, " + bob + ", got a minute?";
            alicePage.sendAndAwaitAck(first);

            Locator conversation = bobPage.dmItem(alice);
            assertThat(conversation).isVisible();
            assertThat(bobPage.unreadBadge(conversation)).hasText("1");
            assertThat(bobPage.roomItem("general")).hasAttribute("aria-current", "page");
            conversation.click();
            assertThat(bobPage.byTestId("room-name")).hasText("@" + alice);
            assertThat(bobPage.message(first)).isVisible();
            assertThat(bobPage.unreadBadge(conversation)).isHidden();
            bobPage.assertTheirs(first);

            String answer = "Sure, " + alice;
            bobPage.send(answer);
            assertThat(alicePage.message(answer)).isVisible();
            alicePage.assertTheirs(answer);
            assertThat(alicePage.dmItem(bob)).hasCount(1);
            assertNoCspViolations(alicePage, bobPage);
        }
    }

    @Test
    void roomTopicsAndDirectMessagesWithHtmlShowLiterallyAndNeverRun() {
        try (BrowserContext aliceContext = newContext(); BrowserContext bobContext = newContext()) {
            String alice = uniqueName("alice");
            String bob = uniqueName("bob");
            ChatPage alicePage = signUp(aliceContext, alice);
            ChatPage bobPage = signUp(bobContext, bob);
            String payload = "<img src=x onerror=\"window.__xss=1\"><b>bold</b><script>window.__xss=2</script>";

            // A name with markup is refused by the server; its 400 message shows, as text.
            String badName = createRoom(alicePage.token(), payload, null, false).statusCode(400).extract().path("message");
            alicePage.fillCreateRoom(payload, "", false);
            assertThat(alicePage.byTestId("create-room-error")).hasText(badName);
            // A name that is taken: the 409 message.
            String room = uniqueRoom("xss");
            createPublicRoom(bobPage.token(), room);
            String taken = createRoom(alicePage.token(), room, null, false).statusCode(409).extract().path("message");
            alicePage.byTestId("create-room-name").fill(room);
            alicePage.byTestId("create-room-submit").click();
            assertThat(alicePage.byTestId("create-room-error")).hasText(taken);

            String topicRoom = uniqueRoom("topic");
            String topic = payload + " " + topicRoom;
            alicePage.byTestId("create-room-name").fill(topicRoom);
            alicePage.byTestId("create-room-topic").fill(topic);
            alicePage.byTestId("create-room-submit").click();
            assertThat(alicePage.byTestId("room-topic")).hasJSProperty("textContent", topic);

            bobPage.byTestId("browse-rooms").click();
            Locator listed = bobPage.page().locator("[data-testid=directory-room][data-room=\"" + topicRoom + "\"]");
            assertThat(listed.getByTestId("directory-topic")).hasJSProperty("textContent", topic);
            listed.getByTestId("join-room").click();
            assertThat(bobPage.byTestId("room-topic")).hasJSProperty("textContent", topic);

            String word = uniqueWord();
            String dmText = payload + " " + word;
            alicePage.startDm(bob);
            alicePage.send(dmText);
            assertThat(bobPage.dmItem(alice)).isVisible();
            bobPage.dmItem(alice).click();
            assertThat(bobPage.message(word).getByTestId("message-text")).hasJSProperty("textContent", dmText);
            bobPage.byTestId("search-input").fill(word);
            bobPage.byTestId("search-input").press("Enter");
            assertThat(bobPage.byTestId("search-result-text")).hasJSProperty("textContent", dmText);

            for (ChatPage page : new ChatPage[] {alicePage, bobPage}) {
                // Images the page makes itself (the viewer's, attachments other tests sent to general) carry a test id.
                assertThat(page.page().locator("img:not([data-testid]), b, main script")).hasCount(0);
                Assertions.assertThat(page.page().evaluate("typeof window.__xss")).isEqualTo("undefined");
            }
            assertNoCspViolations(alicePage, bobPage);
        }
    }
}
