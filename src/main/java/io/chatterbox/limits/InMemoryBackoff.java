package io.chatterbox.limits;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/** The in-memory {@link Backoff}: a count and the time of the last attempt per key, in this process. */
public final class InMemoryBackoff implements Backoff {

    private record Attempts(int count, long lastNanos) {
    }

    private static final long FIRST_DELAY_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final int free;
    private final long windowNanos;
    private final LongSupplier clock;
    private final Map<String, Attempts> attempts = new ConcurrentHashMap<>();

    /** @param free attempts that go through at once before delays start */
    public InMemoryBackoff(int free, Duration window) {
        this(free, window, System::nanoTime);
    }

    InMemoryBackoff(int free, Duration window, LongSupplier nanoClock) {
        this.free = free;
        this.windowNanos = window.toNanos();
        this.clock = nanoClock;
    }

    @Override
    public long tryAttempt(String key) {
        long now = clock.getAsLong();
        long[] waitNanos = { 0 };
        attempts.compute(key, (k, old) -> {
            Attempts current = old == null || now - old.lastNanos() >= windowNanos ? new Attempts(0, now) : old;
            long due = current.lastNanos() + delayAfter(current.count());
            if (now < due) {
                waitNanos[0] = due - now;
                return current;
            }
            return new Attempts(current.count() + 1, now);
        });
        if (attempts.size() > RateLimiter.DEFAULT_MAX_KEYS) {
            forgetExpired(now);
        }
        return waitNanos[0] == 0 ? 0 : Math.max(1, TimeUnit.NANOSECONDS.toMillis(waitNanos[0] + 999_999));
    }

    /**
     * How many attempts every node together has counted for the key, as the shared count answered, plus those this
     * node made since that answer was made: this node's count becomes it, so the next delay is the cluster's.
     */
    public void heard(String key, int count) {
        long now = clock.getAsLong();
        attempts.compute(key, (k, old) -> count <= 0 ? null : new Attempts(count, old == null ? now : old.lastNanos()));
    }

    @Override
    public void reset(String key) {
        attempts.remove(key);
    }

    @Override
    public boolean idle() {
        forgetExpired(clock.getAsLong());
        return attempts.isEmpty();
    }

    /** The pause owed after {@code count} attempts: none for the free ones, then 1 s, 2 s, 4 s, … up to the window. */
    private long delayAfter(int count) {
        if (count < free) {
            return 0;
        }
        int doublings = Math.min(count - free, 40);
        return Math.min(windowNanos, FIRST_DELAY_NANOS << doublings);
    }

    /** Keys whose window has passed hold no memory once anyone looks (they would start over anyway). */
    private void forgetExpired(long now) {
        attempts.values().removeIf(old -> now - old.lastNanos() >= windowNanos);
    }
}
