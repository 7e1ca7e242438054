package io.chatterbox.socket;

import java.util.List;
import java.util.Optional;

import org.eclipse.microprofile.context.ManagedExecutor;
import org.eclipse.microprofile.context.ThreadContext;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.chatterbox.accounts.TokenVersions;
import io.chatterbox.chat.ChatService;
import io.chatterbox.core.ChatException;
import io.chatterbox.core.ErrorCode;
import io.chatterbox.core.Refused;
import io.chatterbox.core.WholeNumbers;
import io.chatterbox.limits.ConnectionQuota;
import io.chatterbox.rooms.RoomDirectory;
import io.chatterbox.wire.Protocol;
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
import io.smallrye.context.api.ManagedExecutorConfig;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClosedException;

/**
 * The WebSocket adapter: opens a {@link SocketSession} per connection, decodes frames ({@link ClientFrame}) and
 * hands them to the {@link ChatService}. The upgrade itself requires a valid token (bearer header, the
 * bearer-token-carrier subprotocol, or ?token=), so no frame is ever handled for an anonymous client. The username
 * comes from the token, never from a frame. Callbacks run on the connection's event loop and never block: a join is
 * queued for the single writer, page reads go to a worker.
 */
@WebSocket(path = "/ws")
@Authenticated
public class ChatSocket {

    private static final Logger LOG = Logger.getLogger(ChatSocket.class);
    private static final TypedKey<SocketSession> SESSION = new TypedKey<>("chat-session");

    private final ChatService chat;
    private final SecurityIdentity identity;
    private final TokenLifetimeGuard tokenGuard;
    private final ConnectionQuota quota;
    private final SocketHub hub;
    private final FrameWriter writer;
    private final ManagedExecutor reads;
    private final ObjectMapper json;

    ChatSocket(ChatService chat, SecurityIdentity identity, TokenLifetimeGuard tokenGuard, ConnectionQuota quota,
            SocketHub hub, FrameWriter writer,
            // Page reads must not inherit the socket callback's request context, which ends with the callback.
            @ManagedExecutorConfig(propagated = {}, cleared = ThreadContext.ALL_REMAINING) ManagedExecutor reads,
            ObjectMapper json) {
        this.chat = chat;
        this.identity = identity;
        this.tokenGuard = tokenGuard;
        this.quota = quota;
        this.hub = hub;
        this.writer = writer;
        this.reads = reads;
        this.json = json;
    }

    @OnOpen
    @NonBlocking
    public void onOpen(WebSocketConnection connection) {
        String username = identity.getPrincipal().getName();
        Optional<String> refused = quota.open(username);
        if (refused.isPresent()) {
            Close.close(connection, Close.POLICY_VIOLATION, refused.get());
            return;
        }
        JsonWebToken token = (JsonWebToken) identity.getPrincipal();
        SocketSession session = new SocketSession(connection, username, Long.parseLong(token.getSubject()),
                TokenVersions.fromClaim(token.getClaim(TokenVersions.CLAIM)), Protocol.of(queryParameter(connection, "v")),
                writer.bind(connection), hub);
        connection.userData().put(SESSION, session);
        tokenGuard.watch(session, token);
        Long since = since(session);
        // Queued for the writer now, on this loop: a frame the client sends right after connecting is handled after
        // the join, so its acknowledgement (the echo) finds the session attached.
        chat.join(session, since);
    }

    /** The ?since= of a resuming client; a malformed one is refused, and the latest history sent instead. */
    private static Long since(SocketSession session) {
        try {
            return WholeNumbers.parse(queryParameter(session.connection, "since"), "since", ErrorCode.INVALID_SINCE);
        } catch (ChatException e) {
            session.send(new Refused(new ChatException(ErrorCode.INVALID_SINCE,
                    "?since= must be a message id (a whole number ≥ 0); sending the latest history instead")));
            return null;
        }
    }

    @OnTextMessage
    @NonBlocking
    public void onText(String frame, WebSocketConnection connection) {
        SocketSession session = connection.userData().get(SESSION);
        if (session == null) {
            return; // refused in onOpen, closing
        }
        session.seen();
        try {
            ClientFrame parsed = ClientFrame.parse(frame, json);
            if (!session.protocol.acceptsCommandsFor(parsed.room())) {
                throw RoomDirectory.unknownRoom(parsed.room()).about(parsed.clientId());
            }
            handle(session, parsed);
        } catch (ChatException e) {
            chat.reject(session, e);
        }
    }

    private void handle(SocketSession session, ClientFrame frame) {
        if (frame instanceof ClientFrame.SendMessage send) {
            chat.post(session, send.room(), send.text(), send.clientId(), send.attachments());
        } else if (frame instanceof ClientFrame.Typing typing) {
            chat.typing(session, typing.room());
        } else if (frame instanceof ClientFrame.Read read) {
            chat.markRead(session, read.room(), read.id());
        } else if (frame instanceof ClientFrame.PageRequest page) {
            reads.execute(() -> chat.page(session, page.room(), page.before(), page.after(), page.limit()));
        } else if (frame instanceof ClientFrame.Edit edit) {
            chat.edit(session, edit.room(), edit.id(), edit.text());
        } else if (frame instanceof ClientFrame.Delete delete) {
            chat.delete(session, delete.room(), delete.id());
        }
    }

    @OnBinaryMessage
    @NonBlocking
    public void onBinary(Buffer frame, WebSocketConnection connection) {
        Close.close(connection, Close.UNSUPPORTED_DATA, "binary frames are not supported; send JSON text");
    }

    @OnPongMessage
    @NonBlocking
    public void onPong(Buffer data, WebSocketConnection connection) {
        SocketSession session = connection.userData().get(SESSION);
        if (session != null) {
            session.seen();
        }
    }

    @OnClose
    @NonBlocking
    public void onClose(WebSocketConnection connection) {
        SocketSession session = connection.userData().get(SESSION);
        if (session == null) {
            return; // refused in onOpen: never counted, never joined
        }
        quota.closed(session.username());
        tokenGuard.release(session);
        chat.leave(session);
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
        SocketSession session = connection.userData().get(SESSION);
        if (session != null) {
            session.send(new Refused(new ChatException(ErrorCode.INTERNAL_ERROR, "Something went wrong on the server")));
        }
    }

    /** Vert.x reports a fragmented message that outgrows max-message-size only by this exception's text. */
    private static boolean isOversizedMessage(Throwable failure) {
        return failure instanceof IllegalStateException && failure.getMessage() != null
                && failure.getMessage().contains("max message size");
    }

    private static String queryParameter(WebSocketConnection connection, String name) {
        String query = connection.handshakeRequest().query();
        if (query == null || query.isEmpty()) {
            return null;
        }
        List<String> values = new QueryStringDecoder(query, false).parameters().get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
