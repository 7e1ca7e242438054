package io.chatterbox.presence;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.chatterbox.support.memory.CoreFixture;
import io.chatterbox.support.memory.FakeSession;

/**
 * Presence coalescing on the in-memory core: changes within one interval become one announcement per room, each
 * person named once with their state when it goes out, and only to the room's own members.
 */
class PresenceAnnouncerTest {

    private final CoreFixture core = new CoreFixture();

    @Test
    void nothingIsAnnouncedUntilTheIntervalPasses() {
        FakeSession alice = core.connect("alice");
        core.connect("bob");

        assertThat(alice.received(PresenceEvents.Changed.class)).isEmpty();
        assertThat(core.scheduler.pending()).as("one timer for the whole burst").isEqualTo(1);
        assertThat(core.scheduler.delays()).containsExactly(Duration.ofMillis(250));
    }

    @Test
    void aBurstOfArrivalsIsOneAnnouncementNamingEachOnceInPresenceOrder() {
        FakeSession alice = core.connect("alice");
        core.connect("carol");
        core.connect("Bob");
        core.scheduler.runDue();

        List<PresenceEvents.Changed> changes = alice.received(PresenceEvents.Changed.class);
        assertThat(changes).hasSize(1);
        assertThat(changes.get(0).room()).isEqualTo("general");
        assertThat(changes.get(0).online()).containsExactly("alice", "Bob", "carol");
        assertThat(changes.get(0).offline()).isEmpty();
        assertThat(changes.get(0).nowOnline()).containsExactly("alice", "Bob", "carol");
        assertThat(core.scheduler.pending()).as("no timer while nothing changes").isZero();
    }

    @Test
    void someoneWhoLeftAndCameBackWithinTheIntervalIsOnline() {
        FakeSession alice = core.connect("alice");
        FakeSession bob = core.connect("bob");
        core.scheduler.runDue();
        alice.clear();

        core.disconnect(bob);
        core.connect("bob");
        core.scheduler.runDue();

        PresenceEvents.Changed change = alice.received(PresenceEvents.Changed.class).get(0);
        assertThat(change.online()).containsExactly("bob");
        assertThat(change.offline()).isEmpty();
    }

    @Test
    void aSecondTabAnnouncesNothingAndTheLastTabClosingAnnouncesOffline() {
        FakeSession alice = core.connect("alice");
        FakeSession bobFirst = core.connect("bob");
        core.scheduler.runDue();
        alice.clear();

        FakeSession bobSecond = core.connect("bob");
        core.disconnect(bobFirst);
        assertThat(core.scheduler.pending()).as("bob never went offline").isZero();

        core.disconnect(bobSecond);
        core.scheduler.runDue();
        PresenceEvents.Changed change = alice.received(PresenceEvents.Changed.class).get(0);
        assertThat(change.offline()).containsExactly("bob");
        assertThat(change.nowOnline()).containsExactly("alice");
    }

    @Test
    void aPrivateRoomHearsOnlyOfItsMembersAndOutsidersHearNothingOfIt() {
        core.accounts.register("alice");
        core.accounts.register("bob");
        core.rooms.create("alice", "secret", null, true).toCompletableFuture().join();
        core.rooms.addMember("alice", "secret", "bob").toCompletableFuture().join();
        FakeSession alice = core.connect("alice");
        FakeSession outsider = core.connect("mallory");
        core.scheduler.runDue();
        alice.clear();
        outsider.clear();

        core.connect("bob");
        core.scheduler.runDue();

        assertThat(alice.received(PresenceEvents.Changed.class)).extracting(PresenceEvents.Changed::room)
                .containsExactlyInAnyOrder("general", "secret");
        PresenceEvents.Changed secret = alice.received(PresenceEvents.Changed.class).stream()
                .filter(change -> change.room().equals("secret")).findFirst().orElseThrow();
        assertThat(secret.nowOnline()).containsExactly("alice", "bob").doesNotContain("mallory");
        assertThat(outsider.received(PresenceEvents.Changed.class)).extracting(PresenceEvents.Changed::room)
                .containsExactly("general");
    }

    @Test
    void aSnapshotListsTheRoomsOnlineMembersOnly() {
        core.accounts.register("alice");
        core.rooms.create("alice", "den", null, false).toCompletableFuture().join();
        core.connect("alice");
        core.connect("bob");

        assertThat(core.announcer.snapshot("den").online()).containsExactly("alice");
        assertThat(core.announcer.snapshot("general").online()).containsExactly("alice", "bob");
        assertThat(core.announcer.snapshot("no-such-room").online()).isEmpty();
    }
}
