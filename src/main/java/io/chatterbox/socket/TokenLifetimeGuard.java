package io.chatterbox.socket;

import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.chatterbox.accounts.Revocations;
import io.chatterbox.accounts.TokensRevoked;
import io.chatterbox.core.ChatOrder;
import io.quarkus.runtime.Startup;
import io.vertx.core.Vertx;

/**
 * A socket lives no longer than the token that opened it: it is closed with 1008 (policy violation) when the
 * token expires, and at once when the user's tokens are revoked by logout or a password change (on any node).
 */
@ApplicationScoped
@Startup // listens for revocations from the start
public class TokenLifetimeGuard {

    private final Vertx vertx;
    private final SocketHub hub;
    private final ChatOrder order;

    TokenLifetimeGuard(Vertx vertx, SocketHub hub, ChatOrder order, Revocations revocations) {
        this.vertx = vertx;
        this.hub = hub;
        this.order = order;
        revocations.subscribe(this::onRevoked);
    }

    /** Schedules the close for the moment the token expires. */
    void watch(SocketSession session, JsonWebToken token) {
        long delay = TimeUnit.SECONDS.toMillis(token.getExpirationTime()) - System.currentTimeMillis();
        session.expiryTimer = vertx.setTimer(Math.max(1, delay),
                fired -> Close.close(session.connection, Close.POLICY_VIOLATION, "token expired"));
    }

    void release(SocketSession session) {
        vertx.cancelTimer(session.expiryTimer);
    }

    /** In chat order, so a session that joined just before the revocation is attached, and closed, too. */
    private void onRevoked(TokensRevoked revoked) {
        order.runInOrder(() -> hub.socketsOf(revoked.username())
                .forEach(session -> Close.close(session.connection, Close.POLICY_VIOLATION, "token revoked")));
    }
}
