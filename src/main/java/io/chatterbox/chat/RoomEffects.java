package io.chatterbox.chat;

import jakarta.enterprise.context.ApplicationScoped;

import io.chatterbox.core.Fanout;
import io.chatterbox.core.NodeSessions;
import io.chatterbox.messages.RoomHistory;
import io.chatterbox.presence.PresenceAnnouncer;
import io.chatterbox.rooms.RoomEvents;
import io.chatterbox.rooms.RoomInfo;

/**
 * What follows a committed membership change, in chat order: the member's sessions start or stop hearing the room,
 * they get (or lose) it in their sidebar, and the room's members and presence are told.
 */
@ApplicationScoped
public class RoomEffects {

    private final NodeSessions sessions;
    private final Fanout fanout;
    private final RoomHistory history;
    private final RoomViews views;
    private final PresenceAnnouncer presence;

    public RoomEffects(NodeSessions sessions, Fanout fanout, RoomHistory history, RoomViews views,
            PresenceAnnouncer presence) {
        this.sessions = sessions;
        this.fanout = fanout;
        this.history = history;
        this.views = views;
        this.presence = presence;
    }

    void joined(RoomInfo room, String username) {
        sessions.subscribe(username, room.id());
        fanout.toUser(username, new RoomEvents.Joined(views.view(room, username)));
        fanout.toUser(username, history.onConnect(room.id(), null));
        fanout.toUser(username, presence.snapshot(room.id()));
        fanout.toRoomExcept(room.id(), new RoomEvents.MembersChanged(room.id(), username, RoomEvents.Change.JOINED), username);
        presence.memberChanged(room.id(), username);
    }

    void left(RoomInfo room, String username, RoomEvents.Departure reason) {
        sessions.unsubscribe(username, room.id());
        fanout.toUser(username, new RoomEvents.Left(room.id(), reason));
        fanout.toRoom(room.id(), new RoomEvents.MembersChanged(room.id(), username, RoomEvents.Change.LEFT));
        presence.memberChanged(room.id(), username);
    }
}
