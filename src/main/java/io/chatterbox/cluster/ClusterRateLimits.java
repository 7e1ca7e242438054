package io.chatterbox.cluster;

import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.ObjIntConsumer;

import org.jboss.logging.Logger;

import io.chatterbox.limits.Backoff;
import io.chatterbox.limits.InMemoryBackoff;
import io.chatterbox.limits.RateLimit;
import io.chatterbox.limits.RateLimiter;
import io.chatterbox.limits.RateLimits;
import io.vertx.core.Future;

/**
 * Budgets shared by every node, without a round trip to Redis on the caller's thread (checks run on event loops):
 * each node decides at once from its own view of a budget, and tells Redis what it took; Redis keeps the one budget
 * for all, and its answer brings the node's view down to what is left cluster-wide. A node that has not used a key
 * for a while may therefore let one more through before it hears what the others took: at most one permit per
 * other node when a client switches nodes in mid-burst, and a token bucket's debt is paid back by waiting longer.
 * Without Redis each node keeps its budgets alone, as an embedded node does, until Redis is back.
 */
final class ClusterRateLimits implements RateLimits {

    private static final Logger LOG = Logger.getLogger(ClusterRateLimits.class);

    private final ClusterBus bus;
    private final String keyPrefix;

    ClusterRateLimits(ClusterBus bus, String redisPrefix) {
        this.bus = bus;
        this.keyPrefix = redisPrefix + ":limits:";
    }

    @Override
    public RateLimit perSecond(String name, double permitsPerSecond, int burst) {
        RateLimiter here = RateLimiter.perSecond(permitsPerSecond, burst);
        return new SharedRateLimit(here, (key, taken) -> tell(BudgetScript.TOKEN_BUCKET, name, key,
                left -> here.heard(key, left.left(), 0), permitsPerSecond / 1000, burst, taken));
    }

    @Override
    public RateLimit perWindow(String name, int permits, Duration window) {
        RateLimiter here = RateLimiter.perWindow(permits, window);
        return new SharedRateLimit(here, (key, taken) -> tell(BudgetScript.WINDOW, name, key,
                left -> here.heard(key, left.left(), Duration.ofMillis(left.windowLeftMillis()).toNanos()),
                permits, window.toMillis(), taken));
    }

    @Override
    public Backoff backoff(String name, int free, Duration window) {
        InMemoryBackoff here = new InMemoryBackoff(free, window);
        return new SharedBackoff(here, (key, attempt) -> tell(BudgetScript.ATTEMPTS, name, key,
                count -> here.heard(key, (int) count.left()), window.toMillis(), attempt));
    }

    private void tell(BudgetScript script, String name, String key, Consumer<BudgetScript.Left> heard, Object... args) {
        Future<BudgetScript.Left> answer = script.run(bus, keyPrefix + name + ':' + key, args);
        answer.onSuccess(heard::accept)
                .onFailure(failure -> LOG.debugf("The shared budget %s was not told: %s", name, failure.getMessage()));
    }

    /** Decided here, then told to Redis: 1 taken for a permit, -1 for a refund. */
    private record SharedRateLimit(RateLimiter here, ObjIntConsumer<String> taken) implements RateLimit {

        @Override
        public long tryAcquire(String key) {
            long waitMillis = here.tryAcquire(key);
            if (waitMillis == 0) {
                taken.accept(key, 1);
            }
            return waitMillis;
        }

        @Override
        public void refund(String key) {
            here.refund(key);
            taken.accept(key, -1);
        }

        @Override
        public boolean idle() {
            return here.idle();
        }
    }

    /** Decided here, then told to Redis: 1 for an attempt, 0 to start over. */
    private record SharedBackoff(InMemoryBackoff here, ObjIntConsumer<String> attempts) implements Backoff {

        @Override
        public long tryAttempt(String key) {
            long waitMillis = here.tryAttempt(key);
            if (waitMillis == 0) {
                attempts.accept(key, 1);
            }
            return waitMillis;
        }

        @Override
        public void reset(String key) {
            here.reset(key);
            attempts.accept(key, 0);
        }

        @Override
        public boolean idle() {
            return here.idle();
        }
    }
}
