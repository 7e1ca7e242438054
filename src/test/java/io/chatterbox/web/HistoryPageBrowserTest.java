package io.chatterbox.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import io.chatterbox.support.Accounts;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.stream.IntStream;
import org.assertj.core.api.Assertions;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/** Older messages: scroll-back paging that keeps the reader's place, and search that opens a room at a message. */
@QuarkusTest
class HistoryPageBrowserTest extends BrowserTestBase {

    // Scrolls the list to the very top and returns where the given message is on screen right then.
    private static final String SCROLL_TO_TOP_AND_MEASURE = """
            message => {
              message.closest('[data-testid=message-list]').scrollTop = 0;
              return message.getBoundingClientRect().top;
            }""";

    @Test
    void scrollingToTheTopLoadsOlderPagesWithoutMovingWhatIsOnScreen() {
        try (BrowserContext context = newContext()) {
            // Someone else fills a room with 150 messages; then ivan joins it and gets the latest page.
            String seeder = Accounts.tokenFor(uniqueName("seeder"));
            String room = createPublicRoom(seeder, uniqueRoom("archive"));
            String tag = room.substring(room.length() - 8);
            sendOverSocket(seeder, room, IntStream.rangeClosed(1, 150)
                    .mapToObj(i -> String.format("Log line %03d of %s", i, tag)).toList());
            ChatPage page = signUp(context, uniqueName("ivan"));
            join(page.token(), room);
            page.openRoom(room);
            assertThat(page.message("Log line 150 of")).isVisible();
            assertThat(page.shownMessages()).hasCount(50); // the latest page only

            Locator oldestShown = page.message("Log line 101 of");
            double before = ((Number) oldestShown.evaluate(SCROLL_TO_TOP_AND_MEASURE)).doubleValue();
            assertThat(page.shownMessages()).hasCount(100);
            double after = ((Number) oldestShown.evaluate("m => m.getBoundingClientRect().top")).doubleValue();
            Assertions.assertThat(after).as("the message at the top stays where it was").isCloseTo(before, Offset.offset(3.0));
            assertThat(page.message("Log line 051 of")).isAttached();
            assertThat(page.message("Log line 050 of")).hasCount(0);

            // Once more to the top: the last page, oldest first, each message once.
            page.message("Log line 051 of").evaluate(SCROLL_TO_TOP_AND_MEASURE);
            assertThat(page.shownMessages()).hasCount(150);
            assertThat(page.message("Log line 001 of")).isAttached();
            @SuppressWarnings("unchecked")
            List<Object> shown = (List<Object>) page.shownMessages().evaluateAll("ms => ms.map(m => m.dataset.id)");
            List<Long> ids = shown.stream().map(id -> Long.parseLong(String.valueOf(id))).toList();
            Assertions.assertThat(ids).doesNotHaveDuplicates().isSorted();
            assertNoCspViolations(page);
        }
    }

    @Test
    void aSearchResultOpensItsRoomAtTheMessageHighlighted() {
        try (BrowserContext aliceContext = newContext(); BrowserContext bobContext = newContext()) {
            String alice = uniqueName("alice");
            ChatPage alicePage = signUp(aliceContext, alice);
            ChatPage bobPage = signUp(bobContext, uniqueName("bob"));
            String aliceToken = alicePage.token();
            String room = createPublicRoom(aliceToken, uniqueRoom("minutes"));
            join(bobPage.token(), room);
            String word = uniqueWord();
            String needle = "The budget decision is " + word;
            // The needle, then more than a page on top of it: finding it needs older pages.
            sendOverSocket(aliceToken, room, List.of(needle));
            sendOverSocket(aliceToken, room, IntStream.rangeClosed(1, 80).mapToObj(i -> "Minute " + i + " " + room).toList());
            bobPage.page().reload(); // a fresh connection: only the latest page of the room is loaded
            assertThat(bobPage.roomItem(room)).isVisible();
            assertThat(bobPage.roomItem("general")).hasAttribute("aria-current", "page");

            bobPage.byTestId("search-input").fill(word);
            bobPage.byTestId("search-input").press("Enter");
            Locator result = bobPage.byTestId("search-result");
            assertThat(result).hasCount(1);
            assertThat(result.getByTestId("search-result-room")).hasText("#" + room);
            assertThat(result.getByTestId("search-result-author")).hasText(alice);
            assertThat(result.getByTestId("search-result-text")).hasText(needle);

            result.click();
            assertThat(bobPage.byTestId("room-name")).hasText("#" + room);
            Locator found = bobPage.message(word);
            assertThat(found).hasAttribute("data-highlighted", "true");
            assertThat(found).isInViewport();
            assertThat(bobPage.page().locator("[data-highlighted]")).hasCount(1);
            assertThat(bobPage.message("Minute 80 " + room)).isAttached();

            // A word nobody wrote finds nothing, and says so.
            bobPage.byTestId("search-input").fill(uniqueWord());
            bobPage.byTestId("search-input").press("Enter");
            assertThat(bobPage.byTestId("search-status")).hasText("No messages found.");
            assertThat(bobPage.byTestId("search-result")).hasCount(0);
            assertNoCspViolations(alicePage, bobPage);
        }
    }
}
