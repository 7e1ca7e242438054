package io.chatterbox.load;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The load generator must be able to fail: a server that drops, duplicates or reorders frames has to show up as
 * non-zero counters. Plain JUnit, no server.
 */
class LoadGeneratorAccountingTest {

    @Test
    void aCleanStreamHasNoFindings() {
        DeliveryLedger ledger = new DeliveryLedger(2);
        for (long n = 0; n < 5; n++) {
            ledger.record(0, n);
            ledger.record(1, n);
            ledger.recordId(2 * n + 1);
            ledger.recordId(2 * n + 2);
        }

        assertThat(ledger.missing(new long[] {5, 5})).isZero();
        assertThat(ledger.duplicates()).isZero();
        assertThat(ledger.outOfOrder()).isZero();
        assertThat(ledger.idRegressions()).isZero();
        assertThat(ledger.unique()).isEqualTo(10);
    }

    @Test
    void aGapADuplicateAndAReorderingAreEachCounted() {
        DeliveryLedger ledger = new DeliveryLedger(1);
        // Sender 0 sent 0..6. Arrivals: 0, 1, 3 (gap: 2 is late), 2 (out of order), 3 again (duplicate), 5, 6; 4 never.
        assertThat(ledger.record(0, 0)).isEqualTo(DeliveryLedger.Outcome.IN_ORDER);
        assertThat(ledger.record(0, 1)).isEqualTo(DeliveryLedger.Outcome.IN_ORDER);
        assertThat(ledger.record(0, 3)).isEqualTo(DeliveryLedger.Outcome.IN_ORDER);
        assertThat(ledger.record(0, 2)).isEqualTo(DeliveryLedger.Outcome.OUT_OF_ORDER);
        assertThat(ledger.record(0, 3)).isEqualTo(DeliveryLedger.Outcome.DUPLICATE);
        ledger.record(0, 5);
        ledger.record(0, 6);

        assertThat(ledger.missing(new long[] {7})).isEqualTo(1);
        assertThat(ledger.duplicates()).isEqualTo(1);
        assertThat(ledger.outOfOrder()).isEqualTo(1);
    }

    @Test
    void messagesSentButNeverSeenAreLostEvenAfterTheLastOneSeen() {
        DeliveryLedger ledger = new DeliveryLedger(2);
        ledger.record(0, 0);

        assertThat(ledger.missing(new long[] {3, 2})).isEqualTo(4);
    }

    @Test
    void aServerIdThatDoesNotIncreaseIsARegression() {
        DeliveryLedger ledger = new DeliveryLedger(1);
        ledger.recordId(10);
        ledger.recordId(12);
        ledger.recordId(11);
        ledger.recordId(12);

        assertThat(ledger.idRegressions()).isEqualTo(2);
    }

    @Test
    void aSenderOutsideTheRunIsNotCountedAsDelivered() {
        DeliveryLedger ledger = new DeliveryLedger(1);

        assertThat(ledger.record(3, 0)).isEqualTo(DeliveryLedger.Outcome.UNKNOWN_SENDER);
        assertThat(ledger.unknown()).isEqualTo(1);
        assertThat(ledger.unique()).isZero();
    }

    @Test
    void thePayloadSurvivesTheServersMessageFrame() {
        String text = new Payload("k3x9", 4, 17, 123_456_789L).encode(100);
        String frame = "{\"type\":\"message\",\"id\":981,\"room\":\"general\",\"username\":\"lgk3x9_4\",\"text\":\"" + text
                + "\",\"timestamp\":\"2026-11-26T10:15:32.250Z\",\"clientId\":\"k3x9-4-17\"}";

        assertThat(text).hasSize(100);
        assertThat(Payload.fromFrame(frame, "k3x9")).isEqualTo(new Payload("k3x9", 4, 17, 123_456_789L));
        assertThat(Payload.fromFrame(frame, "other")).isNull();
        assertThat(Payload.idOf(frame)).isEqualTo(981);
    }

    @Test
    void durationsReadAsOnTheCommandLine() {
        assertThat(LoadOptions.duration("30s", "1s").toMillis()).isEqualTo(30_000);
        assertThat(LoadOptions.duration("500ms", "1s").toMillis()).isEqualTo(500);
        assertThat(LoadOptions.duration("2m", "1s").toMillis()).isEqualTo(120_000);
        assertThat(LoadOptions.duration(null, "5s").toMillis()).isEqualTo(5_000);
    }

    @Test
    void aClientInARoomExpectsOnlyThatRoomsSendersAndNoticesForeignOnes() {
        DeliveryLedger ledger = new DeliveryLedger(new int[] { 7, 3 });
        long[] sent = { 4, 0, 0, 2, 0, 0, 0, 3 };
        ledger.record(3, 0);
        ledger.record(3, 1);
        ledger.record(7, 0);
        ledger.record(7, 2);

        assertThat(ledger.expected(sent)).isEqualTo(5);
        assertThat(ledger.missing(sent)).isEqualTo(1); // sender 7's message 1
        assertThat(ledger.record(0, 0)).isEqualTo(DeliveryLedger.Outcome.UNKNOWN_SENDER); // another room leaked in
        assertThat(ledger.unknown()).isEqualTo(1);
    }

    @Test
    void roomsSpreadClientsInBlocksAndSendersRoundRobin() {
        LoadOptions options = LoadOptions.parse("--clients", "12", "--users", "6", "--senders", "6", "--rooms", "3");

        assertThat(options.roomSize()).isEqualTo(4);
        // two accounts per room; every connection of an account is in that account's room
        assertThat(java.util.stream.IntStream.range(0, 12).map(options::userOf).toArray())
                .containsExactly(0, 1, 0, 1, 2, 3, 2, 3, 4, 5, 4, 5);
        assertThat(options.roomOf(0)).isZero();
        assertThat(options.roomOf(11)).isEqualTo(2);
        // senders 0,1,2 are the first clients of rooms 0,1,2; senders 3,4,5 the second ones
        assertThat(java.util.stream.IntStream.range(0, 6).map(options::clientOfSender).toArray())
                .containsExactly(0, 4, 8, 1, 5, 9);
    }
}
