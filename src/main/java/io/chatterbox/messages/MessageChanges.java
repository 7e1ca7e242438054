package io.chatterbox.messages;

import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;

import io.chatterbox.config.ChatterboxConfig;
import io.chatterbox.core.ChatException;
import io.chatterbox.core.ChatOrder;
import io.chatterbox.core.ErrorCode;
import io.chatterbox.core.Fanout;
import io.chatterbox.files.FileService;
import io.chatterbox.limits.RateLimit;
import io.chatterbox.limits.RateLimits;
import io.chatterbox.rooms.RoomDirectory;

/**
 * Edits and deletions of one's own messages; deleting one deletes the files it carries. Both are made in {@link ChatOrder}, so they are ordered with the
 * messages around them, and go to the room as events once stored. A deleted message stays as a tombstone with
 * empty text; search forgets it.
 */
@ApplicationScoped
public class MessageChanges {

    private final ChatOrder order;
    private final MessageLog log;
    private final RoomDirectory rooms;
    private final MessageText text;
    private final Fanout fanout;
    private final FileService files;
    /** Edits and deletions per user: each is a write transaction and a broadcast to the room. */
    private final RateLimit rate;

    public MessageChanges(ChatOrder order, MessageLog log, RoomDirectory rooms, MessageText text, Fanout fanout,
            RateLimits limits, FileService files, ChatterboxConfig config) {
        this.files = files;
        this.order = order;
        this.log = log;
        this.rooms = rooms;
        this.text = text;
        this.fanout = fanout;
        this.rate = limits.perSecond("message-changes", config.limits().messageChangesPerSecond(),
                config.limits().messageChangeBurst());
    }

    public CompletionStage<MessageEvents.Edited> edit(String username, String room, long id, String newText) {
        rooms.membership(username, room);
        String checked = text.check(newText);
        rate.spend(username, "You are editing or deleting too fast");
        return order.call(() -> {
            rooms.membership(username, room);
            ownMessage(username, room, id);
            MessageEvents.Edited edited = log.edit(id, checked, System.currentTimeMillis()).map(MessageEvents.Edited::new)
                    .orElseThrow(() -> new ChatException(ErrorCode.MESSAGE_DELETED, "That message was deleted"));
            fanout.toRoom(room, edited);
            return edited;
        });
    }

    /** Deleting a message that is already deleted succeeds and tells no one. */
    public CompletionStage<Void> delete(String username, String room, long id) {
        rooms.membership(username, room);
        rate.spend(username, "You are editing or deleting too fast");
        return order.call(() -> {
            rooms.membership(username, room);
            StoredMessage message = ownMessage(username, room, id);
            if (log.delete(id, System.currentTimeMillis())) {
                fanout.toRoom(room, new MessageEvents.Deleted(room, id));
                if (!message.attachments().isEmpty()) {
                    files.messageDeleted(id);
                }
            }
            return null;
        });
    }

    private StoredMessage ownMessage(String username, String room, long id) {
        StoredMessage message = log.find(id).filter(found -> found.room().equals(room))
                .orElseThrow(() -> new ChatException(ErrorCode.UNKNOWN_MESSAGE, "There is no message " + id + " in #" + room));
        if (!message.username().equals(username)) {
            throw new ChatException(ErrorCode.NOT_YOUR_MESSAGE, "You can only change your own messages");
        }
        return message;
    }
}
