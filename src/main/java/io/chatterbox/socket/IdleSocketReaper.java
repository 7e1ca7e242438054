package io.chatterbox.socket;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.chatterbox.config.ChatterboxConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;

/**
 * Closes half-open sockets. The server pings every connection (quarkus.websockets-next.server.auto-ping-interval)
 * and every live client answers with a pong; a socket that has sent nothing at all — no frame, no pong — for
 * the idle timeout is gone and is closed with 1001.
 */
@ApplicationScoped
public class IdleSocketReaper {

    private final Vertx vertx;
    private final SocketHub hub;
    private final long idleMillis;
    private long timer = -1;

    IdleSocketReaper(Vertx vertx, SocketHub hub, ChatterboxConfig config) {
        this.vertx = vertx;
        this.hub = hub;
        this.idleMillis = config.limits().socketIdleTimeout().toMillis();
    }

    void start(@Observes StartupEvent event) {
        timer = vertx.setPeriodic(Math.max(100, idleMillis / 3), tick -> reap());
    }

    void stop(@Observes ShutdownEvent event) {
        vertx.cancelTimer(timer);
    }

    private void reap() {
        long oldest = System.currentTimeMillis() - idleMillis;
        for (SocketSession session : hub.all()) {
            if (session.lastSeenMillis < oldest) {
                Close.close(session.connection, Close.GOING_AWAY, "idle timeout");
            }
        }
    }
}
