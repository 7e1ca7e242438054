package io.chatterbox.messages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

import org.junit.jupiter.api.Test;

import io.chatterbox.core.ChatException;
import io.chatterbox.core.ErrorCode;
import io.chatterbox.metrics.ChatMetrics;
import io.chatterbox.rooms.RoomInfo;
import io.chatterbox.support.memory.CoreFixture;
import io.chatterbox.support.memory.TestConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * Nobody can keep the single writer busy for everyone: every command that costs it work has a per-user budget, the
 * queue of commands is bounded, and unread counts stop at a hundred.
 */
class WriterBudgetsTest {

    private final CoreFixture core = new CoreFixture(Map.of(
            "chatterbox.limits.message-changes-per-second", "0.01", "chatterbox.limits.message-change-burst", "3",
            "chatterbox.limits.read-markers-per-second", "0.01", "chatterbox.limits.read-marker-burst", "2"));

    @Test
    void editsAndDeletionsShareABudgetPerUser() {
        long id = core.log.append(List.of(new Draft("alice", RoomInfo.GENERAL, "typo", null)), 1).get(0).message().id();
        core.changes.edit("alice", RoomInfo.GENERAL, id, "fixed once").toCompletableFuture().join();
        core.changes.edit("alice", RoomInfo.GENERAL, id, "fixed twice").toCompletableFuture().join();
        core.changes.delete("alice", RoomInfo.GENERAL, id).toCompletableFuture().join();

        assertThatThrownBy(() -> core.changes.edit("alice", RoomInfo.GENERAL, id, "again"))
                .isInstanceOfSatisfying(ChatException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.RATE_LIMITED);
                    assertThat(e.getMessage()).startsWith("You are editing or deleting too fast; try again in ");
                });
        assertThat(core.log.find(id).orElseThrow().deleted()).as("the refused edit changed nothing").isTrue();
    }

    @Test
    void readMarkersHaveABudgetPerUser() {
        core.readMarkers.markRead("bob", RoomInfo.GENERAL, 0).toCompletableFuture().join();
        core.readMarkers.markRead("bob", RoomInfo.GENERAL, 0).toCompletableFuture().join();

        assertThatThrownBy(() -> core.readMarkers.markRead("bob", RoomInfo.GENERAL, 0))
                .isInstanceOfSatisfying(ChatException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.RATE_LIMITED));
        assertThat(core.readMarkers.markRead("carol", RoomInfo.GENERAL, 0)).as("budgets are per user").isNotNull();
    }

    @Test
    void unreadCountsStopAtAHundred() {
        core.accounts.register("dora");
        for (int i = 0; i < 150; i++) {
            core.log.append(List.of(new Draft("erin", RoomInfo.GENERAL, "m" + i, null)), i);
        }
        ReadMarkers.ReadState state = core.readMarkers.state("dora", RoomInfo.GENERAL);

        assertThat(state.unread()).isEqualTo(ReadMarkers.UNREAD_COUNTED_UP_TO).isEqualTo(100);
        assertThat(state.lastMessageId()).isEqualTo(150);
    }

    @Test
    void commandsBeyondTheQueueCapacityAreRefusedAsOverloaded() {
        MessageWriter idle = new MessageWriter(core.log, core.directory, new ChatMetrics(new SimpleMeterRegistry()),
                TestConfig.with(Map.of("chatterbox.store.queue-capacity", "2"))); // never started: nothing drains
        idle.call(() -> 1);
        idle.call(() -> 2);

        CompletionStage<Integer> third = idle.call(() -> 3);

        assertThatThrownBy(() -> third.toCompletableFuture().join()).isInstanceOf(CompletionException.class)
                .cause().isInstanceOfSatisfying(ChatException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.OVERLOADED));
    }
}
