package io.chatterbox.chat;

import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;

import io.chatterbox.realtime.ConnectionRegistry;
import io.chatterbox.realtime.event.EventEncoder;
import io.chatterbox.realtime.event.RoomEvents;
import io.chatterbox.rooms.RoomDirectory;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * How far each user has read each room. A marker only moves forward, and never past the room's newest message;
 * every change goes to all of the user's connections, so reading in one tab clears the count in the others.
 */
@ApplicationScoped
public class ReadMarkers {

    private final MessageStore store;
    private final MessageHistory history;
    private final RoomDirectory rooms;
    private final ConnectionRegistry registry;
    private final EventEncoder encoder;

    ReadMarkers(MessageStore store, MessageHistory history, RoomDirectory rooms, ConnectionRegistry registry,
            EventEncoder encoder) {
        this.store = store;
        this.history = history;
        this.rooms = rooms;
        this.registry = registry;
        this.encoder = encoder;
    }

    public CompletionStage<RoomEvents.Read> markRead(String username, String room, long id) {
        rooms.membership(username, room);
        if (id < 0) {
            throw new ChatException("invalid_id", "A message id is a whole number ≥ 0");
        }
        return store.call(() -> {
            rooms.membership(username, room);
            long lastRead = QuarkusTransaction.requiringNew()
                    .call(() -> ReadMarker.advance(room, username, Math.min(id, Message.newestIdIn(room))));
            RoomEvents.Read read = new RoomEvents.Read(room, lastRead, history.unread(username, room, lastRead));
            registry.sendToUser(username, encoder.encode(read));
            return read;
        });
    }
}
