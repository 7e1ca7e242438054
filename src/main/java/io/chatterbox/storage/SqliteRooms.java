package io.chatterbox.storage;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import jakarta.enterprise.context.control.ActivateRequestContext;

import io.chatterbox.rooms.RoomChange;
import io.chatterbox.rooms.RoomInfo;
import io.chatterbox.rooms.RoomStore;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * The embedded {@link RoomStore}: the rooms and room_members tables of the SQLite file. One node writes them, so
 * its change notices are simply told to this node's listeners once each change is committed.
 */
@ApplicationScoped
@Typed(SqliteRooms.class)
@ActivateRequestContext
public class SqliteRooms implements RoomStore {

    private final List<Consumer<RoomChange>> listeners = new CopyOnWriteArrayList<>();

    @Override
    public List<RoomInfo> loadAll() {
        Map<String, Set<String>> members = new HashMap<>();
        RoomMember.<RoomMember> listAll()
                .forEach(member -> members.computeIfAbsent(member.room, room -> new HashSet<>()).add(member.username));
        return Room.<Room> listAll().stream().map(room -> new RoomInfo(room.name, RoomInfo.Kind.of(room.kind), room.topic,
                room.owner, Set.copyOf(members.getOrDefault(room.name, Set.of())))).toList();
    }

    @Override
    public boolean create(RoomInfo info) {
        boolean created = QuarkusTransaction.requiringNew().call(() -> {
            if (Room.findById(info.id()) != null) {
                return false;
            }
            Room room = new Room();
            room.name = info.id();
            room.kind = info.kind().wire();
            room.topic = info.topic();
            room.owner = info.owner();
            room.createdAt = System.currentTimeMillis();
            room.persist();
            info.members().forEach(member -> RoomMember.of(info.id(), member).persist());
            return true;
        });
        if (created) {
            announce(new RoomChange.Created(info));
        }
        return created;
    }

    @Override
    public void addMember(String room, String username) {
        QuarkusTransaction.requiringNew().run(() -> {
            RoomMember.of(room, username).persist();
            SqliteReadMarkers.startAtNewest(username, room);
        });
        announce(new RoomChange.MemberAdded(room, username));
    }

    @Override
    public void removeMember(String room, String username) {
        QuarkusTransaction.requiringNew().run(() -> RoomMember.delete("room = ?1 and username = ?2", room, username));
        announce(new RoomChange.MemberRemoved(room, username));
    }

    @Override
    public void onChange(Consumer<RoomChange> listener) {
        listeners.add(listener);
    }

    private void announce(RoomChange change) {
        listeners.forEach(listener -> listener.accept(change));
    }
}
