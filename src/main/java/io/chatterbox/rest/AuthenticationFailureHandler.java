package io.chatterbox.rest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.security.AuthenticationFailedException;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;

/**
 * A presented token that fails verification (forged, expired, revoked, wrong issuer) is refused before any
 * endpoint runs. This answers it like every other error — JSON with a message — on REST calls and WebSocket
 * upgrades alike, and without the default error handler's log line, which would print the URL and so a ?token=.
 */
@ApplicationScoped
public class AuthenticationFailureHandler {

    static final String MESSAGE = "A valid access token is required";
    private static final String BODY = new JsonObject().put("message", MESSAGE).encode();

    void register(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).failureHandler(context -> {
            if (context.failure() instanceof AuthenticationFailedException && !context.response().headWritten()) {
                context.response().setStatusCode(401)
                        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                        .putHeader("WWW-Authenticate", "Bearer")
                        .end(BODY);
            } else {
                context.next();
            }
        });
    }
}
