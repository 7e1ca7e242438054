package io.chatterbox.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.chatterbox.messages.Appended;
import io.chatterbox.messages.Draft;
import io.chatterbox.messages.MessageLog;
import io.chatterbox.messages.Page;
import io.chatterbox.messages.SearchTerm;
import io.chatterbox.messages.StoredMessage;

/**
 * What every {@link MessageLog} promises, whichever database keeps it: embedded SQLite and the cluster's PostgreSQL
 * run these same tests. Each test works in rooms of its own, so a shared database does not disturb it.
 */
abstract class MessageLogContract {

    private static final long NOW = 1_800_000_000_000L;

    abstract MessageLog log();

    static String room() {
        return "room" + UUID.randomUUID().toString().substring(0, 8);
    }

    private List<StoredMessage> post(String room, String username, String... texts) {
        List<Draft> drafts = java.util.Arrays.stream(texts).map(text -> new Draft(username, room, text, null)).toList();
        return log().append(drafts, NOW).stream().map(Appended::message).toList();
    }

    @Test
    void appendedMessagesGetGrowingIdsAndPageInBothDirections() {
        String room = room();
        List<StoredMessage> stored = post(room, "ann", "one", "two", "three", "four", "five");

        assertThat(stored).extracting(StoredMessage::id).isSorted().doesNotHaveDuplicates();
        assertThat(stored.get(0).timestamp()).isEqualTo(NOW);
        Page latest = log().latest(room, 2);
        assertThat(latest.messages()).extracting(StoredMessage::text).containsExactly("four", "five");
        assertThat(latest.hasMore()).isTrue();
        Page before = log().before(room, stored.get(3).id(), 5);
        assertThat(before.messages()).extracting(StoredMessage::text).containsExactly("one", "two", "three");
        assertThat(before.hasMore()).isFalse();
        Page after = log().after(room, stored.get(0).id(), 3);
        assertThat(after.messages()).extracting(StoredMessage::text).containsExactly("two", "three", "four");
        assertThat(after.hasMore()).isTrue();
        assertThat(log().newestId(room)).isEqualTo(stored.get(4).id());
        assertThat(log().newestId(room())).isZero();
        assertThat(log().find(stored.get(1).id())).get().extracting(StoredMessage::text).isEqualTo("two");
    }

    @Test
    void theNewestIdAndTheMessagesBetweenTwoIdsSpanEveryRoom() {
        StoredMessage first = post(room(), "ann", "in one room").get(0);
        StoredMessage second = post(room(), "bob", "in another").get(0);
        StoredMessage third = post(room(), "cat", "and a third").get(0);

        assertThat(log().newestId()).isGreaterThanOrEqualTo(third.id());
        assertThat(log().between(first.id() - 1, third.id() + 1, 10)).containsExactly(first, second, third);
        assertThat(log().between(first.id(), third.id(), 10)).containsExactly(second);
        assertThat(log().between(first.id() - 1, third.id() + 1, 2)).containsExactly(first, second);
    }

    @Test
    void aRepeatedClientIdStoresOneRowAndAnswersWithTheOriginal() {
        String room = room();
        String clientId = UUID.randomUUID().toString(); // the key is the sender's, across rooms: unique per run
        Draft first = new Draft("ann", room, "hello", clientId);

        List<Appended> batch = log().append(List.of(first, new Draft("ann", room, "hello again", clientId)), NOW);
        List<Appended> later = log().append(List.of(new Draft("ann", room, "and again", clientId),
                new Draft("bob", room, "same key, other sender", clientId)), NOW + 1);

        assertThat(batch.get(0).duplicate()).isFalse();
        assertThat(batch.get(1).duplicate()).isTrue();
        assertThat(batch.get(1).message()).isEqualTo(batch.get(0).message());
        assertThat(later.get(0).duplicate()).isTrue();
        assertThat(later.get(0).message().text()).isEqualTo("hello");
        assertThat(later.get(1).duplicate()).isFalse();
        assertThat(log().latest(room, 10).messages()).extracting(StoredMessage::text)
                .containsExactly("hello", "same key, other sender");
    }

