package io.chatterbox.socket;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import io.chatterbox.core.Scheduler;
import io.vertx.core.Vertx;

/** The core's {@link Scheduler} on Vert.x timers, which cost no thread of their own. */
@ApplicationScoped
public class VertxScheduler implements Scheduler {

    private final Vertx vertx;

    VertxScheduler(Vertx vertx) {
        this.vertx = vertx;
    }

    @Override
    public void after(Duration delay, Runnable action) {
        vertx.setTimer(Math.max(1, delay.toMillis()), fired -> action.run());
    }
}
