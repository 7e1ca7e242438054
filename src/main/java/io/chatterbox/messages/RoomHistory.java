package io.chatterbox.messages;

import java.util.Collection;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.chatterbox.config.ChatterboxConfig;
import io.chatterbox.core.ChatEvent;
import io.chatterbox.core.ChatException;
import io.chatterbox.core.ErrorCode;
import io.chatterbox.core.Fanout;
import io.chatterbox.limits.RateLimit;
import io.chatterbox.limits.RateLimits;
import io.chatterbox.rooms.RoomDirectory;

/** What a client is shown of a room's past: on connecting, on resuming, and page by page as it scrolls. */
@ApplicationScoped
public class RoomHistory {

    public static final int MAX_PAGE = 100;

    private final MessageLog log;
    private final RoomDirectory rooms;
    private final Fanout fanout;
    private final ChatterboxConfig.Chat limits;
    /** Pages per user, over the socket and HTTP together: each one is a read of up to 100 messages. */
    private final RateLimit pageRate;

    public RoomHistory(MessageLog log, RoomDirectory rooms, Fanout fanout, RateLimits rateLimits, ChatterboxConfig config) {
        this.log = log;
        this.fanout = fanout;
        this.rooms = rooms;
        this.limits = config.chat();
        this.pageRate = rateLimits.perSecond("pages", config.limits().pagesPerSecond(), config.limits().pageBurst());
    }

    /**
     * The latest messages, or all after {@code since}; a gap past the resume limit gets the latest with resync. In
     * chat order, with the session attached right after: only what this node has delivered already, so what is newer
     * reaches the session live, once.
     */
    public MessageEvents.History onConnect(String room, Long since) {
        if (since == null) {
            return new MessageEvents.History(room, delivered(log.latest(room, limits.historySize())), false);
        }
        Page missed = log.after(room, since, limits.resumeLimit());
        if (missed.hasMore()) {
            return new MessageEvents.History(room, delivered(log.latest(room, limits.historySize())), true);
        }
        return new MessageEvents.History(room, delivered(missed), false);
    }

    private List<StoredMessage> delivered(Page page) {
        long upTo = fanout.deliveredUpTo();
        return upTo == Long.MAX_VALUE ? page.messages()
                : page.messages().stream().filter(message -> message.id() <= upTo).toList();
    }

    /** How a client that saw everything up to {@code since} learns of the edits and deletions it missed. */
    public List<ChatEvent> changedSince(Collection<String> rooms, long since) {
        return log.changedSince(rooms, since, limits.resumeLimit()).stream()
                .map(message -> message.deleted() ? new MessageEvents.Deleted(message.room(), message.id())
                        : (ChatEvent) new MessageEvents.Edited(message))
                .toList();
    }

    /** A page before or after a message id (or the latest) of a room the user is in. Blocks: call off event loops. */
    public MessageEvents.PageLoaded page(String username, String room, Long before, Long after, Integer limit) {
        rooms.membership(username, room);
        if (before != null && after != null) {
            throw new ChatException(ErrorCode.INVALID_PAGE, "Ask for messages before an id or after one, not both");
        }
        int size = limit == null ? limits.historySize() : limit;
        if (size < 1 || size > MAX_PAGE) {
            throw new ChatException(ErrorCode.INVALID_LIMIT, "limit must be between 1 and " + MAX_PAGE);
        }
        pageRate.spend(username, "You are asking for history too fast");
        Page page = before != null ? log.before(room, before, size)
                : after != null ? log.after(room, after, size)
                : log.latest(room, size);
        return new MessageEvents.PageLoaded(room, page.messages(), before, after, page.hasMore());
    }
}
