package io.chatterbox.chat;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.chatterbox.config.ChatterboxConfig;
import io.chatterbox.realtime.event.HistoryEvent;
import io.chatterbox.realtime.event.MessageEvent;
import io.chatterbox.rooms.RoomDirectory;

/** History frames and pages of one room: what a connecting client gets, and what a scrolling one asks for. */
@ApplicationScoped
public class RoomHistory {

    public static final int MAX_PAGE = 100;

    private final MessageHistory history;
    private final RoomDirectory rooms;
    private final ChatterboxConfig.Chat limits;

    RoomHistory(MessageHistory history, RoomDirectory rooms, ChatterboxConfig config) {
        this.history = history;
        this.rooms = rooms;
        this.limits = config.chat();
    }

    /** The latest messages, or all after {@code since}; a gap past the resume limit gets the latest with resync. */
    public HistoryEvent onConnect(String room, Long since) {
        if (since == null) {
            return HistoryEvent.of(room, events(history.latest(room, limits.historySize()).messages()));
        }
        MessageHistory.Page missed = history.after(room, since, limits.resumeLimit());
        if (missed.hasMore()) {
            return HistoryEvent.resync(room, events(history.latest(room, limits.historySize()).messages()));
        }
        return HistoryEvent.of(room, events(missed.messages()));
    }

    /** A page before or after a message id (or the latest) of a room the user is in. */
    public HistoryEvent page(String username, String room, Long before, Long after, Integer limit) {
        rooms.membership(username, room);
        if (before != null && after != null) {
            throw new ChatException("invalid_page", "Ask for messages before an id or after one, not both");
        }
        int size = limit == null ? limits.historySize() : limit;
        if (size < 1 || size > MAX_PAGE) {
            throw new ChatException("invalid_limit", "limit must be between 1 and " + MAX_PAGE);
        }
        MessageHistory.Page page = before != null ? history.before(room, before, size)
                : after != null ? history.after(room, after, size)
                : history.latest(room, size);
        return new HistoryEvent(room, events(page.messages()), null, before, after, page.hasMore());
    }

    private static List<MessageEvent> events(List<Message> messages) {
        return messages.stream().map(MessageEvent::of).toList();
    }
}
