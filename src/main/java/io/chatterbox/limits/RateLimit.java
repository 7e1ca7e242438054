package io.chatterbox.limits;

import io.chatterbox.core.ChatException;
import io.chatterbox.core.ErrorCode;

/**
 * A budget of permits per key (a user, an account, a client address). Thread-safe and non-blocking; an
 * implementation shared between nodes keeps one budget per key for all of them.
 */
public interface RateLimit {

    /**
     * Takes one permit for the key if there is one.
     *
     * @return 0 when the permit was taken, otherwise the milliseconds (at least 1) until one is available
     */
    long tryAcquire(String key);

    /** Gives back one permit taken by {@link #tryAcquire} (for an attempt that turned out not to count). */
    void refund(String key);

    /** True when every key has its whole budget: nothing has been used that has not come back. */
    boolean idle();

    /** Takes one permit for the key, or refuses as {@code rate_limited}: "{@code refusal}; try again in N seconds". */
    default void spend(String key, String refusal) {
        long waitMillis = tryAcquire(key);
        if (waitMillis > 0) {
            throw ChatException.retryLater(ErrorCode.RATE_LIMITED, refusal, waitMillis);
        }
    }
}
