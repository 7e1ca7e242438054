package io.chatterbox.chat;

import java.util.List;
import java.util.concurrent.CompletionException;

import jakarta.enterprise.context.ApplicationScoped;



import io.chatterbox.config.ChatterboxConfig;
import io.chatterbox.limits.RateLimiter;
import io.chatterbox.metrics.ChatMetrics;
import io.chatterbox.realtime.ConnectionRegistry;
import io.chatterbox.realtime.event.ErrorEvent;
import io.chatterbox.realtime.event.EventEncoder;
import io.chatterbox.realtime.event.HistoryEvent;
import io.chatterbox.realtime.event.MessageEvent;
import io.quarkus.websockets.next.WebSocketConnection;

/**
 * The chat rules, in one place. Transports call in with an identity that came from a verified token; every
 * membership change and every fan-out runs on the store's writer thread, in store order.
 */
@ApplicationScoped
public class ChatService {

    public static final String GENERAL = "general";
    static final int MAX_CLIENT_ID_LENGTH = 64;

    private final MessageStore store;
    private final ConnectionRegistry registry;
    private final PresenceAnnouncer presence;
    private final EventEncoder encoder;
    private final ChatterboxConfig.Chat limits;
    private final ChatMetrics metrics;
    /** Per-user message budget across all of the user's connections. */
    private final RateLimiter messageRate;

    ChatService(MessageStore store, ConnectionRegistry registry, PresenceAnnouncer presence, EventEncoder encoder,
            ChatterboxConfig config, ChatMetrics metrics) {
        this.store = store;
        this.presence = presence;
        this.registry = registry;
        this.encoder = encoder;
        this.limits = config.chat();
        this.metrics = metrics;
        this.messageRate = RateLimiter.perSecond(config.limits().messagesPerSecond(), config.limits().messageBurst());
    }

    /**
     * Sends the history (all messages after {@code since}, or the latest ones) and who is online, then starts live
     * delivery; everyone else hears of a newcomer through the {@link PresenceAnnouncer}. Ordered with commits, so the client sees every message exactly once.
     */
    public void join(WebSocketConnection connection, String username, Long since) {
        store.runInOrder(() -> {
            if (!connection.isOpen()) {
                return;
            }
            registry.send(connection, encode(history(since)));
            boolean cameOnline = registry.connect(connection, username);
            registry.send(connection, presence.currentList());
            if (cameOnline) {
                presence.changed();
            }
        });
    }

    public void leave(WebSocketConnection connection, String username) {
        store.runInOrder(() -> {
            if (registry.disconnect(connection, username)) {
                presence.changed();
            }
        });
    }

    /**
     * Stores the message and, once committed, delivers it to everyone (the sender's copy is its acknowledgement).
     * A repeated clientId stores nothing and re-sends the earlier copy to the sender alone.
     */
    public void post(WebSocketConnection connection, String username, String room, String text, String clientId) {
        Draft draft = new Draft(username, checkRoom(room), checkText(text), checkClientId(clientId));
        long waitMillis = messageRate.tryAcquire(username);
        if (waitMillis > 0) {
            throw new ChatException("rate_limited",
                    "You are sending messages too fast; the message was not stored. Try again in " + seconds(waitMillis) + " s");
        }
        store.append(draft).whenComplete((appended, failure) -> {
            if (failure != null) {
                reject(connection, failed(failure));
            } else if (appended.duplicate()) {
                registry.send(connection, encode(MessageEvent.of(appended.message())));
            } else {
                metrics.delivered(registry.broadcast(encode(MessageEvent.of(appended.message()))));
            }
        });
    }

    /** Refuses a message the client sent: counts it by code and tells the client why. */
    public void reject(WebSocketConnection connection, ChatException error) {
        metrics.rejected(error.code());
        sendError(connection, error);
    }

    public void sendError(WebSocketConnection connection, ChatException error) {
        registry.send(connection, encode(new ErrorEvent(error.code(), error.getMessage())));
    }

    private HistoryEvent history(Long since) {
        if (since == null) {
            return new HistoryEvent(GENERAL, events(store.latest(GENERAL, limits.historySize())), null);
        }
        List<Message> missed = store.after(GENERAL, since, limits.resumeLimit() + 1);
        if (missed.size() > limits.resumeLimit()) {
            return new HistoryEvent(GENERAL, events(store.latest(GENERAL, limits.historySize())), true);
        }
        return new HistoryEvent(GENERAL, events(missed), null);
    }

    private String checkRoom(String room) {
        if (!GENERAL.equals(room)) {
            throw new ChatException("unknown_room", "There is no room called \"" + ChatException.excerpt(room) + "\"");
        }
        return room;
    }

    private String checkText(String text) {
        if (text == null || text.isBlank()) {
            throw new ChatException("invalid_text", "A message needs some text");
        }
        if (text.codePointCount(0, text.length()) > limits.maxTextLength()) {
            throw new ChatException("invalid_text", "A message can be at most " + limits.maxTextLength() + " characters long");
        }
        return text;
    }

    private static String checkClientId(String clientId) {
        if (clientId != null && (clientId.isBlank() || clientId.length() > MAX_CLIENT_ID_LENGTH)) {
            throw new ChatException("invalid_client_id", "clientId must be 1 to " + MAX_CLIENT_ID_LENGTH + " characters long");
        }
        return clientId;
    }

    private static ChatException failed(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof StoreOverloadedException) {
            return new ChatException("overloaded", "The server is busy; the message was not stored, please resend it");
        }
        return new ChatException("store_failed", "The message could not be stored, please resend it");
    }

    private static long seconds(long millis) {
        return Math.max(1, (millis + 999) / 1000);
    }

    private static List<MessageEvent> events(List<Message> messages) {
        return messages.stream().map(MessageEvent::of).toList();
    }

    private String encode(Object event) {
        return encoder.encode(event);
    }
}
