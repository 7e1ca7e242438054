package io.chatterbox.rooms;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;

import io.chatterbox.account.User;
import io.chatterbox.chat.ChatException;
import io.chatterbox.chat.MessageStore;
import io.chatterbox.chat.ReadMarker;
import io.chatterbox.config.ChatterboxConfig;
import io.chatterbox.limits.RateLimiter;
import io.chatterbox.realtime.ConnectionRegistry;
import io.chatterbox.web.ApiException;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * The room rules: who may create, join, leave, add and remove. Checks run at once against the in-memory
 * {@link RoomDirectory}; every change is then made on the message store's writer thread (checked again there,
 * committed, then announced), so it is ordered with the messages around it.
 */
@ApplicationScoped
public class RoomService {

    /** A member as the member list shows them. */
    public record Member(String username, boolean online, boolean owner) {
    }

    /** A public room as the room directory shows it. */
    public record Listing(String room, String name, String topic, String owner, long members, boolean joined) {
    }

    /** An added member, and whether they were added now (false: they were in already). */
    public record Added(Member member, boolean created) {
    }

    private final MessageStore store;
    private final RoomDirectory directory;
    private final RoomViews views;
    private final RoomEffects effects;
    private final ConnectionRegistry registry;
    private final RateLimiter creations;

    RoomService(MessageStore store, RoomDirectory directory, RoomViews views, RoomEffects effects,
            ConnectionRegistry registry, ChatterboxConfig config) {
        this.store = store;
        this.directory = directory;
        this.views = views;
        this.effects = effects;
        this.registry = registry;
        this.creations = RateLimiter.perWindow(config.limits().roomsPerUserPerHour(), Duration.ofHours(1));
    }

    public List<RoomView> roomsOf(String username) {
        return directory.roomsOf(username).stream()
                .flatMap(room -> directory.find(room).stream())
                .map(room -> views.view(room, username)).toList();
    }

    public List<Listing> publicRooms(String username) {
        long everyone = User.count();
        return directory.publicRooms().stream().map(room -> new Listing(room.id(), room.id(), room.topic(), room.owner(),
                room.everyone() ? everyone : room.members().size(), room.has(username))).toList();
    }

    public CompletionStage<RoomView> create(String owner, String requestedName, String requestedTopic, boolean isPrivate) {
        String name = RoomNames.normalize(requestedName);
        String topic = RoomNames.topic(requestedTopic);
        long waitMillis = creations.tryAcquire(owner);
        if (waitMillis > 0) {
            throw ApiException.tooManyRequests("You have created too many rooms; try again later", waitMillis / 1000);
        }
        RoomInfo.Kind kind = isPrivate ? RoomInfo.Kind.PRIVATE : RoomInfo.Kind.PUBLIC;
        return store.call(() -> {
            if (directory.find(name).isPresent()) {
                throw new ChatException("room_exists", "A room called \"" + name + "\" already exists");
            }
            QuarkusTransaction.requiringNew().run(() -> {
                Room room = new Room();
                room.name = name;
                room.kind = kind.wire();
                room.topic = topic;
                room.owner = owner;
                room.createdAt = System.currentTimeMillis();
                room.persist();
                RoomMember.of(name, owner).persist();
            });
            RoomInfo created = new RoomInfo(name, kind, topic, owner, Set.of(owner));
            directory.put(created);
            effects.joined(created, owner);
            return views.view(created, owner);
        });
    }

    public CompletionStage<RoomView> join(String username, String room) {
        RoomInfo info = directory.visible(username, room);
        if (info.has(username)) {
            return CompletableFuture.completedFuture(views.view(info, username));
        }
        return store.call(() -> {
            if (directory.visible(username, room).has(username)) {
                return views.view(directory.find(room).orElseThrow(), username);
            }
            return views.view(storeMember(room, username), username);
        });
    }

    public CompletionStage<Void> leave(String username, String room) {
        RoomInfo info = directory.membership(username, room);
        if (info.everyone() || info.kind() == RoomInfo.Kind.DIRECT) {
            throw new ChatException("cannot_leave", info.everyone() ? "Everyone stays in general" : "A direct conversation cannot be left");
        }
        if (username.equals(info.owner())) {
            throw new ChatException("owner_cannot_leave", "The owner cannot leave the room");
        }
        return store.call(() -> {
            if (directory.isMember(username, room)) {
                dropMember(room, username, "left");
            }
            return null;
        });
    }

    public List<Member> members(String username, String room) {
        RoomInfo info = directory.membership(username, room);
        List<String> names = info.everyone() ? User.<User> streamAll().map(user -> user.username).toList()
                : List.copyOf(info.members());
        return names.stream().sorted(String.CASE_INSENSITIVE_ORDER).map(name -> member(info, name)).toList();
    }

    public CompletionStage<Added> addMember(String actor, String room, String requested) {
        RoomInfo info = ownedBy(actor, room);
        String username = User.findByName(requested == null ? "" : requested).map(user -> user.username)
                .orElseThrow(() -> new ChatException("unknown_user",
                        "There is no user called \"" + ChatException.excerpt(String.valueOf(requested)) + "\""));
        return store.call(() -> {
            if (directory.isMember(username, room)) {
                return new Added(member(info, username), false);
            }
            return new Added(member(storeMember(ownedBy(actor, room).id(), username), username), true);
        });
    }

    public CompletionStage<Void> removeMember(String actor, String room, String requested) {
        RoomInfo info = ownedBy(actor, room);
        String username = User.findByName(requested).map(user -> user.username).orElse(requested);
        if (info.owner().equals(username)) {
            throw new ChatException("cannot_remove_owner", "The owner cannot be removed from the room");
        }
        return store.call(() -> {
            if (!ownedBy(actor, room).has(username)) {
                throw new ChatException("unknown_member", "\"" + ChatException.excerpt(username) + "\" is not a member of #" + room);
            }
            dropMember(room, username, "removed");
            return null;
        });
    }

    /** The room, if {@code actor} may add and remove its members. */
    private RoomInfo ownedBy(String actor, String room) {
        RoomInfo info = directory.membership(actor, room);
        if (info.everyone() || info.kind() == RoomInfo.Kind.DIRECT) {
            throw new ChatException("fixed_members", "The members of " + (info.everyone() ? "general" : "a direct conversation")
                    + " cannot be changed");
        }
        if (!actor.equals(info.owner())) {
            throw new ChatException("not_owner", "Only the owner of #" + room + " can add or remove members");
        }
        return info;
    }

    /** Writer thread: stores, records and announces a new member. */
    private RoomInfo storeMember(String room, String username) {
        QuarkusTransaction.requiringNew().run(() -> {
            RoomMember.of(room, username).persist();
            ReadMarker.startAtNewest(room, username);
        });
        RoomInfo changed = directory.addMember(room, username);
        effects.joined(changed, username);
        return changed;
    }

    /** Writer thread: deletes, records and announces a departure. */
    private void dropMember(String room, String username, String reason) {
        QuarkusTransaction.requiringNew().run(() -> RoomMember.delete("room = ?1 and username = ?2", room, username));
        RoomInfo before = directory.find(room).orElseThrow();
        directory.removeMember(room, username);
        effects.left(before, username, reason);
    }

    private Member member(RoomInfo room, String username) {
        return new Member(username, registry.isOnline(username), username.equals(room.owner()));
    }

}
