package io.chatterbox.presence;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;

import io.chatterbox.config.ChatterboxConfig;
import io.chatterbox.core.ChatOrder;
import io.chatterbox.core.Fanout;
import io.chatterbox.core.Scheduler;
import io.chatterbox.rooms.RoomDirectory;
import io.chatterbox.rooms.RoomInfo;

/**
 * Tells each room's members who of them is online. A session gets each room's whole list when it starts hearing
 * the room ({@link #snapshot}); after that the room hears only what changed, so one arrival costs every member a
 * name rather than the whole list — in a general of 10,000 people online the list is ~150 KB.
 * <p>
 * Changes within one interval are folded into one announcement per changed room, naming each changed person once
 * with their state at that moment. Snapshots and announcements are made in {@link ChatOrder}, so a newcomer's
 * snapshot plus the changes after it always add up to the truth. A room's presence goes only to its own members
 * and names only them, so it reveals nobody who shares no room with you.
 */
@ApplicationScoped
public class PresenceAnnouncer {

    private final Scheduler scheduler;
    private final ChatOrder order;
    private final Presence presence;
    private final RoomDirectory rooms;
    private final Fanout fanout;
    private final Duration interval;
    private final AtomicBoolean pending = new AtomicBoolean();
    /** room → the people whose presence in it changed since the last announcement */
    private final Map<String, Set<String>> changes = new ConcurrentHashMap<>();

    public PresenceAnnouncer(Scheduler scheduler, ChatOrder order, Presence presence, RoomDirectory rooms, Fanout fanout,
            ChatterboxConfig config) {
        this.scheduler = scheduler;
        this.order = order;
        this.presence = presence;
        this.rooms = rooms;
        this.fanout = fanout;
        this.interval = config.chat().presenceInterval();
        presence.onChangedElsewhere(this::userChanged);
    }

    /** The user came online or went offline: every room of theirs hears of it within the interval. */
    public void userChanged(String username) {
        rooms.roomsOf(username).forEach(room -> memberChanged(room, username));
    }

    /** The user's presence in the room changed (online, offline, joined, left); told within the interval. */
    public void memberChanged(String room, String username) {
        changes.computeIfAbsent(room, id -> ConcurrentHashMap.newKeySet()).add(username);
        if (pending.compareAndSet(false, true)) {
            scheduler.after(interval, () -> order.runInOrder(this::announce));
        }
    }

    /** The room's whole list as it is now. */
    public PresenceEvents.Snapshot snapshot(String room) {
        return new PresenceEvents.Snapshot(room, online(room));
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
            changed.stream().sorted(Presence.ORDER)
                    .forEach(username -> (isPresent(info, username) ? cameOnline : wentOffline).add(username));
            fanout.toRoom(room, new PresenceEvents.Changed(room, cameOnline, wentOffline, online(room)));
        }
    }

    private boolean isPresent(RoomInfo room, String username) {
        return presence.isOnline(username) && room.has(username);
    }

    /** The room's members who are online, in presence order. */
    private List<String> online(String room) {
        RoomInfo info = rooms.find(room).orElse(null);
        if (info == null) {
            return List.of();
        }
        if (info.everyone()) {
            return presence.online();
        }
        Set<String> members = info.members();
        if (members.size() > presence.onlineCount()) { // walk the shorter: a big room's members, or who is online
            return presence.online().stream().filter(members::contains).toList();
        }
        return members.stream().filter(presence::isOnline).sorted(Presence.ORDER).toList();
    }
}
