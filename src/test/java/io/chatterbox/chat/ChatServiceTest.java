package io.chatterbox.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.chatterbox.accounts.TokensRevoked;
import io.chatterbox.core.ChatEvent;
import io.chatterbox.core.ErrorCode;
import io.chatterbox.core.Refused;
import io.chatterbox.messages.MessageEvents;
import io.chatterbox.messages.StoredMessage;
import io.chatterbox.presence.PresenceEvents;
import io.chatterbox.rooms.RoomEvents;
import io.chatterbox.rooms.RoomInfo;
import io.chatterbox.support.memory.CoreFixture;
import io.chatterbox.support.memory.FakeSession;

/**
 * A session's life on the in-memory core with a real single writer: what a joining client is shown and in which
 * order, persist-then-deliver with the sender's copy as its acknowledgement, idempotent resends and refusals.
 */
class ChatServiceTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    private final CoreFixture core = CoreFixture.withWriter(Map.of(
            "chatterbox.limits.messages-per-second", "0.1", "chatterbox.limits.message-burst", "3"));

    @AfterEach
    void stopWriter() throws InterruptedException {
        core.close();
    }

    @Test
    void aJoiningSessionIsShownItsRoomsThenEachHistoryThenWhoIsOnline() {
        core.accounts.register("alice");
        core.rooms.create("alice", "den", null, false).toCompletableFuture().join();
        FakeSession alice = join("alice", null);

        await().atMost(WAIT).until(() -> alice.received(PresenceEvents.Snapshot.class).size() == 2);
        List<ChatEvent> shown = alice.received();
        assertThat(shown.get(0)).isInstanceOfSatisfying(RoomEvents.Listed.class,
                listed -> assertThat(listed.rooms()).extracting(view -> view.room()).containsExactly(RoomInfo.GENERAL, "den"));
        assertThat(shown.subList(1, 3)).extracting(ChatEvent::room).containsExactly(RoomInfo.GENERAL, "den")
                .allSatisfy(room -> assertThat(room).isNotNull());
        assertThat(shown.subList(1, 3)).allMatch(MessageEvents.History.class::isInstance);
        assertThat(shown.subList(3, 5)).allMatch(PresenceEvents.Snapshot.class::isInstance);
        assertThat(core.announcer.snapshot(RoomInfo.GENERAL).online()).containsExactly("alice");
    }

    @Test
    void aMessageGoesToTheRoomOnlyOnceStoredAndTheSendersCopyIsItsAcknowledgement() {
        FakeSession alice = join("alice", null);
        FakeSession bob = join("bob", null);

        core.chat.post(alice, RoomInfo.GENERAL, "hello", "c-1");

        StoredMessage atBob = awaitPosted(bob, "c-1");
        assertThat(awaitPosted(alice, "c-1")).isEqualTo(atBob);
        assertThat(core.log.find(atBob.id())).as("stored before anyone saw it").contains(atBob);
        assertThat(atBob.username()).isEqualTo("alice");
    }

    @Test
    void aResentClientIdStoresNothingAndAnswersTheSenderAloneWithTheOriginal() {
        FakeSession alice = join("alice", null);
        FakeSession bob = join("bob", null);
        core.chat.post(alice, RoomInfo.GENERAL, "first", "same");
        StoredMessage original = awaitPosted(bob, "same");

        core.chat.post(alice, RoomInfo.GENERAL, "second try", "same");

        await().atMost(WAIT).until(() -> alice.received(MessageEvents.Posted.class).size() == 2);
        assertThat(alice.received(MessageEvents.Posted.class).get(1).message()).isEqualTo(original);
        assertThat(bob.received(MessageEvents.Posted.class)).hasSize(1);
        assertThat(core.log.latest(RoomInfo.GENERAL, 10).messages()).containsExactly(original);
    }

    @Test
    void refusalsNameTheMessageAndStoreNothing() {
        FakeSession alice = join("alice", null);
        core.accounts.register("bob");
        core.rooms.create("bob", "lobby", null, false).toCompletableFuture().join();

        core.chat.post(alice, "lobby", "not in it", "c-2");
        core.chat.post(alice, RoomInfo.GENERAL, "   ", "c-3");

        await().atMost(WAIT).until(() -> alice.received(Refused.class).size() == 2);
        assertThat(alice.received(Refused.class)).extracting(refused -> refused.error().code(), refused -> refused.error().clientId())
                .containsExactly(org.assertj.core.groups.Tuple.tuple(ErrorCode.NOT_A_MEMBER, "c-2"),
                        org.assertj.core.groups.Tuple.tuple(ErrorCode.INVALID_TEXT, "c-3"));
        assertThat(core.log.newestId("lobby")).isZero();
        assertThat(core.log.newestId(RoomInfo.GENERAL)).isZero();
    }

    @Test
    void sendingFasterThanTheBudgetIsRefusedWithTheWaitAndNotStored() {
        FakeSession alice = join("alice", null);
        for (int i = 0; i < 4; i++) {
            core.chat.post(alice, RoomInfo.GENERAL, "burst " + i, "b-" + i);
        }

        Refused refused = await().atMost(WAIT).until(() -> alice.received(Refused.class), list -> !list.isEmpty()).get(0);
        assertThat(refused.error().code()).isEqualTo(ErrorCode.RATE_LIMITED);
        assertThat(refused.error().clientId()).isEqualTo("b-3");
        assertThat(refused.error().getMessage()).matches(".*the message was not stored; try again in \\d+ seconds?");
        await().atMost(WAIT).until(() -> alice.received(MessageEvents.Posted.class).size() == 3);
        assertThat(core.log.latest(RoomInfo.GENERAL, 10).messages()).hasSize(3);
    }

    @Test
    void theFirstMessageToADirectConversationStartsItForBoth() {
        FakeSession alice = join("alice", null);
        FakeSession bob = join("bob", null);
        String room = DirectRooms.idFor(alice.userId(), bob.userId());

        core.chat.post(alice, room, "hi bob", "dm-1");

        assertThat(awaitPosted(bob, "dm-1").room()).isEqualTo(room);
        assertThat(bob.received(RoomEvents.Joined.class)).extracting(joined -> joined.view().with()).containsExactly("alice");
        assertThat(alice.received(RoomEvents.Joined.class)).extracting(joined -> joined.view().with()).containsExactly("bob");
    }

    @Test
    void aResumingSessionGetsOnlyWhatItMissed() {
        FakeSession alice = join("alice", null);
        core.chat.post(alice, RoomInfo.GENERAL, "seen", "r-1");
        long seen = awaitPosted(alice, "r-1").id();
        core.chat.post(alice, RoomInfo.GENERAL, "missed", "r-2");
        awaitPosted(alice, "r-2");

        FakeSession again = join("alice", seen);

        MessageEvents.History history = await().atMost(WAIT)
                .until(() -> again.received(MessageEvents.History.class), list -> !list.isEmpty()).get(0);
        assertThat(history.messages()).extracting(StoredMessage::text).containsExactly("missed");
        assertThat(history.resync()).isFalse();
    }

    @Test
    void aSessionAuthenticatedJustBeforeALogoutIsEndedWhenItsJoinComesAfter() throws InterruptedException {
        long id = core.accounts.register("alice");
        FakeSession early = new FakeSession("alice", id, 0); // upgraded with a version-0 token
        CountDownLatch writerBusy = new CountDownLatch(1);
        core.writer.runInOrder(() -> awaitQuietly(writerBusy));
        // The logout lands meanwhile: version 1 stored and announced (its socket-closing task is queued before the join).
        int revokedTo = core.accounts.revokeTokens(id, null).orElseThrow().tokenVersion();
        core.revocations.publish(new TokensRevoked(id, "alice", revokedTo));
        core.chat.join(early, null);

        writerBusy.countDown();

        await().atMost(WAIT).until(() -> early.endedBecause() != null);
        assertThat(early.endedBecause()).isEqualTo("token revoked");
        assertThat(early.received(MessageEvents.History.class)).as("shown nothing").isEmpty();
        assertThat(core.sessions.sessionsOf("alice")).as("never hears the room").isEmpty();
    }

    private FakeSession join(String username, Long since) {
        long id = core.accounts.findByName(username).map(account -> account.id()).orElseGet(() -> core.accounts.register(username));
        FakeSession session = new FakeSession(username, id);
        core.chat.join(session, since);
        await().atMost(WAIT).until(() -> !session.received(PresenceEvents.Snapshot.class).isEmpty());
        return session;
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static StoredMessage awaitPosted(FakeSession session, String clientId) {
        return await().atMost(WAIT).until(() -> session.received(MessageEvents.Posted.class).stream()
                .map(MessageEvents.Posted::message).filter(m -> clientId.equals(m.clientId())).findFirst(),
                found -> found.isPresent()).orElseThrow();
    }
}
