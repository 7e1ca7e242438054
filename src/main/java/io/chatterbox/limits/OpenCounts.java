package io.chatterbox.limits;

/**
 * How many of something each key holds open right now (sockets per user). An implementation shared between
 * nodes counts across all of them and forgets what a vanished node held.
 */
public interface OpenCounts {

    /** Counts one more for the key if it holds fewer than {@code max}; nothing is counted when it returns false. */
    boolean tryOpen(String key, int max);

    /** One held by the key was closed. */
    void close(String key);
}
