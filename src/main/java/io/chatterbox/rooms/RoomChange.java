package io.chatterbox.rooms;

/** A committed change to the rooms, as every node's {@link RoomDirectory} hears of it. */
public sealed interface RoomChange {

    String room();

    record Created(RoomInfo info) implements RoomChange {
        @Override
        public String room() {
            return info.id();
        }
    }

    record MemberAdded(String room, String username) implements RoomChange {
    }

    record MemberRemoved(String room, String username) implements RoomChange {
    }
}
