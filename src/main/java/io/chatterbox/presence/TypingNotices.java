package io.chatterbox.presence;

import jakarta.enterprise.context.ApplicationScoped;

import io.chatterbox.config.ChatterboxConfig;
import io.chatterbox.core.Fanout;
import io.chatterbox.limits.RateLimit;
import io.chatterbox.limits.RateLimits;
import io.chatterbox.rooms.RoomDirectory;

/**
 * "alice is typing…": told to the room's other members at once (not in {@link io.chatterbox.core.ChatOrder}: it is
 * never stored and needs no order with messages), at most once per user and room per typing interval.
 */
@ApplicationScoped
public class TypingNotices {

    private final RoomDirectory rooms;
    private final Fanout fanout;
    private final RateLimit rate;

    public TypingNotices(RoomDirectory rooms, Fanout fanout, RateLimits limits, ChatterboxConfig config) {
        this.rooms = rooms;
        this.fanout = fanout;
        double perSecond = 1000.0 / Math.max(1, config.chat().typingInterval().toMillis());
        this.rate = limits.perSecond("typing", perSecond, 1);
    }

    public void typing(String username, String room) {
        rooms.membership(username, room);
        if (rate.tryAcquire(username + '\u0000' + room) == 0) {
            fanout.toRoomExcept(room, new PresenceEvents.Typing(room, username), username);
        }
    }
}
