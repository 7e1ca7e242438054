package io.chatterbox.chat;

import jakarta.enterprise.context.ApplicationScoped;

import io.chatterbox.core.ChatOrder;
import io.chatterbox.core.Fanout;
import io.chatterbox.core.NodeSessions;
import io.chatterbox.messages.RoomHistory;
import io.chatterbox.presence.PresenceAnnouncer;
import io.chatterbox.rooms.RoomChange;
import io.chatterbox.rooms.RoomDirectory;
import io.chatterbox.rooms.RoomEvents;
import io.chatterbox.rooms.RoomInfo;
import io.chatterbox.rooms.RoomStore;
import io.quarkus.runtime.Startup;

/**
 * What follows a committed membership change, in chat order: the member's sessions start or stop hearing the room,
 * they get (or lose) it in their sidebar, and the room's members and presence are told.
 */
@ApplicationScoped
@Startup // listens for missed changes from the start, before anyone on this node changes a room
public class RoomEffects {

    private final NodeSessions sessions;
    private final Fanout fanout;
    private final RoomHistory history;
    private final RoomViews views;
    private final PresenceAnnouncer presence;
    private final RoomDirectory directory;

    public RoomEffects(NodeSessions sessions, Fanout fanout, RoomHistory history, RoomViews views,
            PresenceAnnouncer presence, RoomDirectory directory, RoomStore store, ChatOrder order) {
        this.sessions = sessions;
        this.fanout = fanout;
        this.history = history;
        this.views = views;
        this.presence = presence;
        this.directory = directory;
        store.onMissed(change -> order.runInOrder(() -> missed(change)));
    }

    void joined(RoomInfo room, String username) {
        sessions.subscribe(username, room.id());
        fanout.toUser(username, new RoomEvents.Joined(views.view(room, username)));
        fanout.toUser(username, history.onConnect(room.id(), null));
        fanout.toUser(username, presence.snapshot(room.id()));
        fanout.toRoomExcept(room.id(), new RoomEvents.MembersChanged(room.id(), username, RoomEvents.Change.JOINED), username);
        presence.memberChanged(room.id(), username);
    }

    /**
     * This node's share of what follows a change made on another node while the nodes' channel was lost: that node
     * told its own sessions, and what it sent this node's never arrived. The member's sessions here already hear the
     * room (or no longer do); they get it in (or out of) their sidebar, and the room's sessions here are told. A
     * removal is told as {@code left}: from the store alone, who made it cannot be known.
     */
    private void missed(RoomChange change) {
        if (change instanceof RoomChange.Created created) {
            created.info().members().forEach(member -> joinedHere(created.info(), member));
        } else if (change instanceof RoomChange.MemberAdded added) {
            directory.find(added.room()).ifPresent(room -> joinedHere(room, added.username()));
        } else if (change instanceof RoomChange.MemberRemoved removed) {
            sessions.deliverToUser(removed.username(), new RoomEvents.Left(removed.room(), RoomEvents.Departure.LEFT));
            sessions.deliverToRoom(removed.room(),
                    new RoomEvents.MembersChanged(removed.room(), removed.username(), RoomEvents.Change.LEFT), null);
            presence.memberChanged(removed.room(), removed.username());
        }
    }

    private void joinedHere(RoomInfo room, String username) {
        sessions.deliverToUser(username, new RoomEvents.Joined(views.view(room, username)));
        sessions.deliverToUser(username, history.onConnect(room.id(), null));
        sessions.deliverToUser(username, presence.snapshot(room.id()));
        sessions.deliverToRoom(room.id(), new RoomEvents.MembersChanged(room.id(), username, RoomEvents.Change.JOINED),
                username);
        presence.memberChanged(room.id(), username);
    }

    void left(RoomInfo room, String username, RoomEvents.Departure reason) {
        sessions.unsubscribe(username, room.id());
        fanout.toUser(username, new RoomEvents.Left(room.id(), reason));
        fanout.toRoom(room.id(), new RoomEvents.MembersChanged(room.id(), username, RoomEvents.Change.LEFT));
        presence.memberChanged(room.id(), username);
    }
}
