package io.chatterbox.support.memory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.chatterbox.core.Scheduler;

/** A {@link Scheduler} whose time moves only when the test says so. */
public final class ManualScheduler implements Scheduler {

    private final List<Runnable> due = new ArrayList<>();
    private final List<Duration> delays = new ArrayList<>();

    @Override
    public synchronized void after(Duration delay, Runnable action) {
        delays.add(delay);
        due.add(action);
    }

    /** Actions waiting to run. */
    public synchronized int pending() {
        return due.size();
    }

    /** The delays asked for so far. */
    public synchronized List<Duration> delays() {
        return List.copyOf(delays);
    }

    /** Lets time pass: runs everything scheduled so far. */
    public void runDue() {
        List<Runnable> now;
        synchronized (this) {
            now = List.copyOf(due);
            due.clear();
        }
        now.forEach(Runnable::run);
    }
}
