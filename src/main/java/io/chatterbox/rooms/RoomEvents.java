package io.chatterbox.rooms;

import java.util.List;

import io.chatterbox.core.ChatEvent;

/** What clients hear about rooms and their members. */
public final class RoomEvents {

    private RoomEvents() {
    }

    /** The user's rooms as they see them: the first thing a session that shows rooms is told. */
    public record Listed(List<RoomView> rooms) implements ChatEvent {
        @Override
        public String room() {
            return null;
        }
    }

    /** The user is now in the room (created, joined, added, or a direct conversation started with them). */
    public record Joined(RoomView view) implements ChatEvent {
        @Override
        public String room() {
            return view.room();
        }
    }

    public enum Departure {
        LEFT, REMOVED
    }

    /** The user is no longer in the room; nothing more of it follows. */
    public record Left(String room, Departure reason) implements ChatEvent {
    }

    public enum Change {
        JOINED, LEFT
    }

    /** Someone joined or left a room the recipient is in. */
    public record MembersChanged(String room, String username, Change change) implements ChatEvent {
    }
}
