package io.chatterbox.wire;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

import io.chatterbox.core.ChatEvent;
import io.chatterbox.core.ChatException;
import io.chatterbox.core.Refused;
import io.chatterbox.files.Attachment;
import io.chatterbox.messages.MessageEvents;
import io.chatterbox.messages.StoredMessage;
import io.chatterbox.presence.PresenceEvents;
import io.chatterbox.rooms.RoomEvents;
import io.chatterbox.rooms.RoomView;

/**
 * Turns core events into frames: the one place that knows the JSON shapes, and, with {@link Protocol}, the one
 * place where v1 and v2 differ. A v1 client shares v2's frame for every event it is sent except presence changes,
 * which it gets as the room's whole list.
 */
public final class WireMapper {

    /** Always millisecond precision in UTC, e.g. 2026-11-26T10:15:30.120Z, so clients can parse one shape. */
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private WireMapper() {
    }

    /** The frame a client speaking {@code protocol} is sent for the event, or null when it is not sent one. */
    public static Object frame(ChatEvent event, Protocol protocol) {
        if (!protocol.receives(event.getClass(), event.room())) {
            return null;
        }
        if (protocol == Protocol.V1 && event instanceof PresenceEvents.Changed changed) {
            return new Frames.Presence(changed.room(), changed.nowOnline());
        }
        return frame(event, protocol == Protocol.V1);
    }

    /** {@code textOnly}: for v1 clients, which know only text, attachments become readable lines after the caption. */
    private static Object frame(ChatEvent event, boolean textOnly) {
        if (event instanceof MessageEvents.Posted posted) {
            return message("message", posted.message(), textOnly);
        } else if (event instanceof PresenceEvents.Changed changed) {
            return new Frames.PresenceChanged(changed.room(), changed.online(), changed.offline());
        } else if (event instanceof PresenceEvents.Typing typing) {
            return new Frames.Typing(typing.room(), typing.username());
        } else if (event instanceof MessageEvents.History history) {
            return new Frames.History(history.room(), messages(history.messages(), textOnly),
                    history.resync() ? Boolean.TRUE : null, null, null, null);
        } else if (event instanceof MessageEvents.PageLoaded page) {
            return new Frames.History(page.room(), messages(page.messages(), textOnly), null, page.before(), page.after(),
                    page.hasMore());
        } else if (event instanceof PresenceEvents.Snapshot snapshot) {
            return new Frames.Presence(snapshot.room(), snapshot.online());
        } else if (event instanceof MessageEvents.Edited edited) {
            return message("edit", edited.message());
        } else if (event instanceof MessageEvents.Deleted deleted) {
            return new Frames.Delete(deleted.room(), deleted.id());
        } else if (event instanceof MessageEvents.Read read) {
            return read(read);
        } else if (event instanceof Refused refused) {
            return error(refused.error());
        } else if (event instanceof RoomEvents.Listed listed) {
            return new Frames.Rooms(listed.rooms().stream().map(WireMapper::room).toList());
        } else if (event instanceof RoomEvents.Joined joined) {
            return new Frames.RoomJoined(room(joined.view()));
        } else if (event instanceof RoomEvents.Left left) {
            return new Frames.RoomLeft(left.room(), wire(left.reason()));
        } else if (event instanceof RoomEvents.MembersChanged members) {
            return new Frames.Members(members.room(), members.username(), wire(members.change()));
        }
        throw new IllegalArgumentException("No frame for event " + event.getClass().getName());
    }

    public static Frames.Message message(String type, StoredMessage message) {
        return message(type, message, false);
    }

    private static Frames.Message message(String type, StoredMessage message, boolean textOnly) {
        List<Attachment> attachments = message.attachments();
        return new Frames.Message(type, message.id(), message.room(), message.username(),
                textOnly && !attachments.isEmpty() ? withFileLines(message.text(), attachments) : message.text(),
                format(message.timestamp()), message.clientId(),
                message.editedAt() == null ? null : format(message.editedAt()), message.deleted() ? Boolean.TRUE : null,
                textOnly || attachments.isEmpty() ? null : attachments.stream().map(WireMapper::attachment).toList());
    }

    public static List<Frames.Message> messages(List<StoredMessage> messages) {
        return messages(messages, false);
    }

    private static List<Frames.Message> messages(List<StoredMessage> messages, boolean textOnly) {
        return messages.stream().map(message -> message("message", message, textOnly)).toList();
    }

    public static Frames.History page(MessageEvents.PageLoaded page) {
        return (Frames.History) frame(page, false);
    }

    public static Frames.Attachment attachment(Attachment attachment) {
        return new Frames.Attachment(attachment.id(), attachment.name(), attachment.size(), attachment.type(),
                attachment.width(), attachment.height(), attachment.thumbnail() ? Boolean.TRUE : null);
    }

    /** The caption, then one line per file: "[file: holiday.jpg, image/jpeg, 1.2 MB]". */
    private static String withFileLines(String caption, List<Attachment> attachments) {
        StringBuilder text = new StringBuilder(caption);
        for (Attachment attachment : attachments) {
            if (!text.isEmpty()) {
                text.append('\n');
            }
            text.append("[file: ").append(attachment.name()).append(", ").append(attachment.type()).append(", ")
                    .append(readableSize(attachment.size())).append(']');
        }
        return text.toString();
    }

    static String readableSize(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        double kilobytes = bytes / 1024.0;
        return kilobytes < 1024 ? String.format(Locale.ROOT, "%.1f KB", kilobytes)
                : String.format(Locale.ROOT, "%.1f MB", kilobytes / 1024);
    }

    public static Frames.Read read(MessageEvents.Read read) {
        return new Frames.Read(read.room(), read.lastReadId(), read.unread());
    }

    public static Frames.Room room(RoomView view) {
        return new Frames.Room(view.room(), view.name(), view.kind(), view.topic(), view.owner(), view.with(),
                view.unread(), view.lastReadId(), view.lastMessageId());
    }

    public static Frames.Error error(ChatException refusal) {
        return new Frames.Error(refusal.code().wire(), refusal.getMessage(), refusal.clientId());
    }

    private static String wire(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    private static String format(long epochMillis) {
        return TIMESTAMP.format(Instant.ofEpochMilli(epochMillis));
    }
}
