package io.chatterbox.limits;

/**
 * Growing delays per key: the first attempts go through at once, then each one must wait twice as long after the
 * previous as the one before (1 s, 2 s, 4 s, … up to the window). A key with no attempt for a whole window starts
 * over. Thread-safe; an implementation shared between nodes keeps one count per key for all of them.
 */
public interface Backoff {

    /**
     * Counts an attempt for the key if its delay has passed.
     *
     * @return 0 when the attempt was counted and may go ahead, otherwise the milliseconds (at least 1) to wait
     */
    long tryAttempt(String key);

    /** The key succeeded: its count starts over. */
    void reset(String key);

    /** True when no key is being counted (every one has started over). */
    boolean idle();
}
