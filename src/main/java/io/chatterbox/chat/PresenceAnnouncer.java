package io.chatterbox.chat;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;

import io.chatterbox.config.ChatterboxConfig;
import io.chatterbox.realtime.ConnectionRegistry;
import io.chatterbox.realtime.event.EventEncoder;
import io.chatterbox.realtime.event.PresenceEvent;
import io.chatterbox.rooms.RoomDirectory;
import io.chatterbox.rooms.RoomInfo;
import io.vertx.core.Vertx;

/**
 * Tells each room's members who of them is online, at most once per interval. Announcing every single change
 * would cost each change a full list to every connection — a connect storm of N people would send N² names.
 * Changes within one interval are folded into one announcement per changed room, of the list as it then is; a
 * newcomer gets the lists at once on joining. A room's list goes only to its own members and names only them, so
 * presence reveals nobody who shares no room with you.
 */
@ApplicationScoped
public class PresenceAnnouncer {

    private final Vertx vertx;
    private final MessageStore store;
    private final ConnectionRegistry registry;
    private final RoomDirectory rooms;
    private final EventEncoder encoder;
    private final long intervalMillis;
    private final AtomicBoolean pending = new AtomicBoolean();
    private final Set<String> changedRooms = ConcurrentHashMap.newKeySet();

    PresenceAnnouncer(Vertx vertx, MessageStore store, ConnectionRegistry registry, RoomDirectory rooms,
            EventEncoder encoder, ChatterboxConfig config) {
        this.vertx = vertx;
        this.store = store;
        this.registry = registry;
        this.rooms = rooms;
        this.encoder = encoder;
        this.intervalMillis = Math.max(1, config.chat().presenceInterval().toMillis());
    }

    /** The user came online or went offline: every room of theirs hears of it within the interval. */
    public void userChanged(String username) {
        rooms.roomsOf(username).forEach(this::roomChanged);
    }

    /** The room's members or their online state changed; one announcement to the room follows within the interval. */
    public void roomChanged(String room) {
        changedRooms.add(room);
        if (pending.compareAndSet(false, true)) {
            vertx.setTimer(intervalMillis, fired -> store.runInOrder(() -> {
                pending.set(false);
                for (String changed : List.copyOf(changedRooms)) {
                    changedRooms.remove(changed);
                    registry.broadcast(changed, currentList(changed));
                }
            }));
        }
    }

    /** The presence frame of a room as it is now. */
    public String currentList(String room) {
        return encoder.encode(new PresenceEvent(room, online(room)));
    }

    private List<String> online(String room) {
        RoomInfo info = rooms.find(room).orElse(null);
        if (info == null || info.everyone()) {
            return info == null ? List.of() : registry.online();
        }
        return info.members().stream().filter(registry::isOnline).sorted(String.CASE_INSENSITIVE_ORDER).toList();
    }
}
