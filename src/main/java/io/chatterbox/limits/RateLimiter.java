package io.chatterbox.limits;

import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import org.jboss.logging.Logger;

/**
 * The in-memory {@link RateLimit}: a budget of permits per key in this process, thread-safe and non-blocking. Two shapes:
 * <ul>
 * <li>{@link #perSecond}: a token bucket, {@code burst} permits that refill continuously — for sustained rates;</li>
 * <li>{@link #perWindow}: {@code permits} per window, the window opening at the first permit taken and the whole
 * budget coming back when it closes — for "N failures within W" rules.</li>
 * </ul>
 * A key whose budget is whole again holds no memory: it is dropped by a sweep that runs at most once per refill
 * time, and the number of keys is capped (past the cap the keys nearest to a whole budget are forgotten first).
 */
public final class RateLimiter implements RateLimit {

    /** Keys tracked at most, unless the constructor says otherwise; ~100 bytes each. */
    public static final int DEFAULT_MAX_KEYS = 100_000;

    private static final Logger LOG = Logger.getLogger(RateLimiter.class);

    /** Permits left for one key, and the instant they were last brought up to date (token bucket) or the window opened. */
    private record Bucket(double tokens, long since) {
    }

    private final int capacity;
    private final double permitsPerNano; // token bucket only
    private final long windowNanos; // fixed window only; 0 for a token bucket
    private final int maxKeys;
    private final LongSupplier clock;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final AtomicLong lastSweep;
    private final AtomicBoolean warnedFull = new AtomicBoolean();

    private RateLimiter(int capacity, double permitsPerNano, long windowNanos, int maxKeys, LongSupplier clock) {
        if (capacity < 1 || maxKeys < 1) {
            throw new IllegalArgumentException("A rate limit needs at least one permit and one key");
        }
        this.capacity = capacity;
        this.permitsPerNano = permitsPerNano;
        this.windowNanos = windowNanos;
        this.maxKeys = maxKeys;
        this.clock = clock;
        this.lastSweep = new AtomicLong(clock.getAsLong());
    }

    /** A token bucket: {@code burst} permits at once, refilled at {@code permitsPerSecond}. */
    public static RateLimiter perSecond(double permitsPerSecond, int burst) {
        return perSecond(permitsPerSecond, burst, DEFAULT_MAX_KEYS, System::nanoTime);
    }

    static RateLimiter perSecond(double permitsPerSecond, int burst, int maxKeys, LongSupplier nanoClock) {
        if (!(permitsPerSecond > 0)) {
            throw new IllegalArgumentException("permitsPerSecond must be positive");
        }
        return new RateLimiter(burst, permitsPerSecond / TimeUnit.SECONDS.toNanos(1), 0, maxKeys, nanoClock);
    }

    /** {@code permits} per window; the window opens with the first permit taken and refills all at once when it ends. */
    public static RateLimiter perWindow(int permits, Duration window) {
        return perWindow(permits, window, DEFAULT_MAX_KEYS, System::nanoTime);
    }

