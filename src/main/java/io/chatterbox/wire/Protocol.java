package io.chatterbox.wire;

import java.util.Set;

import io.chatterbox.core.ChatEvent;
import io.chatterbox.core.Refused;
import io.chatterbox.messages.MessageEvents;
import io.chatterbox.presence.PresenceEvents;
import io.chatterbox.rooms.RoomInfo;

/**
 * The two versions of the socket protocol, and all that differs between them (with {@link WireMapper}). v1 is the
 * seed's contract: one room, {@code general}, and four frame types; v2 ({@code /ws?v=2}) carries every room and
 * every event.
 */
public enum Protocol {

    V1 {
        private static final Set<Class<?>> CARRIED = Set.of(MessageEvents.History.class, MessageEvents.PageLoaded.class,
                MessageEvents.Posted.class, PresenceEvents.Snapshot.class, PresenceEvents.Changed.class, Refused.class);

        @Override
        public boolean receives(Class<? extends ChatEvent> type, String room) {
            return (room == null || RoomInfo.GENERAL.equals(room)) && CARRIED.contains(type);
        }

        @Override
        public boolean acceptsCommandsFor(String room) {
            return RoomInfo.GENERAL.equals(room);
        }
    },

    V2 {
        @Override
        public boolean receives(Class<? extends ChatEvent> type, String room) {
            return true;
        }

        @Override
        public boolean acceptsCommandsFor(String room) {
            return true;
        }
    };

    /** The protocol asked for by the upgrade's {@code v} parameter: "2" for v2, anything else v1. */
    public static Protocol of(String version) {
        return "2".equals(version) ? V2 : V1;
    }

    /** Whether a client of this protocol is sent events of this type about this room (null: about no one room). */
    public abstract boolean receives(Class<? extends ChatEvent> type, String room);

    /** Whether a client of this protocol may send commands about this room (else it is refused as unknown). */
    public abstract boolean acceptsCommandsFor(String room);
}
