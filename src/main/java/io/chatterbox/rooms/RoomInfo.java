package io.chatterbox.rooms;

import java.util.Locale;
import java.util.Set;

/**
 * A room as the server keeps it in memory: what it is and who is in it. Immutable; a change replaces it.
 * {@code general} has no member set: everyone is in it.
 */
public record RoomInfo(String id, Kind kind, String topic, String owner, Set<String> members) {

    public static final String GENERAL = "general";

    public enum Kind {
        PUBLIC, PRIVATE, DIRECT;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Kind of(String wire) {
            return valueOf(wire.toUpperCase(Locale.ROOT));
        }
    }

    public boolean everyone() {
        return GENERAL.equals(id);
    }

    public boolean has(String username) {
        return everyone() || members.contains(username);
    }

    /** What {@code viewer} calls the room: its name, or for a direct conversation the other person. */
    public String nameFor(String viewer) {
        return kind == Kind.DIRECT ? otherThan(viewer) : id;
    }

    /** The other participant of a direct conversation. */
    public String otherThan(String viewer) {
        return members.stream().filter(member -> !member.equals(viewer)).findFirst().orElse(viewer);
    }

    RoomInfo withMembers(Set<String> changed) {
        return new RoomInfo(id, kind, topic, owner, Set.copyOf(changed));
    }
}