    static RateLimiter perWindow(int permits, Duration window, int maxKeys, LongSupplier nanoClock) {
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("The window must be positive");
        }
        return new RateLimiter(permits, 0, window.toNanos(), maxKeys, nanoClock);
    }

    @Override
    public long tryAcquire(String key) {
        long now = clock.getAsLong();
        long[] waitNanos = { 0 };
        buckets.compute(key, (k, old) -> {
            Bucket current = refill(old, now);
            if (current.tokens() < 1) {
                waitNanos[0] = nanosUntilPermit(current, now);
                return current;
            }
            // A window opens with its first permit; a token bucket's stamp is already "now".
            long since = current.tokens() >= capacity ? now : current.since();
            return new Bucket(current.tokens() - 1, since);
        });
        housekeep(now);
        return waitNanos[0] == 0 ? 0 : toMillis(waitNanos[0]);
    }

    /** Like {@link #tryAcquire} but takes nothing: 0 when a permit is available now, else the wait in milliseconds. */
    public long waitMillis(String key) {
        long now = clock.getAsLong();
        Bucket current = refill(buckets.get(key), now);
        return current.tokens() >= 1 ? 0 : toMillis(nanosUntilPermit(current, now));
    }

    /**
     * What every node together has left for the key, as the shared budget answered, less what this node took since
     * that answer was made: this node's view becomes it. Less than zero is a debt (permits taken on several nodes at
     * once), paid back by waiting; for a window, {@code windowLeftNanos} is when the shared window refills (nothing
     * is heard when it is not positive: the window has closed).
     */
    public void heard(String key, double permitsLeft, long windowLeftNanos) {
        if (windowNanos > 0 && windowLeftNanos <= 0) {
            return;
        }
        long now = clock.getAsLong();
        buckets.compute(key, (k, old) -> {
            if (permitsLeft >= capacity) {
                return null;
            }
            long since = windowNanos > 0 ? now + windowLeftNanos - windowNanos : now;
            return new Bucket(permitsLeft, since);
        });
    }

    @Override
    public void refund(String key) {
        long now = clock.getAsLong();
        buckets.computeIfPresent(key, (k, old) -> {
            Bucket current = refill(old, now);
            double tokens = Math.min(capacity, current.tokens() + 1);
            return tokens >= capacity ? null : new Bucket(tokens, current.since());
        });
    }

    @Override
    public boolean idle() {
        sweep(clock.getAsLong());
        return buckets.isEmpty();
    }

    /** Keys currently held in memory. */
    int size() {
        return buckets.size();
    }

    private Bucket refill(Bucket bucket, long now) {
        if (bucket == null) {
            return new Bucket(capacity, now);
        }
        if (windowNanos > 0) {
            return now - bucket.since() >= windowNanos ? new Bucket(capacity, now) : bucket;
        }
        double tokens = Math.min(capacity, bucket.tokens() + (now - bucket.since()) * permitsPerNano);
        return new Bucket(tokens, now);
    }

    private long nanosUntilPermit(Bucket bucket, long now) {
        if (windowNanos > 0) {
            return bucket.since() + windowNanos - now;
        }
        return (long) Math.ceil((1 - bucket.tokens()) / permitsPerNano);
    }

    /** How long until the key's budget is whole again: the order in which keys are forgotten under pressure. */
    private long nanosUntilWhole(Bucket bucket, long now) {
        if (windowNanos > 0) {
            return bucket.since() + windowNanos - now;
        }
        return (long) ((capacity - bucket.tokens()) / permitsPerNano);
    }

    private void housekeep(long now) {
        long wholeAfter = windowNanos > 0 ? windowNanos : (long) (capacity / permitsPerNano);
        long last = lastSweep.get();
        boolean due = now - last >= Math.max(wholeAfter, TimeUnit.SECONDS.toNanos(1));
        if ((due || buckets.size() > maxKeys) && lastSweep.compareAndSet(last, now)) {
            sweep(now);
            trimTo(maxKeys, now);
        }
    }

    private void sweep(long now) {
        for (String key : buckets.keySet()) {
            buckets.computeIfPresent(key, (k, old) -> {
                Bucket current = refill(old, now);
                return current.tokens() >= capacity ? null : old;
            });
        }
    }

    /** Past the cap, forget the keys closest to a whole budget, down to 90% so this does not run on every call. */
    private void trimTo(int limit, long now) {
        int excess = buckets.size() - limit;
        if (excess <= 0) {
            return;
        }
        int toDrop = excess + limit / 10;
        if (!warnedFull.getAndSet(true)) { // once: a flood of keys would otherwise flood the log too
            LOG.warnf("A rate limiter holds more than %d keys; forgetting those nearest to a whole budget", limit);
        }
        buckets.entrySet().stream()
                .sorted(Comparator.comparingLong(e -> nanosUntilWhole(e.getValue(), now)))
                .limit(toDrop)
                .map(Map.Entry::getKey)
                .toList()
                .forEach(buckets::remove);
    }

    private static long toMillis(long nanos) {
        return Math.max(1, TimeUnit.NANOSECONDS.toMillis(nanos + 999_999));
    }
}
