package io.chatterbox.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.chatterbox.core.ChatException;
import io.chatterbox.core.ErrorCode;
import io.chatterbox.messages.Draft;
import io.chatterbox.messages.MessageEvents;
import io.chatterbox.presence.PresenceEvents;
import io.chatterbox.rooms.RoomEvents;
import io.chatterbox.rooms.RoomInfo;
import io.chatterbox.rooms.RoomView;
import io.chatterbox.support.memory.CoreFixture;
import io.chatterbox.support.memory.FakeSession;

/** The room rules on the in-memory core: who may create, join, leave, add and remove, and who is told. */
class RoomServiceTest {

    private final CoreFixture core = new CoreFixture(Map.of("chatterbox.limits.rooms-per-user-per-hour", "3",
            "chatterbox.limits.membership-changes-per-minute", "6",
            "chatterbox.limits.membership-changes-per-target-per-minute", "4"));

    @BeforeEach
    void people() {
        core.accounts.register("alice");
        core.accounts.register("Bob");
    }

    @Test
    void aNewRoomIsNormalisedOwnedAndTheOwnersOnly() {
        RoomView created = done(core.rooms.create("alice", "  Random ", "Anything goes", false));

        assertThat(created.room()).isEqualTo("random");
        assertThat(created.owner()).isEqualTo("alice");
        assertThat(created.unread()).isZero();
        assertThat(core.directory.find("random").orElseThrow().members()).containsExactly("alice");
        assertThat(refusal(() -> core.rooms.create("Bob", "RANDOM", null, false)).code()).isEqualTo(ErrorCode.ROOM_EXISTS);
        assertThat(refusal(() -> core.rooms.create("alice", "a", null, false)).code()).isEqualTo(ErrorCode.INVALID_ROOM_NAME);
        assertThat(refusal(() -> core.rooms.create("Bob", "ｒａｎｄｏｍ", null, false)).code()).as("full width folds")
                .isEqualTo(ErrorCode.ROOM_EXISTS);
        assertThat(refusal(() -> core.rooms.create("Bob", "r\u0430ndom", null, false)).getMessage())
                .startsWith("A room name may not mix letters");
    }

    @Test
    void creatingTooManyRoomsIsRefusedWithAWholeSecondsWait() {
        for (int i = 0; i < 3; i++) {
            done(core.rooms.create("alice", "room-" + i, null, false));
        }
        ChatException refused = refusal(() -> core.rooms.create("alice", "room-3", null, false));

        assertThat(refused.code()).isEqualTo(ErrorCode.RATE_LIMITED);
        assertThat(refused.retryAfterSeconds()).isBetween(3_500L, 3_600L);
        assertThat(refused.getMessage()).isEqualTo("You have created too many rooms; try again in "
                + refused.retryAfterSeconds() + " seconds");
        assertThat(core.directory.find("room-3")).isEmpty();
    }

    @Test
    void aNewMemberIsShownTheRoomAndItsMembersAreTold() {
        done(core.rooms.create("alice", "den", null, false));
        core.log.append(java.util.List.of(new Draft("alice", "den", "before bob", null)), 1L);
        FakeSession alice = core.connect("alice");
        FakeSession bob = core.connect("Bob");

        done(core.rooms.join("Bob", "den"));

        assertThat(bob.received(RoomEvents.Joined.class)).extracting(joined -> joined.view().room()).containsExactly("den");
        assertThat(bob.received(RoomEvents.Joined.class).get(0).view().unread()).as("starts with nothing unread").isZero();
        assertThat(bob.received(MessageEvents.History.class)).singleElement()
                .satisfies(history -> assertThat(history.messages()).extracting(m -> m.text()).containsExactly("before bob"));
        assertThat(bob.received(PresenceEvents.Snapshot.class)).extracting(PresenceEvents.Snapshot::room).containsExactly("den");
        assertThat(alice.received(RoomEvents.MembersChanged.class)).containsExactly(
                new RoomEvents.MembersChanged("den", "Bob", RoomEvents.Change.JOINED));
        assertThat(bob.received(RoomEvents.MembersChanged.class)).as("not told of their own arrival").isEmpty();
        assertThat(core.sessions.roomsOf(bob)).contains("den");
    }

