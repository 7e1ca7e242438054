package io.chatterbox.support.memory;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import io.chatterbox.messages.MessageLog;
import io.chatterbox.messages.ReadMarkerStore;
import io.chatterbox.rooms.RoomChange;
import io.chatterbox.rooms.RoomInfo;
import io.chatterbox.rooms.RoomStore;

/** A {@link RoomStore} in a map, for the unit tier; like the embedded one it tells its own changes to its listeners. */
public final class InMemoryRoomStore implements RoomStore {

    private final Map<String, RoomInfo> rooms = new ConcurrentHashMap<>();
    private final List<Consumer<RoomChange>> listeners = new CopyOnWriteArrayList<>();
    private final ReadMarkerStore markers;
    private final MessageLog log;

    public InMemoryRoomStore(ReadMarkerStore markers, MessageLog log) {
        this.markers = markers;
        this.log = log;
    }

    @Override
    public List<RoomInfo> loadAll() {
        return new ArrayList<>(rooms.values());
    }

    @Override
    public boolean create(RoomInfo room) {
        if (rooms.putIfAbsent(room.id(), room) != null) {
            return false;
        }
        announce(new RoomChange.Created(room));
        return true;
    }

    @Override
    public void addMember(String room, String username) {
        rooms.computeIfPresent(room, (id, info) -> withMember(info, username, true));
        markers.advance(username, room, log.newestId(room));
        announce(new RoomChange.MemberAdded(room, username));
    }

    @Override
    public void removeMember(String room, String username) {
        rooms.computeIfPresent(room, (id, info) -> withMember(info, username, false));
        announce(new RoomChange.MemberRemoved(room, username));
    }

    @Override
    public void onChange(Consumer<RoomChange> listener) {
        listeners.add(listener);
    }

    private void announce(RoomChange change) {
        listeners.forEach(listener -> listener.accept(change));
    }

    private static RoomInfo withMember(RoomInfo info, String username, boolean add) {
        Set<String> members = new HashSet<>(info.members());
        if (add) {
            members.add(username);
        } else {
            members.remove(username);
        }
        return new RoomInfo(info.id(), info.kind(), info.topic(), info.owner(), Set.copyOf(members));
    }
}
