package io.chatterbox.messages;

import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;

import io.chatterbox.core.ChatOrder;
import io.chatterbox.core.ErrorCode;
import io.chatterbox.core.Fanout;
import io.chatterbox.core.WholeNumbers;
import io.chatterbox.rooms.RoomDirectory;

/**
 * How far each user has read each room. A marker only moves forward, and never past the room's newest message;
 * every change goes to all of the user's sessions, so reading in one tab clears the count in the others.
 */
@ApplicationScoped
public class ReadMarkers {

    private final ChatOrder order;
    private final MessageLog log;
    private final ReadMarkerStore markers;
    private final RoomDirectory rooms;
    private final Fanout fanout;

    public ReadMarkers(ChatOrder order, MessageLog log, ReadMarkerStore markers, RoomDirectory rooms, Fanout fanout) {
        this.order = order;
        this.log = log;
        this.markers = markers;
        this.rooms = rooms;
        this.fanout = fanout;
    }

    public CompletionStage<MessageEvents.Read> markRead(String username, String room, long id) {
        rooms.membership(username, room);
        WholeNumbers.require(id, "id", ErrorCode.INVALID_ID);
        return order.call(() -> {
            rooms.membership(username, room);
            long lastRead = markers.advance(username, room, Math.min(id, log.newestId(room)));
            MessageEvents.Read read = new MessageEvents.Read(room, lastRead, log.unread(room, lastRead, username));
            fanout.toUser(username, read);
            return read;
        });
    }

    /** How far the user has read the room: the marker, what is unread after it, and the room's newest message. */
    public ReadState state(String username, String room) {
        long lastRead = markers.lastRead(username, room);
        return new ReadState(lastRead, log.unread(room, lastRead, username), log.newestId(room));
    }

    public record ReadState(long lastReadId, long unread, long lastMessageId) {
    }
}
