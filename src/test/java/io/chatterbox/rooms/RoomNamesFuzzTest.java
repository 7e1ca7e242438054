package io.chatterbox.rooms;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.code_intelligence.jazzer.mutation.annotation.NotNull;

import io.chatterbox.core.ChatException;
import io.chatterbox.core.ErrorCode;

/**
 * Fuzzes the room-name rule: an accepted name is its own stored form (normalising it again changes nothing, so a
 * stored name always finds its room), and anything else is refused as an invalid room name, never thrown otherwise.
 */
class RoomNamesFuzzTest {

    @FuzzTest(maxDuration = "10s")
    void acceptedRoomNamesAreStableAndRefusedOnesAreInvalidRoomName(@NotNull String requested) {
        String name;
        try {
            name = RoomNames.normalize(requested);
        } catch (ChatException refused) {
            assertThat(refused.code()).isEqualTo(ErrorCode.INVALID_ROOM_NAME);
            return;
        }
        assertThat(RoomNames.normalize(name)).isEqualTo(name);
        assertThat(name.codePointCount(0, name.length())).isBetween(2, 32);
    }
}
