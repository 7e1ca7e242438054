package io.chatterbox.realtime;

import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.chatterbox.account.TokensRevoked;
import io.chatterbox.chat.MessageStore;
import io.quarkus.websockets.next.UserData.TypedKey;
import io.quarkus.websockets.next.WebSocketConnection;
import io.vertx.core.Vertx;

/**
 * A socket lives no longer than the token that opened it: it is closed with 1008 (policy violation) when the
 * token expires, and at once when the user's tokens are revoked by logout or a password change.
 */
@ApplicationScoped
public class TokenLifetimeGuard {

    private static final TypedKey<Long> EXPIRY_TIMER = new TypedKey<>("token-expiry-timer");

    private final Vertx vertx;
    private final ConnectionRegistry registry;
    private final MessageStore store;

    TokenLifetimeGuard(Vertx vertx, ConnectionRegistry registry, MessageStore store) {
        this.vertx = vertx;
        this.registry = registry;
        this.store = store;
    }

    /** Schedules the close for the moment the token expires. */
    public void watch(WebSocketConnection connection, JsonWebToken token) {
        long delay = TimeUnit.SECONDS.toMillis(token.getExpirationTime()) - System.currentTimeMillis();
        long timer = vertx.setTimer(Math.max(1, delay),
                fired -> Close.close(connection, Close.POLICY_VIOLATION, "token expired"));
        connection.userData().put(EXPIRY_TIMER, timer);
    }

    public void release(WebSocketConnection connection) {
        Long timer = connection.userData().remove(EXPIRY_TIMER);
        if (timer != null) {
            vertx.cancelTimer(timer);
        }
    }

    /** Runs in store order, so a connection that joined just before the revocation is registered and closed too. */
    void onRevoked(@Observes TokensRevoked event) {
        store.runInOrder(() -> registry.connectionsOf(event.username())
                .forEach(connection -> Close.close(connection, Close.POLICY_VIOLATION, "token revoked")));
    }
}
