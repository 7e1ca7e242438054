package io.chatterbox.realtime;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.chatterbox.config.ChatterboxConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.websockets.next.UserData.TypedKey;
import io.quarkus.websockets.next.WebSocketConnection;
import io.vertx.core.Vertx;

/**
 * Closes half-open sockets. The server pings every connection (quarkus.websockets-next.server.auto-ping-interval)
 * and every live client answers with a pong; a socket that has sent nothing at all — no frame, no pong — for
 * the idle timeout is gone and is closed with 1001.
 */
@ApplicationScoped
public class IdleSocketReaper {

    private static final TypedKey<Long> LAST_SEEN = new TypedKey<>("last-seen-millis");

    private final Vertx vertx;
    private final ConnectionRegistry registry;
    private final long idleMillis;
    private long timer = -1;

    IdleSocketReaper(Vertx vertx, ConnectionRegistry registry, ChatterboxConfig config) {
        this.vertx = vertx;
        this.registry = registry;
        this.idleMillis = config.limits().socketIdleTimeout().toMillis();
    }

    void start(@Observes StartupEvent event) {
        timer = vertx.setPeriodic(Math.max(100, idleMillis / 3), tick -> reap());
    }

    void stop(@Observes ShutdownEvent event) {
        vertx.cancelTimer(timer);
    }

    /** Called for every sign of life from the client. */
    public void seen(WebSocketConnection connection) {
        connection.userData().put(LAST_SEEN, System.currentTimeMillis());
    }

    private void reap() {
        long oldest = System.currentTimeMillis() - idleMillis;
        for (WebSocketConnection connection : registry.all()) {
            Long lastSeen = connection.userData().get(LAST_SEEN);
            if (lastSeen != null && lastSeen < oldest) {
                Close.close(connection, Close.GOING_AWAY, "idle timeout");
            }
        }
    }
}
