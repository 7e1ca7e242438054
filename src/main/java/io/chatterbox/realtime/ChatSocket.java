package io.chatterbox.realtime;

import io.chatterbox.chat.ChatException;
import io.chatterbox.chat.ChatService;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.websockets.next.OnBinaryMessage;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnError;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.UserData.TypedKey;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.common.annotation.NonBlocking;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClosedException;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.eclipse.microprofile.jwt.JsonWebToken;

import org.jboss.logging.Logger;

import java.util.List;

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

    private final ChatService chat;
    private final SecurityIdentity identity;
    private final TokenLifetimeGuard tokenGuard;
    private final ObjectMapper json;

    ChatSocket(ChatService chat, SecurityIdentity identity, TokenLifetimeGuard tokenGuard, ObjectMapper json) {
        this.chat = chat;
        this.identity = identity;
        this.tokenGuard = tokenGuard;
        this.json = json;
    }

    @OnOpen
    @NonBlocking
    public void onOpen(WebSocketConnection connection) {
        String username = identity.getPrincipal().getName();
        connection.userData().put(USERNAME, username);
        tokenGuard.watch(connection, (JsonWebToken) identity.getPrincipal());
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
        try {
            if (ClientFrame.parse(frame, json) instanceof ClientFrame.SendMessage send) {
                chat.post(connection, connection.userData().get(USERNAME), send.room(), send.text(), send.clientId());
            }
        } catch (ChatException e) {
            chat.sendError(connection, e);
        }
    }

    @OnBinaryMessage
    @NonBlocking
    public void onBinary(Buffer frame, WebSocketConnection connection) {
        chat.sendError(connection, new ChatException("unsupported_frame", "Binary frames are not supported; send JSON text"));
    }

    @OnClose
    @NonBlocking
    public void onClose(WebSocketConnection connection) {
        tokenGuard.release(connection);
        chat.leave(connection, connection.userData().get(USERNAME));
    }

    @OnError
    @NonBlocking
    public void onError(WebSocketConnection connection, Throwable failure) {
        if (failure instanceof HttpClosedException) {
            LOG.debugf("Connection %s dropped by the peer", connection.id());
            return;
        }
        LOG.warnf("WebSocket error on connection %s: %s", connection.id(), failure.toString());
        chat.sendError(connection, new ChatException("internal_error", "Something went wrong on the server"));
    }

    /** The optional ?since=<id> of a resuming client. */
    private static Long since(WebSocketConnection connection) {
        String query = connection.handshakeRequest().query();
        if (query == null || query.isEmpty()) {
            return null;
        }
        List<String> values = new QueryStringDecoder(query, false).parameters().get("since");
        if (values == null || values.isEmpty() || values.get(0).isEmpty()) {
            return null;
        }
        try {
            long since = Long.parseLong(values.get(0));
            if (since < 0) {
                throw new NumberFormatException();
            }
            return since;
        } catch (NumberFormatException e) {
            throw new ChatException("invalid_since", "?since= must be a message id (a whole number ≥ 0); sending the latest history instead");
        }
    }
}
