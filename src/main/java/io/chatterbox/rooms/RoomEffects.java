package io.chatterbox.rooms;

import jakarta.enterprise.context.ApplicationScoped;

import io.chatterbox.chat.PresenceAnnouncer;
import io.chatterbox.chat.RoomHistory;
import io.chatterbox.realtime.ConnectionRegistry;
import io.chatterbox.realtime.event.EventEncoder;
import io.chatterbox.realtime.event.RoomEvents;

/**
 * What follows a committed membership change, on the writer thread: the member's connections start or stop
 * hearing the room, they get (or lose) it in their sidebar, and the room's members and presence are told.
 */
@ApplicationScoped
class RoomEffects {

    private final ConnectionRegistry registry;
    private final RoomHistory history;
    private final RoomViews views;
    private final PresenceAnnouncer presence;
    private final EventEncoder encoder;

    RoomEffects(ConnectionRegistry registry, RoomHistory history, RoomViews views, PresenceAnnouncer presence,
            EventEncoder encoder) {
        this.registry = registry;
        this.history = history;
        this.views = views;
        this.presence = presence;
        this.encoder = encoder;
    }

    void joined(RoomInfo room, String username) {
        registry.subscribe(username, room.id());
        registry.sendToUser(username, encoder.encode(new RoomEvents.Joined(views.view(room, username))));
        registry.sendToUser(username, encoder.encode(history.onConnect(room.id(), null)));
        registry.sendToUser(username, presence.currentList(room.id()));
        registry.broadcastV2(room.id(), encoder.encode(new RoomEvents.Members(room.id(), username, "joined")), username);
        presence.memberChanged(room.id(), username);
    }

    void left(RoomInfo room, String username, String reason) {
        registry.unsubscribe(username, room.id());
        registry.sendToUser(username, encoder.encode(new RoomEvents.Left(room.id(), reason)));
        registry.broadcastV2(room.id(), encoder.encode(new RoomEvents.Members(room.id(), username, "left")), null);
        presence.memberChanged(room.id(), username);
    }
}
