package io.chatterbox.chat;

import jakarta.enterprise.context.ApplicationScoped;

import io.chatterbox.messages.ReadMarkers;
import io.chatterbox.rooms.RoomInfo;
import io.chatterbox.rooms.RoomView;

/** Builds a room as one user sees it: its name for them and how far they have read. Reads the store. */
@ApplicationScoped
public class RoomViews {

    private final ReadMarkers readMarkers;

    public RoomViews(ReadMarkers readMarkers) {
        this.readMarkers = readMarkers;
    }

    public RoomView view(RoomInfo room, String viewer) {
        ReadMarkers.ReadState read = readMarkers.state(viewer, room.id());
        return new RoomView(room.id(), room.nameFor(viewer), room.kind().wire(), room.topic(), room.owner(),
                room.kind() == RoomInfo.Kind.DIRECT ? room.otherThan(viewer) : null,
                read.unread(), read.lastReadId(), read.lastMessageId());
    }
}
