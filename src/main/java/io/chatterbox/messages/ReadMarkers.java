package io.chatterbox.messages;

import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;

import io.chatterbox.config.ChatterboxConfig;
import io.chatterbox.core.ChatOrder;
import io.chatterbox.core.ErrorCode;
import io.chatterbox.core.Fanout;
import io.chatterbox.core.WholeNumbers;
import io.chatterbox.limits.RateLimit;
import io.chatterbox.limits.RateLimits;
import io.chatterbox.rooms.RoomDirectory;

/**
 * How far each user has read each room. A marker only moves forward, and never past the room's newest message;
 * every change goes to all of the user's sessions, so reading in one tab clears the count in the others. Unread
 * counts stop at {@value #UNREAD_COUNTED_UP_TO}, so no count reads a whole backlog.
 */
@ApplicationScoped
public class ReadMarkers {

    /** Unread messages are counted up to this many; clients show "99+" beyond 99. */
    public static final int UNREAD_COUNTED_UP_TO = 100;

    private final ChatOrder order;
    private final MessageLog log;
    private final ReadMarkerStore markers;
    private final RoomDirectory rooms;
    private final Fanout fanout;
    private final RateLimit rate;

    public ReadMarkers(ChatOrder order, MessageLog log, ReadMarkerStore markers, RoomDirectory rooms, Fanout fanout,
            RateLimits limits, ChatterboxConfig config) {
        this.order = order;
        this.log = log;
        this.markers = markers;
        this.rooms = rooms;
        this.fanout = fanout;
        this.rate = limits.perSecond("read-markers", config.limits().readMarkersPerSecond(), config.limits().readMarkerBurst());
    }

    public CompletionStage<MessageEvents.Read> markRead(String username, String room, long id) {
        rooms.membership(username, room);
        WholeNumbers.require(id, "id", ErrorCode.INVALID_ID);
        rate.spend(username, "You are marking rooms read too fast");
        return order.call(() -> {
            rooms.membership(username, room);
            long lastRead = markers.advance(username, room, Math.min(id, log.newestId(room)));
            MessageEvents.Read read = new MessageEvents.Read(room, lastRead, unread(username, room, lastRead));
            fanout.toUser(username, read);
            return read;
        });
    }

    /** How far the user has read the room: the marker, what is unread after it, and the room's newest message. */
    public ReadState state(String username, String room) {
        long lastRead = markers.lastRead(username, room);
        return new ReadState(lastRead, unread(username, room, lastRead), log.newestId(room));
    }

    private long unread(String username, String room, long lastRead) {
        return log.unread(room, lastRead, username, UNREAD_COUNTED_UP_TO);
    }

    public record ReadState(long lastReadId, long unread, long lastMessageId) {
    }
}
