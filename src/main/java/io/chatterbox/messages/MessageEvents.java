package io.chatterbox.messages;

import java.util.List;

import io.chatterbox.core.ChatEvent;

/** What clients hear about messages: new ones, changed ones, pages of history and how far they have read. */
public final class MessageEvents {

    private MessageEvents() {
    }

    /** A message was stored (to its room), or a resent clientId found its earlier copy (to the sender's session). */
    public record Posted(StoredMessage message) implements ChatEvent {
        @Override
        public String room() {
            return message.room();
        }
    }

    public record Edited(StoredMessage message) implements ChatEvent {
        @Override
        public String room() {
            return message.room();
        }
    }

    public record Deleted(String room, long id) implements ChatEvent {
    }

    /**
     * What a session is shown of a room when it starts hearing it: the latest messages, or those it missed. With
     * {@code resync} it missed too many: these are the latest, and replace what it shows of the room.
     */
    public record History(String room, List<StoredMessage> messages, boolean resync) implements ChatEvent {
    }

    /** A page a client asked for: before or after a message id (or the latest), and whether more exist beyond it. */
    public record PageLoaded(String room, List<StoredMessage> messages, Long before, Long after, boolean hasMore)
            implements ChatEvent {
    }

    /** The user's read marker in the room moved; {@code unread} is what is left after it. */
    public record Read(String room, long lastReadId, long unread) implements ChatEvent {
    }
}
