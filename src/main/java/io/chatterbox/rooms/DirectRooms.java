package io.chatterbox.rooms;

import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import io.chatterbox.account.User;
import io.chatterbox.chat.ChatException;
import io.chatterbox.chat.Draft;
import io.chatterbox.chat.MessageStore;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Direct conversations between two people. Their id is derived from the two user ids, so both sides name the
 * same room without asking; the room is stored when its first message is, and only then does the other person
 * see it.
 */
@ApplicationScoped
public class DirectRooms {

    private static final Pattern ID = Pattern.compile("dm:(\\d{1,18}):(\\d{1,18})");

    private final MessageStore store;
    private final RoomDirectory directory;
    private final RoomViews views;
    private final RoomEffects effects;

    DirectRooms(MessageStore store, RoomDirectory directory, RoomViews views, RoomEffects effects) {
        this.store = store;
        this.directory = directory;
        this.views = views;
        this.effects = effects;
    }

    public static boolean isDirect(String room) {
        return room != null && room.startsWith("dm:");
    }

    static String idFor(long oneUser, long otherUser) {
        return "dm:" + Math.min(oneUser, otherUser) + ":" + Math.max(oneUser, otherUser);
    }

    /** The conversation of the caller with {@code otherName}, stored or not yet. */
    public RoomView open(long userId, String username, String otherName) {
        User other = User.findByName(otherName == null ? "" : otherName).orElseThrow(() -> new ChatException("unknown_user",
                "There is no user called \"" + ChatException.excerpt(String.valueOf(otherName)) + "\""));
        if (other.id == userId) {
            throw new ChatException("invalid_user", "You cannot start a conversation with yourself");
        }
        String room = idFor(userId, other.id);
        return directory.find(room).map(info -> views.view(info, username))
                .orElse(new RoomView(room, other.username, RoomInfo.Kind.DIRECT.wire(), null, null, other.username, 0, 0, 0));
    }

    /** Refuses a conversation id that is malformed or not the sender's own, exactly like an unknown room. */
    public static void requireParticipant(long senderId, String room) {
        Matcher ids = ID.matcher(room);
        if (!ids.matches()) {
            throw RoomDirectory.unknownRoom(room);
        }
        long first = Long.parseLong(ids.group(1));
        long second = Long.parseLong(ids.group(2));
        if (first >= second || (senderId != first && senderId != second)) {
            throw RoomDirectory.unknownRoom(room);
        }
    }

    /**
     * Queues the creation of the conversation a checked first message goes to, ahead of that message. If the other
     * person does not exist, nothing is created and the message is then refused as sent to an unknown room.
     */
    public void startBefore(Draft firstMessage) {
        Matcher ids = ID.matcher(firstMessage.room());
        if (ids.matches()) {
            store.runInOrder(() -> create(firstMessage.room(), Long.parseLong(ids.group(1)), Long.parseLong(ids.group(2))));
        }
    }

    private void create(String room, long first, long second) {
        if (directory.find(room).isPresent()) {
            return;
        }
        Optional<RoomInfo> created = QuarkusTransaction.requiringNew().call(() -> {
            Optional<User> one = User.findByIdOptional(first);
            Optional<User> other = User.findByIdOptional(second);
            if (one.isEmpty() || other.isEmpty()) {
                return Optional.empty();
            }
            Room stored = new Room();
            stored.name = room;
            stored.kind = RoomInfo.Kind.DIRECT.wire();
            stored.createdAt = System.currentTimeMillis();
            stored.persist();
            RoomMember.of(room, one.get().username).persist();
            RoomMember.of(room, other.get().username).persist();
            return Optional.of(new RoomInfo(room, RoomInfo.Kind.DIRECT, null, null,
                    Set.of(one.get().username, other.get().username)));
        });
        created.ifPresent(info -> {
            directory.put(info);
            info.members().forEach(member -> effects.joined(info, member));
        });
    }
}
