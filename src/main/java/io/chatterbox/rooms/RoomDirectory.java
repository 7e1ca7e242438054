package io.chatterbox.rooms;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.chatterbox.core.ChatException;
import io.chatterbox.core.ErrorCode;
import io.quarkus.runtime.StartupEvent;

/**
 * Every room and its members, cached in memory, so that each message, typing event and presence change is
 * authorised and routed without a store read. Loaded once at start, then changed only by the {@link RoomStore}'s
 * change notices (this node's and other nodes'); read from any thread.
 */
@ApplicationScoped
public class RoomDirectory {

    private final Map<String, RoomInfo> rooms = new ConcurrentHashMap<>();
    /** The rooms each user is an explicit member of (general is implied). */
    private final Map<String, Set<String>> roomsByUser = new ConcurrentHashMap<>();
    private final RoomStore store;

    public RoomDirectory(RoomStore store) {
        this.store = store;
    }

    void load(@Observes @Priority(1) StartupEvent event) {
        load();
    }

    /** Fills the cache and starts following changes; call once, before anything reads it. */
    public void load() {
        store.onChange(this::apply);
        store.loadAll().forEach(this::put);
    }

    public Optional<RoomInfo> find(String room) {
        return room == null ? Optional.empty() : Optional.ofNullable(rooms.get(room));
    }

    /**
     * The room, if {@code username} may know it exists: any public room, or a private room or conversation they are
     * in. Anything else is refused exactly like a room that does not exist.
     */
    public RoomInfo visible(String username, String room) {
        RoomInfo info = room == null ? null : rooms.get(room);
        if (info == null || (info.kind() != RoomInfo.Kind.PUBLIC && !info.has(username))) {
            throw unknownRoom(room);
        }
        return info;
    }

    /** The room, if {@code username} is in it. */
    public RoomInfo membership(String username, String room) {
        RoomInfo info = visible(username, room);
        if (!info.has(username)) {
            throw new ChatException(ErrorCode.NOT_A_MEMBER, "Join #" + room + " first");
        }
        return info;
    }

    public boolean isMember(String username, String room) {
        RoomInfo info = room == null ? null : rooms.get(room);
        return info != null && info.has(username);
    }

    /** The user's rooms: general first, then the others by the name the user sees (a DM's is the other person's). */
    public List<String> roomsOf(String username) {
        List<RoomInfo> own = new ArrayList<>();
        roomsByUser.getOrDefault(username, Set.of()).forEach(room -> find(room).ifPresent(own::add));
        own.sort(Comparator.comparing((RoomInfo room) -> room.nameFor(username), String.CASE_INSENSITIVE_ORDER)
                .thenComparing(RoomInfo::id));
        List<String> ids = new ArrayList<>(own.size() + 1);
        ids.add(RoomInfo.GENERAL);
        own.forEach(room -> ids.add(room.id()));
        return ids;
    }

    public List<RoomInfo> publicRooms() {
        return rooms.values().stream().filter(room -> room.kind() == RoomInfo.Kind.PUBLIC)
                .sorted(Comparator.comparing(RoomInfo::id)).toList();
    }

    public static ChatException unknownRoom(String room) {
        return new ChatException(ErrorCode.UNKNOWN_ROOM, "There is no room called \"" + ChatException.excerpt(room) + "\"");
    }

    private void apply(RoomChange change) {
        if (change instanceof RoomChange.Created created) {
            put(created.info());
        } else if (change instanceof RoomChange.MemberAdded added) {
            changeMembers(added.room(), added.username(), true);
        } else if (change instanceof RoomChange.MemberRemoved removed) {
            changeMembers(removed.room(), removed.username(), false);
        }
    }

    private void put(RoomInfo room) {
        rooms.put(room.id(), room);
        room.members().forEach(member -> roomsByUser.merge(member, Set.of(room.id()), RoomDirectory::union));
    }

    private void changeMembers(String room, String username, boolean added) {
        rooms.computeIfPresent(room, (id, info) -> {
            Set<String> members = new HashSet<>(info.members());
            if (added) {
                members.add(username);
            } else {
                members.remove(username);
            }
            return info.withMembers(members);
        });
        if (added) {
            roomsByUser.merge(username, Set.of(room), RoomDirectory::union);
        } else {
            roomsByUser.computeIfPresent(username, (user, own) -> {
                Set<String> left = new HashSet<>(own);
                left.remove(room);
                return left.isEmpty() ? null : Set.copyOf(left);
            });
        }
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> both = new HashSet<>(a);
        both.addAll(b);
        return Set.copyOf(both);
    }
}
