package io.chatterbox.chat;

import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;

import io.chatterbox.realtime.ConnectionRegistry;
import io.chatterbox.realtime.event.EventEncoder;
import io.chatterbox.realtime.event.MessageEvent;
import io.chatterbox.realtime.event.RoomEvents;
import io.chatterbox.rooms.RoomDirectory;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Edits and deletions of one's own messages. Both run on the writer thread, so they are ordered with the messages
 * around them, and go to the room's members as live events once committed. A deleted message stays as a
 * tombstone with empty text; search forgets it (the full-text index follows the text).
 */
@ApplicationScoped
public class MessageChanges {

    private final MessageStore store;
    private final RoomDirectory rooms;
    private final MessageText text;
    private final ConnectionRegistry registry;
    private final EventEncoder encoder;

    MessageChanges(MessageStore store, RoomDirectory rooms, MessageText text, ConnectionRegistry registry,
            EventEncoder encoder) {
        this.store = store;
        this.rooms = rooms;
        this.text = text;
        this.registry = registry;
        this.encoder = encoder;
    }

    public CompletionStage<MessageEvent> edit(String username, String room, long id, String newText) {
        rooms.membership(username, room);
        String checked = text.check(newText);
        return store.call(() -> {
            rooms.membership(username, room);
            MessageEvent edited = QuarkusTransaction.requiringNew().call(() -> {
                Message message = ownMessage(username, room, id);
                if (message.deleted) {
                    throw new ChatException("message_deleted", "That message was deleted");
                }
                message.text = checked;
                message.editedAt = System.currentTimeMillis();
                return MessageEvent.edit(message);
            });
            registry.broadcastV2(room, encoder.encode(edited), null);
            return edited;
        });
    }

    public CompletionStage<Void> delete(String username, String room, long id) {
        rooms.membership(username, room);
        return store.call(() -> {
            rooms.membership(username, room);
            boolean deletedNow = QuarkusTransaction.requiringNew().call(() -> {
                Message message = ownMessage(username, room, id);
                if (message.deleted) {
                    return false;
                }
                message.deleted = true;
                message.text = "";
                message.editedAt = System.currentTimeMillis();
                return true;
            });
            if (deletedNow) {
                registry.broadcastV2(room, encoder.encode(new RoomEvents.Deleted(room, id)), null);
            }
            return null;
        });
    }

    private static Message ownMessage(String username, String room, long id) {
        Message message = Message.<Message> findByIdOptional(id).filter(found -> found.room.equals(room))
                .orElseThrow(() -> new ChatException("unknown_message", "There is no message " + id + " in #" + room));
        if (!message.username.equals(username)) {
            throw new ChatException("not_your_message", "You can only change your own messages");
        }
        return message;
    }
}