    @Test
    void aPrivateRoomCannotBeJoinedOrSeenFromOutside() {
        done(core.rooms.create("alice", "secret", null, true));

        assertThat(refusal(() -> core.rooms.join("Bob", "secret")).code()).isEqualTo(ErrorCode.UNKNOWN_ROOM);
        assertThat(refusal(() -> core.rooms.members("Bob", "secret", null, null)).code()).isEqualTo(ErrorCode.UNKNOWN_ROOM);
        assertThat(core.rooms.publicRooms("Bob")).extracting(RoomService.Listing::room).doesNotContain("secret");
    }

    @Test
    void onlyTheOwnerAddsAndRemovesAndTheOwnerStays() {
        done(core.rooms.create("alice", "secret", null, true));
        core.accounts.register("carol");

        assertThat(done(core.rooms.addMember("alice", "secret", "BOB")).member().username()).isEqualTo("Bob");
        assertThat(done(core.rooms.addMember("alice", "secret", "bob")).created()).as("already in").isFalse();
        assertThat(refusal(() -> core.rooms.addMember("Bob", "secret", "carol")).code()).isEqualTo(ErrorCode.NOT_OWNER);
        assertThat(refusal(() -> core.rooms.addMember("alice", "secret", "nobody")).code()).isEqualTo(ErrorCode.UNKNOWN_USER);
        assertThat(refusal(() -> core.rooms.removeMember("alice", "secret", "alice")).code())
                .isEqualTo(ErrorCode.CANNOT_REMOVE_OWNER);
        assertThat(refusal(() -> core.rooms.leave("alice", "secret")).code()).isEqualTo(ErrorCode.OWNER_CANNOT_LEAVE);
        assertThat(refusal(() -> core.rooms.removeMember("alice", "secret", "carol")).code()).isEqualTo(ErrorCode.UNKNOWN_MEMBER);
        assertThat(refusal(() -> core.rooms.addMember("alice", RoomInfo.GENERAL, "Bob")).code()).isEqualTo(ErrorCode.FIXED_MEMBERS);
        assertThat(refusal(() -> core.rooms.leave("Bob", RoomInfo.GENERAL)).code()).isEqualTo(ErrorCode.CANNOT_LEAVE);
    }

    @Test
    void aRemovedMemberIsToldAndStopsHearingTheRoom() {
        done(core.rooms.create("alice", "secret", null, true));
        done(core.rooms.addMember("alice", "secret", "Bob"));
        FakeSession alice = core.connect("alice");
        FakeSession bob = core.connect("Bob");

        done(core.rooms.removeMember("alice", "secret", "Bob"));

        assertThat(bob.received(RoomEvents.Left.class)).containsExactly(new RoomEvents.Left("secret", RoomEvents.Departure.REMOVED));
        assertThat(core.sessions.roomsOf(bob)).doesNotContain("secret");
        assertThat(alice.received(RoomEvents.MembersChanged.class)).containsExactly(
                new RoomEvents.MembersChanged("secret", "Bob", RoomEvents.Change.LEFT));
        assertThat(refusal(() -> core.rooms.members("Bob", "secret", null, null)).code()).isEqualTo(ErrorCode.UNKNOWN_ROOM);
    }

    @Test
    void nobodyCanBeAddedAndRemovedInALoop() {
        done(core.rooms.create("alice", "trap", null, true));
        FakeSession bob = core.connect("Bob");
        for (int i = 0; i < 2; i++) {
            done(core.rooms.addMember("alice", "trap", "Bob"));
            done(core.rooms.removeMember("alice", "trap", "Bob"));
        }

        ChatException refused = refusal(() -> core.rooms.addMember("alice", "trap", "Bob"));
        assertThat(refused.code()).isEqualTo(ErrorCode.RATE_LIMITED);
        assertThat(refused.getMessage()).startsWith("\"Bob\" was added to or removed from rooms too often just now");
        assertThat(bob.received(RoomEvents.Joined.class)).as("what reached the target").hasSize(2);
        core.accounts.register("carol");
        done(core.rooms.addMember("alice", "trap", "carol")); // the refused add gave the owner's budget back
        done(core.rooms.removeMember("alice", "trap", "carol"));
        assertThat(refusal(() -> core.rooms.addMember("alice", "trap", "carol")).getMessage())
                .as("the owner's own budget is spent now").startsWith("You are changing room members too fast");
    }

