package io.chatterbox.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

/** Growing delays: a few free attempts, then 1 s, 2 s, 4 s … capped at the window; a success or a quiet window starts over. */
class BackoffTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final InMemoryBackoff backoff = new InMemoryBackoff(2, Duration.ofSeconds(10), now::get);

    @Test
    void theDelayDoublesAfterTheFreeAttempts() {
        assertThat(backoff.tryAttempt("k")).isZero();
        assertThat(backoff.tryAttempt("k")).isZero();
        assertThat(backoff.tryAttempt("k")).as("third: wait 1 s").isEqualTo(1_000);
        advance(1_000);
        assertThat(backoff.tryAttempt("k")).isZero();
        assertThat(backoff.tryAttempt("k")).as("then 2 s").isEqualTo(2_000);
        advance(2_000);
        assertThat(backoff.tryAttempt("k")).isZero();
        assertThat(backoff.tryAttempt("k")).as("then 4 s").isEqualTo(4_000);
        advance(4_000);
        assertThat(backoff.tryAttempt("k")).isZero();
        assertThat(backoff.tryAttempt("k")).as("8 s, still under the window").isEqualTo(8_000);
        advance(8_000);
        assertThat(backoff.tryAttempt("k")).isZero();
        assertThat(backoff.tryAttempt("k")).as("capped at the window").isEqualTo(10_000);
        assertThat(backoff.tryAttempt("other")).as("per key").isZero();
    }

    /** The shared count's answer becomes this node's: attempts made elsewhere bring the delay forward. */
    @Test
    void theSharedCountAnsweredBecomesTheCount() {
        assertThat(backoff.tryAttempt("k")).isZero();
        backoff.heard("k", 3);
        assertThat(backoff.tryAttempt("k")).as("the fourth attempt waits 2 s").isEqualTo(2_000);
        backoff.heard("k", 0);
        assertThat(backoff.idle()).as("started over elsewhere").isTrue();
        assertThat(backoff.tryAttempt("k")).isZero();
    }

    @Test
    void aSuccessOrAWholeQuietWindowStartsOver() {
        for (int i = 0; i < 2; i++) {
            backoff.tryAttempt("k");
        }
        assertThat(backoff.tryAttempt("k")).isPositive();
        backoff.reset("k");
        assertThat(backoff.tryAttempt("k")).isZero();

        backoff.tryAttempt("k");
        assertThat(backoff.tryAttempt("k")).isPositive();
        advance(10_000);
        assertThat(backoff.idle()).isTrue();
        assertThat(backoff.tryAttempt("k")).isZero();
    }

    private void advance(long millis) {
        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(millis));
    }
}
