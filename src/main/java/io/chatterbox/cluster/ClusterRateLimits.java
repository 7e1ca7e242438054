package io.chatterbox.cluster;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.ObjIntConsumer;

import org.jboss.logging.Logger;

import io.chatterbox.limits.Backoff;
import io.chatterbox.limits.InMemoryBackoff;
import io.chatterbox.limits.RateLimit;
import io.chatterbox.limits.RateLimiter;
import io.chatterbox.limits.RateLimits;

/**
 * Budgets shared by every node, without a round trip to Redis on the caller's thread (checks run on event loops):
 * each node decides at once from its own view of a budget, and tells Redis what it took; Redis keeps the one budget
 * for all, and its answer (with what this node took since) becomes the node's view. A node that has not used a key
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
        Unanswered pending = new Unanswered();
        return new SharedRateLimit(here, (key, taken) -> tell(BudgetScript.TOKEN_BUCKET, name, key, pending, taken,
                (left, unanswered) -> here.heard(key, left.left() - unanswered, 0), permitsPerSecond / 1000, burst, taken));
    }

    @Override
    public RateLimit perWindow(String name, int permits, Duration window) {
        RateLimiter here = RateLimiter.perWindow(permits, window);
        Unanswered pending = new Unanswered();
        return new SharedRateLimit(here, (key, taken) -> tell(BudgetScript.WINDOW, name, key, pending, taken,
                (left, unanswered) -> here.heard(key, left.left() - unanswered,
                        Duration.ofMillis(left.windowLeftMillis()).toNanos()),
                permits, window.toMillis(), taken));
    }

    @Override
    public Backoff backoff(String name, int free, Duration window) {
        InMemoryBackoff here = new InMemoryBackoff(free, window);
        Unanswered pending = new Unanswered();
        return new SharedBackoff(here, (key, attempt) -> tell(BudgetScript.ATTEMPTS, name, key, pending, attempt,
                (count, unanswered) -> here.heard(key, (int) count.left() + unanswered), window.toMillis(), attempt));
    }

    /**
     * Tells Redis what this node took for the key, then hands its answer to {@code heard} with what this node has
     * taken since that is not answered yet. Answers come back in the order the changes were sent, over one
     * connection, so the view they set is Redis's at that moment plus exactly this node's changes after it.
     */
    private void tell(BudgetScript script, String name, String key, Unanswered pending, int taken,
            BiConsumer<BudgetScript.Left, Integer> heard, Object... args) {
        pending.sent(key, taken);
        script.run(bus, keyPrefix + name + ':' + key, args).onComplete(answer -> {
            int unanswered = pending.answered(key, taken);
            if (answer.succeeded()) {
                heard.accept(answer.result(), unanswered);
            } else {
                LOG.debugf("The shared budget %s was not told: %s", name, answer.cause().getMessage());
            }
        });
    }

    /** Per key, what this node has told Redis it took and has no answer for yet. */
    private static final class Unanswered {
        private final Map<String, Integer> taken = new ConcurrentHashMap<>();

        void sent(String key, int permits) {
            taken.merge(key, permits, Unanswered::sum);
        }

        /** @return what is still unanswered for the key once this answer is in */
        int answered(String key, int permits) {
            Integer left = taken.merge(key, -permits, Unanswered::sum);
            return left == null ? 0 : left;
        }

        private static Integer sum(Integer a, Integer b) {
            return a + b == 0 ? null : a + b;
        }
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
