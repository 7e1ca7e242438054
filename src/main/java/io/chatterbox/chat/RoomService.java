package io.chatterbox.chat;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;

import io.chatterbox.accounts.Account;
import io.chatterbox.accounts.AccountStore;
import io.chatterbox.accounts.Usernames;
import io.chatterbox.config.ChatterboxConfig;
import io.chatterbox.core.ChatException;
import io.chatterbox.core.ChatOrder;
import io.chatterbox.core.ErrorCode;
import io.chatterbox.limits.RateLimit;
import io.chatterbox.limits.RateLimits;
import io.chatterbox.presence.Presence;
import io.chatterbox.rooms.RoomDirectory;
import io.chatterbox.rooms.RoomEvents;
import io.chatterbox.rooms.RoomInfo;
import io.chatterbox.rooms.RoomNames;
import io.chatterbox.rooms.RoomStore;
import io.chatterbox.rooms.RoomView;

/**
 * The room rules: who may create, join, leave, add and remove. Checks run at once against the in-memory
 * {@link RoomDirectory}; every change is then made in {@link ChatOrder} (checked again there, stored, then
 * announced), so it is ordered with the messages around it. Reads the store: call off event loops.
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

    /** Members in the order of their folded names, and whether more follow. */
    public record MemberPage(List<Member> members, boolean hasMore) {
    }

    public static final int MAX_MEMBER_PAGE = 1000;

    private final ChatOrder order;
    private final RoomDirectory directory;
    private final RoomStore store;
    private final RoomViews views;
    private final RoomEffects effects;
    private final Presence presence;
    private final AccountStore accounts;
    private final RateLimit creations;
    /** Rooms a user joins, leaves, or changes the members of: each change is a write and tells the room. */
    private final RateLimit changesByActor;
    /** Times a user is added or removed by others: each add sends them the room, its history and presence. */
    private final RateLimit changesOfTarget;

    public RoomService(ChatOrder order, RoomDirectory directory, RoomStore store, RoomViews views, RoomEffects effects,
            Presence presence, AccountStore accounts, RateLimits limits, ChatterboxConfig config) {
        this.order = order;
        this.directory = directory;
        this.store = store;
        this.views = views;
        this.effects = effects;
        this.presence = presence;
        this.accounts = accounts;
        this.creations = limits.perWindow("room-creations", config.limits().roomsPerUserPerHour(), Duration.ofHours(1));
        this.changesByActor = limits.perWindow("membership-changes", config.limits().membershipChangesPerMinute(),
                Duration.ofMinutes(1));
        this.changesOfTarget = limits.perWindow("membership-changes-of", config.limits().membershipChangesPerTargetPerMinute(),
                Duration.ofMinutes(1));
    }

    public List<RoomView> roomsOf(String username) {
        return directory.roomsOf(username).stream()
                .flatMap(room -> directory.find(room).stream())
                .map(room -> views.view(room, username)).toList();
    }

    public List<Listing> publicRooms(String username) {
        long everyone = accounts.count();
        return directory.publicRooms().stream().map(room -> new Listing(room.id(), room.id(), room.topic(), room.owner(),
                room.everyone() ? everyone : room.members().size(), room.has(username))).toList();
    }

    public CompletionStage<RoomView> create(String owner, String requestedName, String requestedTopic, boolean isPrivate) {
        String name = RoomNames.normalize(requestedName);
        String topic = RoomNames.topic(requestedTopic);
        creations.spend(owner, "You have created too many rooms");
        RoomInfo room = new RoomInfo(name, isPrivate ? RoomInfo.Kind.PRIVATE : RoomInfo.Kind.PUBLIC, topic, owner, Set.of(owner));
        return order.call(() -> {
            if (directory.find(name).isPresent() || !store.create(room)) {
                throw new ChatException(ErrorCode.ROOM_EXISTS, "A room called \"" + name + "\" already exists");
            }
            effects.joined(room, owner);
            return views.view(room, owner);
        });
    }

    public CompletionStage<RoomView> join(String username, String room) {
        RoomInfo info = directory.visible(username, room);
        if (info.has(username)) {
            return CompletableFuture.completedFuture(views.view(info, username));
        }
        changesByActor.spend(username, "You are joining and leaving rooms too fast");
        return order.call(() -> {
            if (!directory.visible(username, room).has(username)) {
                addMember(room, username);
            }
            return views.view(directory.find(room).orElseThrow(), username);
        });
    }

    public CompletionStage<Void> leave(String username, String room) {
        RoomInfo info = directory.membership(username, room);
        if (info.everyone() || info.kind() == RoomInfo.Kind.DIRECT) {
            throw new ChatException(ErrorCode.CANNOT_LEAVE,
                    info.everyone() ? "Everyone stays in general" : "A direct conversation cannot be left");
        }
        if (username.equals(info.owner())) {
            throw new ChatException(ErrorCode.OWNER_CANNOT_LEAVE, "The owner cannot leave the room");
        }
        changesByActor.spend(username, "You are joining and leaving rooms too fast");
        return order.call(() -> {
            if (directory.isMember(username, room)) {
                removeMember(room, username, RoomEvents.Departure.LEFT);
            }
            return null;
        });
    }

    /**
     * A page of the room's members after the name {@code after} (null: from the first), ordered by their folded names
     * ({@link Usernames#key}); {@code limit} 1 to {@value #MAX_MEMBER_PAGE}, all of them when null. Reads the store.
     */
    public MemberPage members(String username, String room, String after, Integer limit) {
        RoomInfo info = directory.membership(username, room);
        int size = limit == null ? MAX_MEMBER_PAGE : limit;
        if (size < 1 || size > MAX_MEMBER_PAGE) {
            throw new ChatException(ErrorCode.INVALID_LIMIT, "limit must be between 1 and " + MAX_MEMBER_PAGE);
        }
        String afterKey = after == null ? null : Usernames.key(after);
        List<String> names = info.everyone() ? accounts.usernames(afterKey, size + 1)
                : info.members().stream().filter(name -> afterKey == null || Usernames.key(name).compareTo(afterKey) > 0)
                        .sorted(Comparator.comparing(Usernames::key)).limit(size + 1L).toList();
        boolean hasMore = names.size() > size;
        return new MemberPage((hasMore ? names.subList(0, size) : names).stream().map(name -> member(info, name)).toList(),
                hasMore);
    }

    public CompletionStage<Added> addMember(String actor, String room, String requested) {
        ownedBy(actor, room);
        String username = existingName(requested).orElseThrow(() -> new ChatException(ErrorCode.UNKNOWN_USER,
                "There is no user called \"" + ChatException.excerpt(requested) + "\""));
        spendOnMember(actor, username);
        return order.call(() -> {
            RoomInfo info = ownedBy(actor, room);
            if (info.has(username)) {
                return new Added(member(info, username), false);
            }
            addMember(room, username);
            return new Added(member(directory.find(room).orElseThrow(), username), true);
        });
    }

    public CompletionStage<Void> removeMember(String actor, String room, String requested) {
        RoomInfo info = ownedBy(actor, room);
        String username = existingName(requested).orElse(requested);
        if (info.owner().equals(username)) {
            throw new ChatException(ErrorCode.CANNOT_REMOVE_OWNER, "The owner cannot be removed from the room");
        }
        spendOnMember(actor, username);
        return order.call(() -> {
            if (!ownedBy(actor, room).has(username)) {
                throw new ChatException(ErrorCode.UNKNOWN_MEMBER,
                        "\"" + ChatException.excerpt(username) + "\" is not a member of #" + room);
            }
            removeMember(room, username, RoomEvents.Departure.REMOVED);
            return null;
        });
    }

    /** An owner adding or removing someone spends from both budgets: their own, and the one kept for the target. */
    private void spendOnMember(String actor, String target) {
        changesByActor.spend(actor, "You are changing room members too fast");
        long waitMillis = changesOfTarget.tryAcquire(target);
        if (waitMillis > 0) {
            changesByActor.refund(actor);
            throw ChatException.retryLater(ErrorCode.RATE_LIMITED,
                    "\"" + ChatException.excerpt(target) + "\" was added to or removed from rooms too often just now", waitMillis);
        }
    }

    /** The room, if {@code actor} may add and remove its members. */
    private RoomInfo ownedBy(String actor, String room) {
        RoomInfo info = directory.membership(actor, room);
        if (info.everyone() || info.kind() == RoomInfo.Kind.DIRECT) {
            throw new ChatException(ErrorCode.FIXED_MEMBERS, "The members of "
                    + (info.everyone() ? "general" : "a direct conversation") + " cannot be changed");
        }
        if (!actor.equals(info.owner())) {
            throw new ChatException(ErrorCode.NOT_OWNER, "Only the owner of #" + room + " can add or remove members");
        }
        return info;
    }

    /** The account's name as registered, for a name typed in any case or width. */
    private Optional<String> existingName(String requested) {
        return accounts.findByName(requested).map(Account::username);
    }

    /** In chat order: stores, then announces a new member (the store's notice has updated the directory). */
    private void addMember(String room, String username) {
        store.addMember(room, username);
        effects.joined(directory.find(room).orElseThrow(), username);
    }

    /** In chat order: stores, then announces a departure. */
    private void removeMember(String room, String username, RoomEvents.Departure reason) {
        RoomInfo before = directory.find(room).orElseThrow();
        store.removeMember(room, username);
        effects.left(before, username, reason);
    }

    private Member member(RoomInfo room, String username) {
        return new Member(username, presence.isOnline(username), username.equals(room.owner()));
    }
}
