package io.chatterbox.cluster;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.jboss.logging.Logger;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;

/**
 * The cluster's event channel: one Redis pub/sub channel that every node publishes to and listens on. Each node
 * publishes over one connection of its own, so its notices arrive everywhere in the order it sent them; it listens
 * over another. When Redis goes away the node keeps retrying, and each time it is subscribed again it tells its
 * {@code onResubscribed} listeners, which fill from the store of record whatever passed meanwhile.
 */
final class ClusterBus {

    private static final Logger LOG = Logger.getLogger(ClusterBus.class);
    private static final long RETRY_MILLIS = 1_000;

    private final Redis redis;
    private final Vertx vertx;
    private final String channel;
    private final String node = UUID.randomUUID().toString();
    private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();
    private final List<Runnable> resubscribed = new CopyOnWriteArrayList<>();
    private final List<Runnable> publisherConnected = new CopyOnWriteArrayList<>();
    private final List<Runnable> publisherReconnected = new CopyOnWriteArrayList<>();
    private volatile RedisConnection publisher;
    private volatile RedisConnection subscriber;
    private volatile boolean stopped;

    ClusterBus(Redis redis, Vertx vertx, String prefix) {
        this.redis = redis;
        this.vertx = vertx;
        this.channel = prefix + ":events";
    }

    /** This node's name on the channel, random per start. */
    String node() {
        return node;
    }

    void onMessage(Consumer<String> listener) {
        listeners.add(listener);
    }

    /** Called each time the node is listening again after losing Redis (not on the first subscription). */
    void onResubscribed(Runnable listener) {
        resubscribed.add(listener);
    }

    /** Called each time this node can publish again after losing Redis (not on the first connection). */
    void onPublisherReconnected(Runnable listener) {
        publisherReconnected.add(listener);
    }

    /** Called each time this node can publish, the first time included. */
    void onPublisherConnected(Runnable listener) {
        publisherConnected.add(listener);
    }

    /** Connects both ways; returns once this node is listening, so nothing published after start is missed. */
    void start() {
        connectPublisher(false);
        subscribe(false).toCompletionStage().toCompletableFuture().join();
    }

    /**
     * Publishes in the order of calls from one thread. Without Redis the notice is dropped (and logged): messages are
     * then filled from the store by every node that notices the gap.
     */
    Future<Response> publish(String text) {
        RedisConnection connection = publisher;
        if (connection == null) {
            LOG.debugf("Not connected to Redis: a cluster notice was not published");
            return Future.failedFuture("not connected to Redis");
        }
        return connection.send(Request.cmd(Command.PUBLISH).arg(channel).arg(text))
                .onFailure(failure -> LOG.debugf("A cluster notice was not published: %s", failure.getMessage()));
    }

    /**
     * Sends a command over the publishing connection, so it takes effect in order with this node's notices: a
     * notice published after a write is heard only after the write is done. Fails at once without Redis.
     */
    Future<Response> send(Request command) {
        RedisConnection connection = publisher;
        if (connection == null) {
            return Future.failedFuture("not connected to Redis");
        }
        return connection.send(command);
    }

    private void connectPublisher(boolean again) {
        if (stopped) {
            return;
        }
        redis.connect().onSuccess(connection -> {
            connection.exceptionHandler(failure -> dropPublisher(connection, failure));
            connection.endHandler(ignored -> dropPublisher(connection, null));
            publisher = connection;
            publisherConnected.forEach(Runnable::run);
            if (again) {
                publisherReconnected.forEach(Runnable::run);
            }
        }).onFailure(failure -> {
            LOG.warnf("Cannot reach Redis to publish (%s); retrying", failure.getMessage());
            vertx.setTimer(RETRY_MILLIS, id -> connectPublisher(again));
        });
    }

    private void dropPublisher(RedisConnection connection, Throwable failure) {
        if (publisher == connection && !stopped) {
            publisher = null;
            LOG.warnf("Lost the Redis connection for publishing%s; reconnecting", failure == null ? "" : " (" + failure.getMessage() + ")");
            vertx.setTimer(RETRY_MILLIS, id -> connectPublisher(true));
        }
    }

    private Future<Void> subscribe(boolean again) {
        if (stopped) {
            return Future.succeededFuture();
        }
        return redis.connect().compose(connection -> {
            connection.handler(this::received);
            connection.exceptionHandler(failure -> dropSubscriber(connection, failure));
            connection.endHandler(ignored -> dropSubscriber(connection, null));
            return connection.send(Request.cmd(Command.SUBSCRIBE).arg(channel)).map(subscribed -> {
                subscriber = connection;
                if (again) {
                    LOG.infof("Listening on Redis again");
                    resubscribed.forEach(Runnable::run);
                }
                return (Void) null;
            });
        }).recover(failure -> {
            LOG.warnf("Cannot reach Redis to listen (%s); retrying", failure.getMessage());
            Promise<Void> retried = Promise.promise();
            vertx.setTimer(RETRY_MILLIS, id -> subscribe(again).onComplete(retried));
            return retried.future();
        });
    }

    private void dropSubscriber(RedisConnection connection, Throwable failure) {
        if (subscriber == connection && !stopped) {
            subscriber = null;
            LOG.warnf("Lost the Redis connection for listening%s; reconnecting", failure == null ? "" : " (" + failure.getMessage() + ")");
            vertx.setTimer(RETRY_MILLIS, id -> subscribe(true));
        }
    }

    /** A pub/sub push: ["message", channel, payload]. */
    private void received(Response push) {
        if (push.size() == 3 && "message".equals(push.get(0).toString()) && channel.equals(push.get(1).toString())) {
            String text = push.get(2).toString();
            listeners.forEach(listener -> listener.accept(text));
        }
    }

    void stop() {
        stopped = true;
        if (publisher != null) {
            publisher.close();
        }
        if (subscriber != null) {
            subscriber.close();
        }
    }
}
