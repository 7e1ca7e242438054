package io.chatterbox.chat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;

import io.chatterbox.config.ChatterboxConfig;
import io.chatterbox.realtime.ConnectionRegistry;
import io.chatterbox.realtime.event.EventEncoder;
import io.chatterbox.realtime.event.PresenceEvent;
import io.chatterbox.realtime.event.RoomEvents;
import io.chatterbox.rooms.RoomDirectory;
import io.chatterbox.rooms.RoomInfo;
import io.vertx.core.Vertx;

/**
 * Tells each room's members who of them is online. A connection gets each room's whole list when it opens or
 * joins the room; after that a v2 connection hears only the changes ({@code presence_changed}: who came online,
 * who went offline), so a change costs every member a few names rather than the whole list — in a general of
 * 10,000 people online the whole list is ~150 KB. v1 connections keep getting whole lists, as the v1 protocol says.
 * <p>
 * Changes within one interval are folded into one announcement per changed room, naming each changed person once
 * with their state at that moment. Lists and changes are built on the writer thread, in order with everything
 * else, so a newcomer's list plus the changes after it always add up to the truth. A room's presence goes only to
 * its own members and names only them, so it reveals nobody who shares no room with you.
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
    /** room → the people whose presence in it changed since the last announcement */
    private final Map<String, Set<String>> changes = new ConcurrentHashMap<>();

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
        rooms.roomsOf(username).forEach(room -> memberChanged(room, username));
    }

    /** The user's presence in the room changed (online, offline, joined, left); told within the interval. */
    public void memberChanged(String room, String username) {
        changes.computeIfAbsent(room, id -> ConcurrentHashMap.newKeySet()).add(username);
        if (pending.compareAndSet(false, true)) {
            vertx.setTimer(intervalMillis, fired -> store.runInOrder(this::announce));
        }
    }

    /** The whole presence frame of a room as it is now. */
    public String currentList(String room) {
        return encoder.encode(new PresenceEvent(room, online(room)));
    }

    private void announce() {
        pending.set(false);
        for (String room : List.copyOf(changes.keySet())) {
            Set<String> changed = changes.remove(room);
            RoomInfo info = rooms.find(room).orElse(null);
            if (changed == null || info == null) {
                continue;
            }
            List<String> cameOnline = new ArrayList<>();
            List<String> wentOffline = new ArrayList<>();
            changed.stream().sorted(ConnectionRegistry.PRESENCE_ORDER)
                    .forEach(username -> (isPresent(info, username) ? cameOnline : wentOffline).add(username));
            String change = encoder.encode(new RoomEvents.PresenceChanged(room, cameOnline, wentOffline));
            registry.broadcastV2(room, change, null);
            if (info.everyone()) {
                registry.broadcastV1(room, currentList(room)); // v1 connections hear general only
            }
        }
    }

    private boolean isPresent(RoomInfo room, String username) {
        return registry.isOnline(username) && room.has(username);
    }

    /** The room's members who are online, in presence order. */
    private List<String> online(String room) {
        RoomInfo info = rooms.find(room).orElse(null);
        if (info == null) {
            return List.of();
        }
        if (info.everyone()) {
            return registry.online();
        }
        Set<String> members = info.members();
        if (members.size() > registry.onlineCount()) { // walk the shorter: a big room's members, or who is online
            return registry.online().stream().filter(members::contains).toList();
        }
        return members.stream().filter(registry::isOnline).sorted(ConnectionRegistry.PRESENCE_ORDER).toList();
    }
}
