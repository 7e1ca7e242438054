package io.chatterbox.chat;

import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import io.chatterbox.accounts.Account;
import io.chatterbox.accounts.AccountStore;
import io.chatterbox.core.ChatException;
import io.chatterbox.core.ChatOrder;
import io.chatterbox.core.ErrorCode;
import io.chatterbox.messages.Draft;
import io.chatterbox.rooms.RoomDirectory;
import io.chatterbox.rooms.RoomInfo;
import io.chatterbox.rooms.RoomStore;
import io.chatterbox.rooms.RoomView;

/**
 * Direct conversations between two people. Their id is derived from the two user ids, so both sides name the
 * same room without asking; the room is stored when its first message is, and only then does the other person
 * see it.
 */
@ApplicationScoped
public class DirectRooms {

    /** The one spelling of a conversation's id: no leading zeros, so "dm:05:7" is not a second room of 5 and 7. */
    private static final Pattern ID = Pattern.compile("dm:([1-9]\\d{0,17}):([1-9]\\d{0,17})");

    private final ChatOrder order;
    private final RoomDirectory directory;
    private final RoomStore store;
    private final AccountStore accounts;
    private final RoomViews views;
    private final RoomEffects effects;

    public DirectRooms(ChatOrder order, RoomDirectory directory, RoomStore store, AccountStore accounts, RoomViews views,
            RoomEffects effects) {
        this.order = order;
        this.directory = directory;
        this.store = store;
        this.accounts = accounts;
        this.views = views;
        this.effects = effects;
    }

    public static boolean isDirect(String room) {
        return room != null && room.startsWith("dm:");
    }

    static String idFor(long oneUser, long otherUser) {
        return "dm:" + Math.min(oneUser, otherUser) + ":" + Math.max(oneUser, otherUser);
    }

    /** The conversation of the caller with {@code otherName}, stored or not yet. Reads the store. */
    public RoomView open(long userId, String username, String otherName) {
        Account other = accounts.findByName(otherName).orElseThrow(() -> new ChatException(ErrorCode.UNKNOWN_USER,
                "There is no user called \"" + ChatException.excerpt(otherName) + "\""));
        if (other.id() == userId) {
            throw new ChatException(ErrorCode.INVALID_USER, "You cannot start a conversation with yourself");
        }
        String room = idFor(userId, other.id());
        return directory.find(room).map(info -> views.view(info, username))
                .orElse(new RoomView(room, other.username(), RoomInfo.Kind.DIRECT.wire(), null, null, other.username(), 0, 0, 0));
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
            order.runInOrder(() -> create(firstMessage.room(), Long.parseLong(ids.group(1)), Long.parseLong(ids.group(2))));
        }
    }

    private void create(String room, long first, long second) {
        if (directory.find(room).isPresent()) {
            return;
        }
        Optional<Account> one = accounts.findById(first);
        Optional<Account> other = accounts.findById(second);
        if (one.isEmpty() || other.isEmpty()) {
            return;
        }
        RoomInfo conversation = new RoomInfo(room, RoomInfo.Kind.DIRECT, null, null,
                Set.of(one.get().username(), other.get().username()));
        if (store.create(conversation)) {
            conversation.members().forEach(member -> effects.joined(conversation, member));
        }
    }
}
