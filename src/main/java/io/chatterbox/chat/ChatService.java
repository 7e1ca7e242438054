package io.chatterbox.chat;

import java.util.List;
import java.util.concurrent.CompletionException;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.context.ManagedExecutor;
import org.eclipse.microprofile.context.ThreadContext;
import org.jboss.logging.Logger;

import io.chatterbox.config.ChatterboxConfig;
import io.chatterbox.limits.RateLimiter;
import io.chatterbox.metrics.ChatMetrics;
import io.chatterbox.realtime.ConnectionRegistry;
import io.chatterbox.realtime.event.ErrorEvent;
import io.chatterbox.realtime.event.EventEncoder;
import io.chatterbox.realtime.event.MessageEvent;
import io.chatterbox.realtime.event.RoomEvents;
import io.chatterbox.rooms.DirectRooms;
import io.chatterbox.rooms.RoomDirectory;
import io.chatterbox.rooms.RoomInfo;
import io.chatterbox.rooms.RoomViews;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.context.api.ManagedExecutorConfig;

/**
 * The chat rules for connections and messages, in one place. Transports call in with an identity that came from
 * a verified token; every subscription change and every fan-out runs on the store's writer thread, in store order.
 */
@ApplicationScoped
public class ChatService {

    private static final Logger LOG = Logger.getLogger(ChatService.class);

    static final int MAX_CLIENT_ID_LENGTH = 64;

    private final MessageStore store;
    private final MessageHistory history;
    private final RoomHistory roomHistory;
    private final RoomDirectory rooms;
    private final RoomViews views;
    private final DirectRooms directRooms;
    private final ConnectionRegistry registry;
    private final PresenceAnnouncer presence;
    private final EventEncoder encoder;
    private final MessageText text;
    private final ChatMetrics metrics;
    private final ManagedExecutor executor;
    private final int resumeLimit;
    /** Per-user message budget across all of the user's connections. */
    private final RateLimiter messageRate;
    /** Typing events forwarded per user and room. */
    private final RateLimiter typingRate;

    ChatService(MessageStore store, MessageHistory history, RoomHistory roomHistory, RoomDirectory rooms,
            RoomViews views, DirectRooms directRooms, ConnectionRegistry registry, PresenceAnnouncer presence,
            EventEncoder encoder, MessageText text,
            // Page reads must not inherit the socket callback's request context: its Hibernate session would be
            // shared with (and closed under) the worker thread.
            @ManagedExecutorConfig(propagated = {}, cleared = ThreadContext.ALL_REMAINING) ManagedExecutor executor,
            ChatterboxConfig config, ChatMetrics metrics) {
        this.executor = executor;
        this.store = store;
        this.history = history;
        this.roomHistory = roomHistory;
        this.rooms = rooms;
        this.views = views;
        this.directRooms = directRooms;
        this.presence = presence;
        this.registry = registry;
        this.encoder = encoder;
        this.text = text;
        this.metrics = metrics;
        this.resumeLimit = config.chat().resumeLimit();
        this.messageRate = RateLimiter.perSecond(config.limits().messagesPerSecond(), config.limits().messageBurst());
        double typingPerSecond = 1000.0 / Math.max(1, config.chat().typingInterval().toMillis());
        this.typingRate = RateLimiter.perSecond(typingPerSecond, 1);
    }

    /**
     * Sends the connection its rooms (v2 only, see {@link ConnectionRegistry#speaksV2}), each room's history (the
     * latest, or what it missed since {@code since}, then the edits it missed) and who is online, then starts live
     * delivery; others hear of a newcomer through the {@link PresenceAnnouncer}. Ordered with commits, so the
     * client sees every message exactly once.
     */
    public void join(WebSocketConnection connection, String username, Long since) {
        boolean v2 = ConnectionRegistry.isV2(connection);
        store.runInOrder(() -> {
            if (!connection.isOpen()) {
                return;
            }
            List<String> own = v2 ? rooms.roomsOf(username) : List.of(RoomInfo.GENERAL);
            if (v2) {
                registry.send(connection, encode(new RoomEvents.Rooms(own.stream()
                        .map(room -> views.view(rooms.find(room).orElseThrow(), username)).toList())));
            }
            own.forEach(room -> registry.send(connection, encode(roomHistory.onConnect(room, since))));
            if (v2 && since != null) {
                history.changedSince(own, since, resumeLimit)
                        .forEach(changed -> registry.send(connection, encode(change(changed))));
            }
            boolean cameOnline = registry.connect(connection, username, own);
            own.forEach(room -> registry.send(connection, presence.currentList(room)));
            if (cameOnline) {
                presence.userChanged(username);
            }
        });
    }

