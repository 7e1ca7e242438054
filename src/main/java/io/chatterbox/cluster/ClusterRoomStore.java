package io.chatterbox.cluster;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import io.chatterbox.core.NodeSessions;
import io.chatterbox.rooms.RoomChange;
import io.chatterbox.rooms.RoomInfo;
import io.chatterbox.rooms.RoomStore;

/**
 * The store of rooms, with its change notices heard on every node: this node's listeners hear a change before the
 * call that made it returns (as on one node), then every other node hears it over the cluster's channel — its
 * {@code RoomDirectory} follows, and its own sessions of the member start or stop hearing the room.
 */
final class ClusterRoomStore implements RoomStore {

    private final RoomStore store;
    private final ClusterChannel channel;
    private final NodeSessions sessions;
    private final List<Consumer<RoomChange>> listeners = new CopyOnWriteArrayList<>();

    ClusterRoomStore(RoomStore store, ClusterChannel channel, NodeSessions sessions) {
        this.store = store;
        this.channel = channel;
        this.sessions = sessions;
        store.onChange(change -> {
            tell(change);
            channel.publish(Envelope.Kind.ROOM_CHANGE, change.room(), null, change);
        });
    }

    @Override
    public List<RoomInfo> loadAll() {
        return store.loadAll();
    }

    @Override
    public boolean create(RoomInfo room) {
        return store.create(room);
    }

    @Override
    public void addMember(String room, String username) {
        store.addMember(room, username);
    }

    @Override
    public void removeMember(String room, String username) {
        store.removeMember(room, username);
    }

    @Override
    public void onChange(Consumer<RoomChange> listener) {
        listeners.add(listener);
    }

    /** Another node's change. */
    void heard(RoomChange change) {
        tell(change);
        if (change instanceof RoomChange.Created created) {
            created.info().members().forEach(member -> sessions.subscribe(member, created.room()));
        } else if (change instanceof RoomChange.MemberAdded added) {
            sessions.subscribe(added.username(), added.room());
        } else if (change instanceof RoomChange.MemberRemoved removed) {
            sessions.unsubscribe(removed.username(), removed.room());
        }
    }

    private void tell(RoomChange change) {
        listeners.forEach(listener -> listener.accept(change));
    }
}
