package io.chatterbox.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

/** Runs on a hand-driven clock: every wait is exact and no test sleeps. */
class RateLimiterTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);

    private void advanceMillis(long millis) {
        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(millis));
    }

    @Test
    void aTokenBucketAllowsItsBurstThenRefillsAtItsRate() {
        RateLimiter limiter = RateLimiter.perSecond(2, 3, 100, now::get);

        assertThat(limiter.tryAcquire("alice")).isZero();
        assertThat(limiter.tryAcquire("alice")).isZero();
        assertThat(limiter.tryAcquire("alice")).isZero();
        assertThat(limiter.tryAcquire("alice")).isEqualTo(500);

        advanceMillis(200);
        assertThat(limiter.tryAcquire("alice")).isEqualTo(300);
        advanceMillis(300);
        assertThat(limiter.tryAcquire("alice")).isZero();
        assertThat(limiter.tryAcquire("alice")).isEqualTo(500);
    }

    /** The shared budget's answer becomes the view: a debt is waited off at the rate; a refund answered comes back. */
    @Test
    void aBucketTakesWhatTheSharedBudgetAnswered() {
        RateLimiter limiter = RateLimiter.perSecond(2, 3, 100, now::get);
        assertThat(limiter.tryAcquire("alice")).isZero();

        limiter.heard("alice", -1, 0);
        assertThat(limiter.tryAcquire("alice")).as("two permits owed: 1 s").isEqualTo(1_000);
        limiter.heard("alice", 2, 0);
        assertThat(limiter.tryAcquire("alice")).isZero();
        limiter.heard("alice", 3, 0);
        assertThat(limiter.idle()).as("whole again").isTrue();
    }

    @Test
    void aWindowHeardToBeSpentWaitsForTheSharedWindowToClose() {
        RateLimiter limiter = RateLimiter.perWindow(3, Duration.ofSeconds(10), 100, now::get);
        assertThat(limiter.tryAcquire("10.0.0.1")).isZero();

        limiter.heard("10.0.0.1", 0, TimeUnit.SECONDS.toNanos(4));
        assertThat(limiter.tryAcquire("10.0.0.1")).as("the shared window closes in 4 s").isEqualTo(4_000);
        advanceMillis(4_000);
        assertThat(limiter.tryAcquire("10.0.0.1")).isZero();
    }

    @Test
    void keysHaveSeparateBudgets() {
        RateLimiter limiter = RateLimiter.perSecond(1, 1, 100, now::get);

        assertThat(limiter.tryAcquire("alice")).isZero();
        assertThat(limiter.tryAcquire("alice")).isPositive();
        assertThat(limiter.tryAcquire("bob")).isZero();
    }

    @Test
    void aWindowOpensAtTheFirstPermitAndRefillsWholeWhenItCloses() {
        RateLimiter limiter = RateLimiter.perWindow(2, Duration.ofSeconds(10), 100, now::get);

        assertThat(limiter.tryAcquire("10.0.0.1")).isZero();
        advanceMillis(4_000);
        assertThat(limiter.tryAcquire("10.0.0.1")).isZero();
        advanceMillis(1_000);
        assertThat(limiter.tryAcquire("10.0.0.1")).isEqualTo(5_000);
        advanceMillis(4_999);
        assertThat(limiter.tryAcquire("10.0.0.1")).isEqualTo(1);
        advanceMillis(1);
        assertThat(limiter.tryAcquire("10.0.0.1")).isZero();
        assertThat(limiter.tryAcquire("10.0.0.1")).isZero();
        assertThat(limiter.tryAcquire("10.0.0.1")).isEqualTo(10_000);
    }

    @Test
    void aRefundedPermitDoesNotCount() {
        RateLimiter limiter = RateLimiter.perWindow(1, Duration.ofMinutes(5), 100, now::get);

        assertThat(limiter.tryAcquire("bob")).isZero();
        limiter.refund("bob");
        assertThat(limiter.idle()).isTrue();
        assertThat(limiter.tryAcquire("bob")).isZero();
        assertThat(limiter.tryAcquire("bob")).isPositive();
    }

    @Test
    void waitMillisOnlyLooks() {
        RateLimiter limiter = RateLimiter.perWindow(1, Duration.ofSeconds(3), 100, now::get);

        assertThat(limiter.waitMillis("carol")).isZero();
        assertThat(limiter.size()).isZero();
        assertThat(limiter.tryAcquire("carol")).isZero();
        assertThat(limiter.waitMillis("carol")).isEqualTo(3_000);
        assertThat(limiter.waitMillis("carol")).isEqualTo(3_000);
    }

    @Test
    void keysWithAWholeBudgetAreForgotten() {
        RateLimiter limiter = RateLimiter.perSecond(10, 10, 100, now::get);
        for (int i = 0; i < 50; i++) {
            limiter.tryAcquire("user" + i);
        }
        assertThat(limiter.size()).isEqualTo(50);
        assertThat(limiter.idle()).isFalse();

        advanceMillis(1_000);
        limiter.tryAcquire("late"); // the next call sweeps: everything but "late" has refilled
        assertThat(limiter.size()).isEqualTo(1);
    }

    @Test
    void memoryIsCappedEvenUnderAFloodOfKeys() {
        RateLimiter limiter = RateLimiter.perWindow(1, Duration.ofHours(1), 1_000, now::get);
        for (int i = 0; i < 10_000; i++) {
            limiter.tryAcquire("key" + i);
            advanceMillis(1);
        }
        assertThat(limiter.size()).isLessThanOrEqualTo(1_000);
        // The oldest windows, nearest to closing, are forgotten first; the newest are still counted.
        assertThat(limiter.waitMillis("key0")).isZero();
        assertThat(limiter.waitMillis("key9999")).isPositive();
    }
}
