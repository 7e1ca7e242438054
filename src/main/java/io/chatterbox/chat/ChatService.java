package io.chatterbox.chat;

import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.chatterbox.accounts.TokenVersions;
import io.chatterbox.config.ChatterboxConfig;
import io.chatterbox.core.ChatException;
import io.chatterbox.core.ClientSession;
import io.chatterbox.core.ErrorCode;
import io.chatterbox.core.Fanout;
import io.chatterbox.core.NodeSessions;
import io.chatterbox.core.Refused;
import io.chatterbox.limits.RateLimit;
import io.chatterbox.limits.RateLimits;
import io.chatterbox.messages.Draft;
import io.chatterbox.messages.MessageChanges;
import io.chatterbox.messages.MessageEvents;
import io.chatterbox.messages.MessageText;
import io.chatterbox.messages.MessageWriter;
import io.chatterbox.messages.ReadMarkers;
import io.chatterbox.messages.RoomHistory;
import io.chatterbox.metrics.ChatMetrics;
import io.chatterbox.presence.Presence;
import io.chatterbox.presence.PresenceAnnouncer;
import io.chatterbox.presence.TypingNotices;
import io.chatterbox.rooms.RoomDirectory;
import io.chatterbox.rooms.RoomEvents;

/**
 * The chat as a client session lives it: joining (what it is shown, then what it hears), posting, and the other
 * commands a session sends. The session's identity comes from its verified token. Refusals go back to the session
 * as {@link Refused} events; nothing here knows how a session is connected.
 */
@ApplicationScoped
public class ChatService {

    private static final Logger LOG = Logger.getLogger(ChatService.class);

    static final int MAX_CLIENT_ID_LENGTH = 64;

    private final MessageWriter writer;
    private final RoomHistory history;
    private final RoomDirectory rooms;
    private final RoomViews views;
    private final DirectRooms directRooms;
    private final NodeSessions sessions;
    private final Fanout fanout;
    private final Presence presence;
    private final PresenceAnnouncer announcer;
    private final TypingNotices typing;
    private final MessageChanges changes;
    private final ReadMarkers readMarkers;
    private final MessageText text;
    private final ChatMetrics metrics;
    private final TokenVersions tokenVersions;
    /** Per-user message budget across all of the user's sessions. */
    private final RateLimit messageRate;
    private final int filesPerMessage;

    public ChatService(MessageWriter writer, RoomHistory history, RoomDirectory rooms, RoomViews views,
            DirectRooms directRooms, NodeSessions sessions, Fanout fanout, Presence presence, PresenceAnnouncer announcer,
            TypingNotices typing, MessageChanges changes, ReadMarkers readMarkers, MessageText text, RateLimits limits,
            TokenVersions tokenVersions, ChatterboxConfig config, ChatMetrics metrics) {
        this.tokenVersions = tokenVersions;
        this.writer = writer;
        this.history = history;
        this.rooms = rooms;
        this.views = views;
        this.directRooms = directRooms;
        this.sessions = sessions;
        this.fanout = fanout;
        this.presence = presence;
        this.announcer = announcer;
        this.typing = typing;
        this.changes = changes;
        this.readMarkers = readMarkers;
        this.text = text;
        this.metrics = metrics;
        this.filesPerMessage = config.files().filesPerMessage();
        this.messageRate = limits.perSecond("messages", config.limits().messagesPerSecond(), config.limits().messageBurst());
    }

    /**
     * Shows the session its rooms, each room's history (the latest, or what it missed since {@code since}, then the
     * edits it missed) and who is online, then starts live delivery; others hear of a newcomer through the
     * {@link PresenceAnnouncer}. In chat order, queued before anything the client sends can be, so the client sees
     * every message exactly once and its own messages after its history. The store reads this costs are bounded:
     * pages of at most history-size, unread counts that stop at a hundred.
     */
    public void join(ClientSession session, Long since) {
        writer.runInOrder(() -> {
            // A logout or password change queued before this join has closed the user's sessions already: this one
            // was authenticated just before it, and must not outlive it.
            if (!session.isOpen() || revoked(session)) {
                return;
            }
            String username = session.username();
            List<String> own = rooms.roomsOf(username).stream()
                    .filter(room -> session.receives(MessageEvents.History.class, room)).toList();
            if (session.receives(RoomEvents.Listed.class, null)) {
                session.send(new RoomEvents.Listed(own.stream().map(room -> views.view(rooms.find(room).orElseThrow(), username))
                        .toList()));
            }
            own.forEach(room -> session.send(history.onConnect(room, since)));
            if (since != null && session.receives(MessageEvents.Edited.class, null)) {
                history.changedSince(own, since).forEach(session::send);
            }
            boolean cameOnline = sessions.attach(session, own) && presence.sessionOpened(username);
            own.forEach(room -> session.send(announcer.snapshot(room)));
            if (cameOnline) {
                announcer.userChanged(username);
            }
        });
    }

