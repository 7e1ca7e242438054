package io.chatterbox.presence;

import java.util.List;

import io.chatterbox.core.ChatEvent;

/** What clients hear about who is online and who is typing. */
public final class PresenceEvents {

    private PresenceEvents() {
    }

    /** Who of the room's members is online, in {@link Presence#ORDER}: the whole list. */
    public record Snapshot(String room, List<String> online) implements ChatEvent {
    }

    /**
     * Who of the room's members came online (or joined it) and who went offline (or left it) since the last
     * announcement, each named once with their state now; {@code nowOnline} is the whole list after the change.
     */
    public record Changed(String room, List<String> online, List<String> offline, List<String> nowOnline)
            implements ChatEvent {
    }

    /** Someone in the room is typing; never stored. */
    public record Typing(String room, String username) implements ChatEvent {
    }
}
