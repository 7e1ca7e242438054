package io.chatterbox.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.chatterbox.support.memory.TestConfig;

/** The brakes on guessing and on socket hoarding, on the in-memory budgets: who is counted, and what gives back. */
class LoginThrottleTest {

    private final LoginThrottle throttle = new LoginThrottle(new InMemoryRateLimits(), TestConfig.with(Map.of(
            "chatterbox.limits.login-failures-per-account", "2", "chatterbox.limits.login-failures-per-address", "3")));

    @Test
    void anAccountIsBrakedAfterItsFailuresWhateverTheAddress() {
        assertThat(throttle.begin("alice", "198.51.100.1")).isZero();
        assertThat(throttle.begin("alice", "198.51.100.2")).isZero();

        assertThat(throttle.begin("alice", "198.51.100.3")).as("third failure for the account").isPositive();
        assertThat(throttle.begin("bob", "198.51.100.3")).as("the refused attempt did not use the address's budget")
                .isZero();
    }

    @Test
    void anAddressIsBrakedAfterItsFailuresWhateverTheAccount() {
        for (String account : new String[] { "a1", "a2", "a3" }) {
            assertThat(throttle.begin(account, "203.0.113.9")).isZero();
        }
        assertThat(throttle.begin("a4", "203.0.113.9")).isPositive();
        assertThat(throttle.begin(null, "203.0.113.9")).as("a name no account can have counts against the address")
                .isPositive();
    }

    @Test
    void successfulLoginsAreNotCounted() {
        for (int i = 0; i < 5; i++) {
            assertThat(throttle.begin("alice", "198.51.100.1")).isZero();
            throttle.succeeded("alice", "198.51.100.1");
        }
        assertThat(throttle.idle()).isTrue();
    }

    @Test
    void aUserHoldsAtMostTheirQuotaOfSocketsAndAClosedOneFreesItsPlace() {
        ConnectionQuota quota = new ConnectionQuota(new InMemoryOpenCounts(),
                TestConfig.with(Map.of("chatterbox.limits.connections-per-user", "2")));

        assertThat(quota.tryOpen("alice")).isTrue();
        assertThat(quota.tryOpen("alice")).isTrue();
        assertThat(quota.tryOpen("alice")).isFalse();
        assertThat(quota.tryOpen("bob")).as("quotas are per user").isTrue();

        quota.closed("alice");
        assertThat(quota.tryOpen("alice")).isTrue();
    }
}