    @Test
    void editsAndDeletionsChangeTheRowAndAreListedAsChangesSinceAnId() {
        String room = room();
        List<StoredMessage> stored = post(room, "ann", "first", "second", "third");

        assertThat(log().edit(stored.get(0).id(), "first, edited", NOW + 10)).get()
                .satisfies(edited -> assertThat(edited.text()).isEqualTo("first, edited"))
                .satisfies(edited -> assertThat(edited.editedAt()).isEqualTo(NOW + 10));
        assertThat(log().delete(stored.get(1).id(), NOW + 20)).isTrue();
        assertThat(log().delete(stored.get(1).id(), NOW + 30)).isFalse();
        assertThat(log().edit(stored.get(1).id(), "back from the dead", NOW + 40)).isEmpty();

        StoredMessage tombstone = log().find(stored.get(1).id()).orElseThrow();
        assertThat(tombstone.deleted()).isTrue();
        assertThat(tombstone.text()).isEmpty();
        assertThat(log().changedSince(List.of(room), stored.get(2).id(), 10)).extracting(StoredMessage::id)
                .containsExactly(stored.get(0).id(), stored.get(1).id());
        assertThat(log().changedSince(List.of(room()), stored.get(2).id(), 10)).isEmpty();
    }

    @Test
    void unreadCountsOthersLiveMessagesAfterTheMarkerUpToACap() {
        String room = room();
        List<StoredMessage> mine = post(room, "ann", "mine");
        List<StoredMessage> theirs = post(room, "bob", "a", "b", "c", "d");
        log().delete(theirs.get(0).id(), NOW + 1);

        assertThat(log().unread(room, mine.get(0).id(), "ann", 100)).isEqualTo(3);
        assertThat(log().unread(room, 0, "ann", 2)).isEqualTo(2);
        assertThat(log().unread(room, theirs.get(3).id(), "ann", 100)).isZero();
        assertThat(log().unread(room, 0, "bob", 100)).isEqualTo(1);
    }

    @Test
    void searchFindsWholeWordsAndPrefixesInTheGivenRoomsOnly() {
        String room = room();
        String elsewhere = room();
        String word = "zq" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        List<StoredMessage> stored = post(room, "ann", "the " + word + " arrives", "a " + word + "ing thing", "nothing here",
                "UPPER " + word.toUpperCase());
        post(elsewhere, "ann", "also " + word);
        log().delete(stored.get(3).id(), NOW + 1);

        assertThat(log().search(List.of(room), List.of(new SearchTerm(word, false)), 10)).extracting(StoredMessage::id)
                .containsExactly(stored.get(0).id());
        assertThat(log().search(List.of(room), List.of(new SearchTerm(word, true)), 10)).extracting(StoredMessage::id)
                .containsExactlyInAnyOrder(stored.get(0).id(), stored.get(1).id());
        assertThat(log().search(List.of(room, elsewhere), List.of(new SearchTerm(word, false)), 10)).hasSize(2);
        assertThat(log().search(List.of(room), List.of(new SearchTerm(word, false), new SearchTerm("arrives", false)), 10))
                .extracting(StoredMessage::id).containsExactly(stored.get(0).id());
        assertThat(log().search(List.of(room), List.of(new SearchTerm("it's", true)), 10)).isEmpty();
    }

    @Test
    void equallyGoodMatchesComeNewestFirstAndTheLimitCapsThem() {
        String room = room();
        String word = "zr" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        List<StoredMessage> stored = post(room, "ann", word, word, word);

        assertThat(log().search(List.of(room), List.of(new SearchTerm(word, false)), 2)).extracting(StoredMessage::id)
                .containsExactly(stored.get(2).id(), stored.get(1).id());
    }
}