    @Test
    void oneUserJoinsAndLeavesRoomsOnlyWithinTheirBudget() {
        done(core.rooms.create("alice", "door", null, false));
        for (int i = 0; i < 3; i++) {
            done(core.rooms.join("Bob", "door"));
            done(core.rooms.leave("Bob", "door"));
        }
        assertThat(refusal(() -> core.rooms.join("Bob", "door")).code()).isEqualTo(ErrorCode.RATE_LIMITED);
        assertThat(core.directory.isMember("Bob", "door")).isFalse();
    }

    @Test
    void membersAreListedByNameWithWhoIsOnlineAndWhoOwns() {
        done(core.rooms.create("alice", "den", null, false));
        done(core.rooms.join("Bob", "den"));
        core.connect("Bob");

        assertThat(core.rooms.members("alice", "den", null, null).members()).containsExactly(
                new RoomService.Member("alice", false, true), new RoomService.Member("Bob", true, false));
        assertThat(core.rooms.members("alice", RoomInfo.GENERAL, null, null).members())
                .extracting(RoomService.Member::username).containsExactly("alice", "Bob");
    }

    @Test
    void membersComeInPagesByFoldedName() {
        for (String name : new String[] { "dave", "Carol", "ＥＶＥ" }) {
            core.accounts.register(name);
        }
        RoomService.MemberPage first = core.rooms.members("alice", RoomInfo.GENERAL, null, 2);
        RoomService.MemberPage second = core.rooms.members("alice", RoomInfo.GENERAL, "BOB", 2);
        RoomService.MemberPage last = core.rooms.members("alice", RoomInfo.GENERAL, "dave", 2);

        assertThat(first.members()).extracting(RoomService.Member::username).containsExactly("alice", "Bob");
        assertThat(first.hasMore()).isTrue();
        assertThat(second.members()).extracting(RoomService.Member::username).containsExactly("Carol", "dave");
        assertThat(last.members()).extracting(RoomService.Member::username).containsExactly("ＥＶＥ");
        assertThat(last.hasMore()).isFalse();
        assertThat(refusal(() -> core.rooms.members("alice", RoomInfo.GENERAL, null, 0)).code()).isEqualTo(ErrorCode.INVALID_LIMIT);
    }

    @Test
    void aDirectConversationIsWithSomeoneElse() {
        long aliceId = core.accounts.findByName("alice").orElseThrow().id();

        RoomView withBob = core.directRooms.open(aliceId, "alice", "bob");
        assertThat(withBob.name()).isEqualTo("Bob");
        assertThat(withBob.with()).isEqualTo("Bob");
        assertThat(core.directory.find(withBob.room())).as("stored only with its first message").isEmpty();
        assertThat(refusal(() -> core.directRooms.open(aliceId, "alice", "ALICE")).code()).isEqualTo(ErrorCode.INVALID_USER);
        assertThat(refusal(() -> DirectRooms.requireParticipant(aliceId, "dm:5:9")).code()).isEqualTo(ErrorCode.UNKNOWN_ROOM);
        long bobId = core.accounts.findByName("Bob").orElseThrow().id();
        DirectRooms.requireParticipant(aliceId, DirectRooms.idFor(aliceId, bobId));
        assertThat(refusal(() -> DirectRooms.requireParticipant(aliceId, "dm:0" + aliceId + ":" + bobId)).code())
                .as("one spelling per pair").isEqualTo(ErrorCode.UNKNOWN_ROOM);
    }

    private static <T> T done(CompletionStage<T> stage) {
        return stage.toCompletableFuture().join();
    }

    /** The refusal of a call, whether it was thrown at once or failed the stage it returned. */
    private static ChatException refusal(Supplier<?> call) {
        try {
            Object result = call.get();
            if (result instanceof CompletionStage<?> stage) {
                stage.toCompletableFuture().join();
            }
        } catch (ChatException e) {
            return e;
        } catch (CompletionException e) {
            if (e.getCause() instanceof ChatException refused) {
                return refused;
            }
            throw e;
        }
        throw new AssertionError("expected a refusal");
    }

    private static ChatException refusal(Runnable call) {
        return refusal(() -> {
            call.run();
            return null;
        });
    }
}
