package io.chatterbox.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.chatterbox.messages.Appended;
import io.chatterbox.messages.Draft;
import io.chatterbox.messages.MessageEvents;
import io.chatterbox.messages.StoredMessage;
import io.chatterbox.rooms.RoomInfo;
import io.chatterbox.support.memory.FakeSession;
import io.chatterbox.support.memory.InMemoryMessageLog;
import io.chatterbox.support.memory.InMemorySessions;

/**
 * A node delivers new messages in id order, once each, whatever order the cluster's channel brings them in: the
 * store of record fills what has not arrived yet.
 */
class OrderedMessagesTest {

    private final InMemoryMessageLog log = new InMemoryMessageLog();
    private final InMemorySessions sessions = new InMemorySessions();
    private final OrderedMessages ordered = new OrderedMessages(log, sessions);
    private final FakeSession reader = new FakeSession("reader", 1);

    @BeforeEach
    void attachAReader() {
        sessions.attach(reader, List.of(RoomInfo.GENERAL));
    }

    private StoredMessage stored(String text) {
        return log.append(List.of(new Draft("writer", RoomInfo.GENERAL, text, null)), 0).stream()
                .map(Appended::message).findFirst().orElseThrow();
    }

    private List<Long> deliveredIds() {
        return reader.received(MessageEvents.Posted.class).stream().map(posted -> posted.message().id()).toList();
    }

    @Test
    void aMessageHeardAheadOfLowerIdsBringsThemInFromTheStoreFirst() {
        StoredMessage first = stored("one");
        StoredMessage second = stored("two");
        StoredMessage third = stored("three");

        ordered.deliver(new MessageEvents.Posted(third), null);
        ordered.deliver(new MessageEvents.Posted(first), null);
        ordered.deliver(new MessageEvents.Posted(second), null);

        assertThat(deliveredIds()).containsExactly(first.id(), second.id(), third.id());
    }

    @Test
    void messagesStoredBeforeTheNodeListenedAreNotDeliveredLive() {
        stored("old");
        ordered.startAfter(log.newestId());
        StoredMessage fresh = stored("new");

        ordered.deliver(new MessageEvents.Posted(fresh), null);

        assertThat(deliveredIds()).containsExactly(fresh.id());
    }

    @Test
    void aCatchUpDeliversWhatWasStoredWhileTheChannelWasAwayAndNothingTwice() {
        StoredMessage heard = stored("heard");
        ordered.deliver(new MessageEvents.Posted(heard), null);
        StoredMessage missedOne = stored("missed 1");
        StoredMessage missedTwo = stored("missed 2");

        ordered.catchUp();
        ordered.deliver(new MessageEvents.Posted(missedOne), null);

        assertThat(deliveredIds()).containsExactly(heard.id(), missedOne.id(), missedTwo.id());
    }
}
