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

    private final BitSet[] seen;
    private final long[] highest;
    private long unique;
    private long duplicates;
    private long outOfOrder;
    private long unknown;
    private long lastId = -1;
    private long idRegressions;

    DeliveryLedger(int senders) {
        this.seen = new BitSet[senders];
        this.highest = new long[senders];
        for (int i = 0; i < senders; i++) {
            seen[i] = new BitSet();
            highest[i] = -1;
        }
    }

    /** Classifies the arrival of message {@code seq} (0, 1, 2, ...) from {@code sender}. */
    Outcome record(int sender, long seq) {
        if (sender < 0 || sender >= seen.length || seq < 0 || seq > Integer.MAX_VALUE) {
            unknown++;
            return Outcome.UNKNOWN_SENDER;
        }
        BitSet own = seen[sender];
        if (own.get((int) seq)) {
            duplicates++;
            return Outcome.DUPLICATE;
        }
        own.set((int) seq);
        unique++;
        if (seq < highest[sender]) {
            outOfOrder++;
            return Outcome.OUT_OF_ORDER;
        }
        highest[sender] = seq;
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
        for (int s = 0; s < seen.length; s++) {
            long sent = s < sentPerSender.length ? sentPerSender[s] : 0;
            missing += sent - Math.min(sent, seen[s].get(0, (int) Math.min(sent, Integer.MAX_VALUE)).cardinality());
        }
        return missing;
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
