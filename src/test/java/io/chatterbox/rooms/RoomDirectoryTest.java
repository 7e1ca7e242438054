package io.chatterbox.rooms;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.chatterbox.core.ChatException;
import io.chatterbox.core.ErrorCode;
import io.chatterbox.support.memory.InMemoryMessageLog;
import io.chatterbox.support.memory.InMemoryReadMarkers;
import io.chatterbox.support.memory.InMemoryRoomStore;

/** The in-memory directory: who may know a room exists, who is in it, and that it follows the store's notices. */
class RoomDirectoryTest {

    private final InMemoryRoomStore store = new InMemoryRoomStore(new InMemoryReadMarkers(), new InMemoryMessageLog());
    private final RoomDirectory directory = new RoomDirectory(store);

    @BeforeEach
    void rooms() {
        store.create(new RoomInfo(RoomInfo.GENERAL, RoomInfo.Kind.PUBLIC, null, null, Set.of()));
        store.create(new RoomInfo("lobby", RoomInfo.Kind.PUBLIC, null, "alice", Set.of("alice")));
        directory.load();
    }

    @Test
    void aPrivateRoomIsUnknownToOutsidersExactlyLikeNoRoom() {
        store.create(new RoomInfo("secret", RoomInfo.Kind.PRIVATE, null, "alice", Set.of("alice")));

        ChatException hidden = refusal(() -> directory.visible("bob", "secret"));
        ChatException missing = refusal(() -> directory.visible("bob", "nothing"));
        assertThat(hidden.code()).isEqualTo(ErrorCode.UNKNOWN_ROOM).isEqualTo(missing.code());
        assertThat(hidden.getMessage()).isEqualTo("There is no room called \"secret\"");
        assertThat(directory.visible("alice", "secret").id()).isEqualTo("secret");
    }

    @Test
    void aPublicRoomIsVisibleButPostingNeedsMembership() {
        assertThat(directory.visible("bob", "lobby").id()).isEqualTo("lobby");
        assertThat(refusal(() -> directory.membership("bob", "lobby")).code()).isEqualTo(ErrorCode.NOT_A_MEMBER);
        assertThat(directory.membership("bob", RoomInfo.GENERAL).everyone()).isTrue();
    }

    @Test
    void changesFromTheStoreReachTheCache() {
        store.addMember("lobby", "bob");
        assertThat(directory.isMember("bob", "lobby")).isTrue();
        assertThat(directory.roomsOf("bob")).containsExactly(RoomInfo.GENERAL, "lobby");

        store.removeMember("lobby", "bob");
        assertThat(directory.isMember("bob", "lobby")).isFalse();
        assertThat(directory.roomsOf("bob")).containsExactly(RoomInfo.GENERAL);
    }

    @Test
    void aUsersRoomsAreGeneralFirstThenByTheNameTheySee() {
        store.create(new RoomInfo("Zebra", RoomInfo.Kind.PUBLIC, null, "bob", Set.of("bob")));
        store.create(new RoomInfo("dm:1:2", RoomInfo.Kind.DIRECT, null, null, Set.of("bob", "carol")));
        store.addMember("lobby", "bob");

        assertThat(directory.roomsOf("bob")).containsExactly(RoomInfo.GENERAL, "dm:1:2", "lobby", "Zebra");
        assertThat(directory.find("dm:1:2").orElseThrow().nameFor("bob")).isEqualTo("carol");
    }

    @Test
    void theDirectoryListsPublicRoomsOnly() {
        store.create(new RoomInfo("secret", RoomInfo.Kind.PRIVATE, null, "alice", Set.of("alice")));
        assertThat(directory.publicRooms()).extracting(RoomInfo::id).containsExactly(RoomInfo.GENERAL, "lobby");
    }

    private static ChatException refusal(Runnable action) {
        try {
            action.run();
        } catch (ChatException e) {
            return e;
        }
        throw new AssertionError("expected a refusal");
    }
}