    /**
     * True, and the session ended, when its token was revoked after the session opened (a logout or password change,
     * on any node): nothing it sends from then on is carried out, even before its socket has closed.
     */
    private boolean revoked(ClientSession session) {
        if (tokenVersions.revoked(session.userId(), session.tokenVersion())) {
            session.end("token revoked");
            return true;
        }
        return false;
    }

    public void leave(ClientSession session) {
        writer.runInOrder(() -> {
            if (sessions.detach(session) && presence.sessionClosed(session.username())) {
                announcer.userChanged(session.username());
            }
        });
    }

    /**
     * Stores the message and, once committed, delivers it to the room (the sender's copy is its acknowledgement).
     * A repeated clientId stores nothing and re-sends the earlier copy to the sender alone. A message to a direct
     * conversation that does not exist yet starts it.
     */
    public void post(ClientSession session, String room, String body, String clientId) {
        post(session, room, body, clientId, List.of());
    }

    /** A message that may carry uploads of the sender's to the room (by id); its text is then an optional caption. */
    public void post(ClientSession session, String room, String body, String clientId, List<String> attachments) {
        if (revoked(session)) {
            return;
        }
        Draft draft;
        boolean startsConversation = rooms.find(room).isEmpty() && DirectRooms.isDirect(room);
        try {
            if (startsConversation) {
                DirectRooms.requireParticipant(session.userId(), room);
            } else {
                rooms.membership(session.username(), room);
            }
            draft = new Draft(session.username(), room, attachments.isEmpty() ? text.check(body) : text.caption(body),
                    checkClientId(clientId), checkAttachments(attachments));
            messageRate.spend(session.username(), "You are sending messages too fast; the message was not stored");
        } catch (ChatException e) {
            reject(session, e.about(clientId));
            return;
        }
        if (startsConversation) {
            directRooms.startBefore(draft);
        }
        writer.append(draft, (appended, failure) -> {
            if (failure != null) {
                commandFailed(session, failure, clientId);
            } else if (appended.duplicate()) {
                session.send(new MessageEvents.Posted(appended.message()));
            } else {
                fanout.toRoom(room, new MessageEvents.Posted(appended.message()));
            }
        });
    }

    /** Tells the room's other members that the user is typing. */
    public void typing(ClientSession session, String room) {
        if (revoked(session)) {
            return;
        }
        try {
            typing.typing(session.username(), room);
        } catch (ChatException e) {
            reject(session, e);
        }
    }

    /** Answers a page request. Reads the store: call off event loops. */
    public void page(ClientSession session, String room, Long before, Long after, Integer limit) {
        if (revoked(session)) {
            return;
        }
        try {
            session.send(history.page(session.username(), room, before, after, limit));
        } catch (RuntimeException e) {
            commandFailed(session, e, null);
        }
    }

    /** Moves the read marker; every session of the user hears the result. */
    public void markRead(ClientSession session, String room, long id) {
        reportFailure(session, () -> readMarkers.markRead(session.username(), room, id));
    }

    /** Edits the user's message; the room hears the result. */
    public void edit(ClientSession session, String room, long id, String newText) {
        reportFailure(session, () -> changes.edit(session.username(), room, id, newText));
    }

    public void delete(ClientSession session, String room, long id) {
        reportFailure(session, () -> changes.delete(session.username(), room, id));
    }

    /** Refuses a command the session sent: counts it by code and tells the session why. */
    public void reject(ClientSession session, ChatException refusal) {
        metrics.rejected(refusal.code());
        session.send(new Refused(refusal));
    }

    /** Tells the session why a command failed later: its refusal, or internal_error for the unexpected (logged). */
    private void commandFailed(ClientSession session, Throwable failure, String clientId) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof ChatException refused) {
            reject(session, refused.about(clientId));
        } else {
            LOG.error("A socket command failed", cause);
            session.send(new Refused(new ChatException(ErrorCode.INTERNAL_ERROR, "Something went wrong on the server")));
        }
    }

    /** Success is announced by the service itself; a refusal, at once or later in chat order, goes to the session. */
    private void reportFailure(ClientSession session, Supplier<CompletionStage<?>> command) {
        if (revoked(session)) {
            return;
        }
        try {
            command.get().whenComplete((done, failure) -> {
                if (failure != null) {
                    commandFailed(session, failure, null);
                }
            });
        } catch (RuntimeException e) {
            commandFailed(session, e, null);
        }
    }

    private List<String> checkAttachments(List<String> attachments) {
        if (attachments.size() > filesPerMessage) {
            throw new ChatException(ErrorCode.INVALID_ATTACHMENT, "A message may carry at most " + filesPerMessage + " files");
        }
        if (attachments.stream().distinct().count() != attachments.size()) {
            throw new ChatException(ErrorCode.INVALID_ATTACHMENT, "The same file is attached twice");
        }
        return attachments;
    }

    private static String checkClientId(String clientId) {
        if (clientId != null && (clientId.isBlank() || clientId.length() > MAX_CLIENT_ID_LENGTH)) {
            throw new ChatException(ErrorCode.INVALID_CLIENT_ID, "clientId must be 1 to " + MAX_CLIENT_ID_LENGTH + " characters long");
        }
        return clientId;
    }
}
