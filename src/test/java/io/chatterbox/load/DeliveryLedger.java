package io.chatterbox.load;

import java.util.BitSet;

/**
 * What one receiving client saw of the senders' numbered messages: every (sender, sequence number) pair is
 * classified as it arrives, and at the end the ledger says how many of the messages sent never arrived.
 * <p>
 * A message seen twice is a duplicate; a message older than the highest one already seen from its sender (and not
 * seen before) is out of order; a message sent but never seen is lost. Not thread-safe: one ledger belongs to one
 * connection, whose frames arrive on one event-loop thread.
 */
final class DeliveryLedger {

    enum Outcome { IN_ORDER, OUT_OF_ORDER, DUPLICATE, UNKNOWN_SENDER }

    /** The senders this client expects, sorted; their ledgers are kept at the same index. */
    private final int[] senders;
    private final BitSet[] seen;
    private final long[] highest;
    private long unique;
    private long duplicates;
    private long outOfOrder;
    private long unknown;
    private long lastId = -1;
    private long idRegressions;

    /** A ledger expecting every sender 0..senders-1 (everyone in one room). */
    DeliveryLedger(int senders) {
        this(java.util.stream.IntStream.range(0, senders).toArray());
    }

    /** A ledger expecting only the given senders (those in this client's room); others count as unknown. */
    DeliveryLedger(int[] expectedSenders) {
        this.senders = expectedSenders.clone();
        java.util.Arrays.sort(senders);
        this.seen = new BitSet[senders.length];
        this.highest = new long[senders.length];
        for (int i = 0; i < senders.length; i++) {
            seen[i] = new BitSet();
            highest[i] = -1;
        }
    }

    /** Classifies the arrival of message {@code seq} (0, 1, 2, ...) from {@code sender}. */
    Outcome record(int sender, long seq) {
        int at = java.util.Arrays.binarySearch(senders, sender);
        if (at < 0 || seq < 0 || seq > Integer.MAX_VALUE) {
            unknown++;
            return Outcome.UNKNOWN_SENDER;
        }
        BitSet own = seen[at];
        if (own.get((int) seq)) {
            duplicates++;
            return Outcome.DUPLICATE;
        }
        own.set((int) seq);
        unique++;
        if (seq < highest[at]) {
            outOfOrder++;
            return Outcome.OUT_OF_ORDER;
        }
        highest[at] = seq;
        return Outcome.IN_ORDER;
    }

    /** Notes the server's message id; ids on one connection must strictly increase. */
    void recordId(long id) {
        if (id <= lastId) {
            idRegressions++;
        }
        lastId = Math.max(lastId, id);
    }

    /** Messages sent ({@code sentPerSender[s]} numbered 0..n-1) that this client never received. */
    long missing(long[] sentPerSender) {
        long missing = 0;
        for (int i = 0; i < senders.length; i++) {
            long sent = senders[i] < sentPerSender.length ? sentPerSender[senders[i]] : 0;
            missing += sent - Math.min(sent, seen[i].get(0, (int) Math.min(sent, Integer.MAX_VALUE)).cardinality());
        }
        return missing;
    }

    /** Messages this client should have received: everything its senders sent. */
    long expected(long[] sentPerSender) {
        long expected = 0;
        for (int sender : senders) {
            expected += sender < sentPerSender.length ? sentPerSender[sender] : 0;
        }
        return expected;
    }

    long unique() {
        return unique;
    }

    long duplicates() {
        return duplicates;
    }

    long outOfOrder() {
        return outOfOrder;
    }

    long unknown() {
        return unknown;
    }

    long idRegressions() {
        return idRegressions;
    }
}
