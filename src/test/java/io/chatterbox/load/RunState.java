package io.chatterbox.load;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

import org.HdrHistogram.Recorder;

/** Counters shared by all clients of one run; every field is safe to update from any event-loop thread. */
final class RunState {

    /** Latencies up to an hour, in microseconds, to three significant digits. */
    static final long MAX_LATENCY_MICROS = 3_600_000_000L;

    final String run;
    final int size;
    final AtomicLongArray sentPerSender;
    final Recorder latencyMicros = new Recorder(MAX_LATENCY_MICROS, 3);
    final LongAdder deliveries = new LongAdder();
    final LongAdder uniqueDeliveries = new LongAdder();
    final LongAdder foreignMessages = new LongAdder();
    final LongAdder presenceFrames = new LongAdder();
    final LongAdder otherFrames = new LongAdder();
    final LongAdder sendFailures = new LongAdder();
    final AtomicLong maxSendLagNanos = new AtomicLong();
    final Map<String, LongAdder> errorsByCode = new ConcurrentHashMap<>();
    final Map<String, LongAdder> serverCloses = new ConcurrentHashMap<>();
    /** Latency is recorded for messages whose intended send time falls in [measureFrom, measureUntil). */
    volatile long measureFrom = Long.MAX_VALUE;
    volatile long measureUntil = Long.MAX_VALUE;

    RunState(String run, int senders, int size) {
        this.run = run;
        this.size = size;
        this.sentPerSender = new AtomicLongArray(senders);
    }

    void error(String code) {
        errorsByCode.computeIfAbsent(code, c -> new LongAdder()).increment();
    }

    void serverClosed(String why) {
        serverCloses.computeIfAbsent(why, c -> new LongAdder()).increment();
    }

    static Map<String, Long> snapshot(Map<String, LongAdder> counters) {
        Map<String, Long> copy = new TreeMap<>();
        counters.forEach((key, value) -> copy.put(key, value.sum()));
        return copy;
    }

    long[] sent() {
        long[] sent = new long[sentPerSender.length()];
        for (int i = 0; i < sent.length; i++) {
            sent[i] = sentPerSender.get(i);
        }
        return sent;
    }
}
