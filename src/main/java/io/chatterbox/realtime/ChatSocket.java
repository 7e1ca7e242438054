package io.chatterbox.realtime;

import java.util.List;
import java.util.concurrent.CompletionStage;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.chatterbox.chat.ChatException;
import io.chatterbox.chat.ChatService;
import io.chatterbox.chat.MessageChanges;
import io.chatterbox.chat.ReadMarkers;
import io.chatterbox.rooms.RoomDirectory;
import io.chatterbox.rooms.RoomInfo;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.websockets.next.OnBinaryMessage;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnError;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnPongMessage;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.UserData.TypedKey;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.common.annotation.NonBlocking;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClosedException;

/**
 * The WebSocket transport: decodes frames and hands them to the {@link ChatService}. The upgrade itself requires
 * a valid token (bearer header, the bearer-token-carrier subprotocol, or ?token=), so no frame is ever handled for
 * an anonymous client. The username comes from the token, never from a frame.
 */
@WebSocket(path = "/ws")
@Authenticated
public class ChatSocket {

    private static final Logger LOG = Logger.getLogger(ChatSocket.class);
    private static final TypedKey<String> USERNAME = TypedKey.forString("username");
    private static final TypedKey<Long> USER_ID = TypedKey.forLong("user-id");

    private final ChatService chat;
    private final MessageChanges changes;
    private final ReadMarkers readMarkers;
    private final SecurityIdentity identity;
    private final TokenLifetimeGuard tokenGuard;
    private final ConnectionQuota quota;
    private final IdleSocketReaper idle;
    private final ConnectionRegistry registry;
    private final ObjectMapper json;

    ChatSocket(ChatService chat, MessageChanges changes, ReadMarkers readMarkers, SecurityIdentity identity,
            TokenLifetimeGuard tokenGuard, ConnectionQuota quota, IdleSocketReaper idle, ConnectionRegistry registry,
            ObjectMapper json) {
        this.chat = chat;
        this.changes = changes;
        this.readMarkers = readMarkers;
        this.registry = registry;
        this.identity = identity;
        this.tokenGuard = tokenGuard;
        this.quota = quota;
        this.idle = idle;
        this.json = json;
    }

    @OnOpen
    @NonBlocking
    public void onOpen(WebSocketConnection connection) {
        String username = identity.getPrincipal().getName();
        if (!quota.tryOpen(username)) {
            Close.close(connection, Close.POLICY_VIOLATION, "too many connections (at most " + quota.limit() + ")");
            return;
        }
        JsonWebToken token = (JsonWebToken) identity.getPrincipal();
        connection.userData().put(USERNAME, username);
        connection.userData().put(USER_ID, Long.parseLong(token.getSubject()));
        ConnectionRegistry.speaksV2(connection, "2".equals(queryParameter(connection, "v")));
        registry.bindToCurrentEventLoop(connection);
        idle.seen(connection);
        tokenGuard.watch(connection, token);
        Long since = null;
        try {
            since = since(connection);
        } catch (ChatException e) {
            chat.sendError(connection, e);
        }
        chat.join(connection, username, since);
    }

    @OnTextMessage
    @NonBlocking
    public void onText(String frame, WebSocketConnection connection) {
        idle.seen(connection);
        String username = connection.userData().get(USERNAME);
        try {
            ClientFrame parsed = ClientFrame.parse(frame, json);
            if (!ConnectionRegistry.isV2(connection) && !RoomInfo.GENERAL.equals(parsed.room())) {
                // a v1 connection lives in general only
                throw RoomDirectory.unknownRoom(parsed.room())
                        .about(parsed instanceof ClientFrame.SendMessage send ? send.clientId() : null);
            }
            handle(connection, username, parsed);
        } catch (ChatException e) {
            chat.reject(connection, e);
        }
    }

    private void handle(WebSocketConnection connection, String username, ClientFrame frame) {
        if (frame instanceof ClientFrame.SendMessage send) {
            chat.post(connection, username, connection.userData().get(USER_ID), send.room(), send.text(), send.clientId());
        } else if (frame instanceof ClientFrame.Typing typing) {
            chat.typing(username, typing.room());
        } else if (frame instanceof ClientFrame.Read read) {
            answerFailure(connection, readMarkers.markRead(username, read.room(), read.id()));
        } else if (frame instanceof ClientFrame.PageRequest page) {
            chat.page(connection, username, page.room(), page.before(), page.after(), page.limit());
        } else if (frame instanceof ClientFrame.Edit edit) {
            answerFailure(connection, changes.edit(username, edit.room(), edit.id(), edit.text()));
        } else if (frame instanceof ClientFrame.Delete delete) {
            answerFailure(connection, changes.delete(username, delete.room(), delete.id()));
        }
    }

    /** Success is announced to the room by the service; a refusal made on the writer thread goes back as an error frame. */
    private void answerFailure(WebSocketConnection connection, CompletionStage<?> outcome) {
        outcome.whenComplete((done, failure) -> {
            if (failure != null) {
                chat.commandFailed(connection, failure);
            }
        });
    }

    @OnBinaryMessage
    @NonBlocking
    public void onBinary(Buffer frame, WebSocketConnection connection) {
        Close.close(connection, Close.UNSUPPORTED_DATA, "binary frames are not supported; send JSON text");
    }

    @OnPongMessage
    @NonBlocking
    public void onPong(Buffer data, WebSocketConnection connection) {
        idle.seen(connection);
    }

    private static String queryParameter(WebSocketConnection connection, String name) {
        String query = connection.handshakeRequest().query();
        if (query == null || query.isEmpty()) {
            return null;
        }
        List<String> values = new QueryStringDecoder(query, false).parameters().get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    @OnClose
    @NonBlocking
    public void onClose(WebSocketConnection connection) {
        String username = connection.userData().get(USERNAME);
        if (username == null) {
            return; // refused in onOpen: never counted, never joined
        }
        quota.closed(username);
        tokenGuard.release(connection);
        chat.leave(connection, username);
    }

    @OnError
    @NonBlocking
    public void onError(WebSocketConnection connection, Throwable failure) {
        if (failure instanceof HttpClosedException) {
            LOG.debugf("Connection %s dropped by the peer", connection.id());
            return;
        }
        if (isOversizedMessage(failure)) {
            Close.close(connection, Close.MESSAGE_TOO_BIG, "message too big (at most 64 KiB)");
            return;
        }
        LOG.warnf("WebSocket error on connection %s: %s", connection.id(), failure.toString());
        chat.sendError(connection, new ChatException("internal_error", "Something went wrong on the server"));
    }

    /** Vert.x reports a fragmented message that outgrows max-message-size only by this exception's text. */
    private static boolean isOversizedMessage(Throwable failure) {
        return failure instanceof IllegalStateException && failure.getMessage() != null
                && failure.getMessage().contains("max message size");
    }

    /** The optional ?since=<id> of a resuming client. */
    private static Long since(WebSocketConnection connection) {
        String value = queryParameter(connection, "since");
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            long since = Long.parseLong(value);
            if (since < 0) {
                throw new NumberFormatException();
            }
            return since;
        } catch (NumberFormatException e) {
            throw new ChatException("invalid_since", "?since= must be a message id (a whole number ≥ 0); sending the latest history instead");
        }
    }
}