    public void leave(WebSocketConnection connection, String username) {
        store.runInOrder(() -> {
            if (registry.disconnect(connection, username)) {
                presence.userChanged(username);
            }
        });
    }

    /**
     * Stores the message and, once committed, delivers it to the room (the sender's copy is its acknowledgement).
     * A repeated clientId stores nothing and re-sends the earlier copy to the sender alone. A message to a direct
     * conversation that does not exist yet starts it.
     */
    public void post(WebSocketConnection connection, String username, long userId, String room, String body,
            String clientId) {
        Draft draft;
        boolean startsConversation = rooms.find(room).isEmpty() && DirectRooms.isDirect(room);
        try {
            if (startsConversation) {
                DirectRooms.requireParticipant(userId, room);
            } else {
                rooms.membership(username, room);
            }
            draft = new Draft(username, room, text.check(body), checkClientId(clientId));
            long waitMillis = messageRate.tryAcquire(username);
            if (waitMillis > 0) {
                throw new ChatException("rate_limited", "You are sending messages too fast; the message was not stored. Try again in "
                        + seconds(waitMillis) + " s");
            }
        } catch (ChatException e) {
            throw e.about(clientId);
        }
        if (startsConversation) {
            directRooms.startBefore(draft);
        }
        store.append(draft, (appended, failure) -> {
            if (failure != null) {
                reject(connection, failed(failure).about(clientId));
            } else if (appended.duplicate()) {
                registry.send(connection, encode(MessageEvent.of(appended.message())));
            } else {
                metrics.delivered(registry.broadcast(room, encode(MessageEvent.of(appended.message()))));
            }
        });
    }

    /** Tells the room's other members that the user is typing; at most once per typing interval, never stored. */
    public void typing(String username, String room) {
        rooms.membership(username, room);
        if (typingRate.tryAcquire(username + '\u0000' + room) == 0) {
            registry.broadcastV2(room, encode(new RoomEvents.Typing(room, username)), username);
        }
    }

    /** Answers a page request over the socket; the read runs off the event loop. */
    public void page(WebSocketConnection connection, String username, String room, Long before, Long after, Integer limit) {
        executor.supplyAsync(() -> roomHistory.page(username, room, before, after, limit)).whenComplete((page, failure) -> {
            if (failure == null) {
                registry.send(connection, encode(page));
            } else {
                commandFailed(connection, failure);
            }
        });
    }

    /** Tells the client why a command failed later: its refusal, or internal_error for the unexpected (logged). */
    public void commandFailed(WebSocketConnection connection, Throwable failure) {
        if (unwrap(failure) instanceof ChatException refused) {
            reject(connection, refused);
        } else {
            LOG.error("A socket command failed", failure);
            sendError(connection, new ChatException("internal_error", "Something went wrong on the server"));
        }
    }

    /** Refuses a frame the client sent: counts it by code and tells the client why. */
    public void reject(WebSocketConnection connection, ChatException error) {
        metrics.rejected(error.code());
        sendError(connection, error);
    }

    public void sendError(WebSocketConnection connection, ChatException error) {
        registry.send(connection, encode(new ErrorEvent(error.code(), error.getMessage(), error.clientId())));
    }

    /** How a change to a message already seen is replayed to a resuming client. */
    private static Object change(Message message) {
        return message.deleted ? new RoomEvents.Deleted(message.room, message.id) : MessageEvent.edit(message);
    }

    private static String checkClientId(String clientId) {
        if (clientId != null && (clientId.isBlank() || clientId.length() > MAX_CLIENT_ID_LENGTH)) {
            throw new ChatException("invalid_client_id", "clientId must be 1 to " + MAX_CLIENT_ID_LENGTH + " characters long");
        }
        return clientId;
    }

    private static Throwable unwrap(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }

    private static ChatException failed(Throwable failure) {
        Throwable cause = unwrap(failure);
        if (cause instanceof ChatException refused) {
            return refused;
        }
        if (cause instanceof StoreOverloadedException) {
            return new ChatException("overloaded", "The server is busy; the message was not stored, please resend it");
        }
        return new ChatException("store_failed", "The message could not be stored, please resend it");
    }

    private static long seconds(long millis) {
        return Math.max(1, (millis + 999) / 1000);
    }

    private String encode(Object event) {
        return encoder.encode(event);
    }
}
