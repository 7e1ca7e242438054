package io.chatterbox.limits;

import java.time.Duration;

/**
 * Where keyed budgets live. {@code name} says what a budget counts ("messages", "login-failures-per-account");
 * a shared implementation uses it to keep the budgets of different limits apart.
 */
public interface RateLimits {

    /** A token bucket: {@code burst} permits at once, refilled continuously at {@code permitsPerSecond}. */
    RateLimit perSecond(String name, double permitsPerSecond, int burst);

    /** {@code permits} per window; the window opens with the first permit taken and refills all at once when it ends. */
    RateLimit perWindow(String name, int permits, Duration window);

    /** Growing delays per key after {@code free} attempts, forgotten after a window without attempts. */
    Backoff backoff(String name, int free, Duration window);
}
