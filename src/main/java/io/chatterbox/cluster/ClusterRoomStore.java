package io.chatterbox.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
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
    private final List<Consumer<RoomChange>> missedListeners = new CopyOnWriteArrayList<>();
    /** Every room's members as this node last heard them: what a catch-up after a lost channel compares with. */
    private final Map<String, Set<String>> heardMembers = new ConcurrentHashMap<>();

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
        List<RoomInfo> rooms = store.loadAll();
        rooms.forEach(room -> heardMembers.put(room.id(), concurrentCopy(room.members())));
        return rooms;
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

    @Override
    public void onMissed(Consumer<RoomChange> listener) {
        missedListeners.add(listener);
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

    /**
     * After the channel was lost: the changes this node did not hear, worked out from the store, are applied as if
     * heard — so its directory refuses a removed member at once and its sessions start or stop hearing the room —
     * then told to the {@link #onMissed} listeners, which send this node's sessions what they missed.
     */
    void catchUp() {
        List<RoomChange> missed = new ArrayList<>();
        for (RoomInfo room : store.loadAll()) {
            Set<String> before = heardMembers.get(room.id());
            if (before == null) {
                missed.add(new RoomChange.Created(room));
                continue;
            }
            Set<String> known = Set.copyOf(before);
            room.members().stream().filter(member -> !known.contains(member))
                    .forEach(member -> missed.add(new RoomChange.MemberAdded(room.id(), member)));
            known.stream().filter(member -> !room.members().contains(member))
                    .forEach(member -> missed.add(new RoomChange.MemberRemoved(room.id(), member)));
        }
        for (RoomChange change : missed) {
            heard(change);
            missedListeners.forEach(listener -> listener.accept(change));
        }
    }

    private static Set<String> concurrentCopy(Set<String> members) {
        Set<String> copy = ConcurrentHashMap.newKeySet();
        copy.addAll(members);
        return copy;
    }

    private void tell(RoomChange change) {
        if (change instanceof RoomChange.Created created) {
            heardMembers.put(created.room(), concurrentCopy(created.info().members()));
        } else if (change instanceof RoomChange.MemberAdded added) {
            heardMembers.computeIfAbsent(added.room(), room -> ConcurrentHashMap.newKeySet()).add(added.username());
        } else if (change instanceof RoomChange.MemberRemoved removed) {
            heardMembers.getOrDefault(removed.room(), Set.of()).remove(removed.username());
        }
        listeners.forEach(listener -> listener.accept(change));
    }
}
