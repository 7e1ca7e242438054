package io.chatterbox.rooms;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.chatterbox.chat.ChatException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;

/**
 * Every room and its members, in memory, so that each message, typing event and presence change is authorised
 * and routed without a database read. Loaded once at start; changed only on the message store's writer thread,
 * right after the change is committed; read from any thread.
 */
@ApplicationScoped
public class RoomDirectory {

    private final Map<String, RoomInfo> rooms = new ConcurrentHashMap<>();
    /** The rooms each user is an explicit member of (general is implied). */
    private final Map<String, Set<String>> roomsByUser = new ConcurrentHashMap<>();

    void load(@Observes @Priority(1) StartupEvent event) {
        QuarkusTransaction.requiringNew().run(() -> {
            Map<String, Set<String>> members = new HashMap<>();
            RoomMember.<RoomMember> streamAll()
                    .forEach(member -> members.computeIfAbsent(member.room, room -> new HashSet<>()).add(member.username));
            Room.<Room> streamAll().forEach(room -> put(new RoomInfo(room.name, RoomInfo.Kind.of(room.kind), room.topic,
                    room.owner, Set.copyOf(members.getOrDefault(room.name, Set.of())))));
        });
    }

    public Optional<RoomInfo> find(String room) {
        return room == null ? Optional.empty() : Optional.ofNullable(rooms.get(room));
    }

    /**
     * The room, if {@code username} may know it exists: any public room, or a private room or conversation they are
     * in. Anything else is refused exactly like a room that does not exist.
     */
    public RoomInfo visible(String username, String room) {
        RoomInfo info = rooms.get(room);
        if (info == null || (info.kind() != RoomInfo.Kind.PUBLIC && !info.has(username))) {
            throw unknownRoom(room);
        }
        return info;
    }

    /** The room, if {@code username} is in it. */
    public RoomInfo membership(String username, String room) {
        RoomInfo info = visible(username, room);
        if (!info.has(username)) {
            throw new ChatException("not_a_member", "Join #" + room + " first");
        }
        return info;
    }

    public boolean isMember(String username, String room) {
        RoomInfo info = rooms.get(room);
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

    /** Writer thread only, after the commit. */
    void put(RoomInfo room) {
        rooms.put(room.id(), room);
        room.members().forEach(member -> roomsByUser.merge(member, Set.of(room.id()), RoomDirectory::union));
    }

    /** Writer thread only, after the commit. */
    RoomInfo addMember(String room, String username) {
        RoomInfo info = rooms.get(room);
        Set<String> members = new HashSet<>(info.members());
        members.add(username);
        RoomInfo changed = info.withMembers(members);
        rooms.put(room, changed);
        roomsByUser.merge(username, Set.of(room), RoomDirectory::union);
        return changed;
    }

    /** Writer thread only, after the commit. */
    RoomInfo removeMember(String room, String username) {
        RoomInfo info = rooms.get(room);
        Set<String> members = new HashSet<>(info.members());
        members.remove(username);
        RoomInfo changed = info.withMembers(members);
        rooms.put(room, changed);
        roomsByUser.computeIfPresent(username, (user, own) -> {
            Set<String> left = new HashSet<>(own);
            left.remove(room);
            return left.isEmpty() ? null : Set.copyOf(left);
        });
        return changed;
    }

    public static ChatException unknownRoom(String room) {
        return new ChatException("unknown_room", "There is no room called \"" + ChatException.excerpt(String.valueOf(room)) + "\"");
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> both = new HashSet<>(a);
        both.addAll(b);
        return Set.copyOf(both);
    }
}
