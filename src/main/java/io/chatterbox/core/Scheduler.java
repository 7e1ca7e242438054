package io.chatterbox.core;

import java.time.Duration;

/** Runs something once, later. The core's only clock-driven work (presence announcements) goes through it. */
@FunctionalInterface
public interface Scheduler {

    void after(Duration delay, Runnable action);
}
