package io.chatterbox.socket;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.chatterbox.core.Scheduler;
import io.quarkus.runtime.ShutdownEvent;
import io.vertx.core.Vertx;

/**
 * The core's {@link Scheduler} on Vert.x timers, which cost no thread of their own. Once shutdown has begun, a timer
 * that fires does nothing: the beans its action would call are being destroyed.
 */
@ApplicationScoped
public class VertxScheduler implements Scheduler {

    private final Vertx vertx;
    private volatile boolean stopping;

    VertxScheduler(Vertx vertx) {
        this.vertx = vertx;
    }

    void stop(@Observes ShutdownEvent event) {
        stopping = true;
    }

    @Override
    public void after(Duration delay, Runnable action) {
        vertx.setTimer(Math.max(1, delay.toMillis()), fired -> {
            if (!stopping) {
                action.run();
            }
        });
    }
}
