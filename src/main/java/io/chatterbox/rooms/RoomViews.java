package io.chatterbox.rooms;

import jakarta.enterprise.context.ApplicationScoped;

import io.chatterbox.chat.MessageHistory;

/** Builds a room's descriptor as one user sees it: its name for them and how far they have read. */
@ApplicationScoped
public class RoomViews {

    private final MessageHistory history;

    RoomViews(MessageHistory history) {
        this.history = history;
    }

    public RoomView view(RoomInfo room, String viewer) {
        MessageHistory.ReadState read = history.readState(viewer, room.id());
        return new RoomView(room.id(), room.nameFor(viewer), room.kind().wire(), room.topic(), room.owner(),
                room.kind() == RoomInfo.Kind.DIRECT ? room.otherThan(viewer) : null,
                read.unread(), read.lastReadId(), read.lastMessageId());
    }
}
