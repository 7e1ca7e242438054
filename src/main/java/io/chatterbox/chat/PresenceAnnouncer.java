package io.chatterbox.chat;

import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;

import io.chatterbox.config.ChatterboxConfig;
import io.chatterbox.realtime.ConnectionRegistry;
import io.chatterbox.realtime.event.EventEncoder;
import io.chatterbox.realtime.event.PresenceEvent;
import io.vertx.core.Vertx;

/**
 * Tells everyone who is online, at most once per interval. Announcing every single change would cost each change
 * a full list to every connection — a connect storm of N people would send N² names. Changes within one interval
 * are folded into one announcement of the list as it then is; a newcomer gets the list at once on joining.
 */
@ApplicationScoped
public class PresenceAnnouncer {

    private final Vertx vertx;
    private final MessageStore store;
    private final ConnectionRegistry registry;
    private final EventEncoder encoder;
    private final long intervalMillis;
    private final AtomicBoolean pending = new AtomicBoolean();

    PresenceAnnouncer(Vertx vertx, MessageStore store, ConnectionRegistry registry, EventEncoder encoder,
            ChatterboxConfig config) {
        this.vertx = vertx;
        this.store = store;
        this.registry = registry;
        this.encoder = encoder;
        this.intervalMillis = Math.max(1, config.chat().presenceInterval().toMillis());
    }

    /** The online set changed; one announcement to everyone follows within the interval. */
    public void changed() {
        if (pending.compareAndSet(false, true)) {
            vertx.setTimer(intervalMillis, fired -> store.runInOrder(() -> {
                pending.set(false);
                registry.broadcast(currentList());
            }));
        }
    }

    /** The presence frame for the online set as it is now. */
    public String currentList() {
        return encoder.encode(new PresenceEvent(registry.online()));
    }
}
