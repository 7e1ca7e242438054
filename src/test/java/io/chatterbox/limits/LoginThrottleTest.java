package io.chatterbox.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.chatterbox.support.memory.TestConfig;

/** The brakes on guessing and on socket hoarding, on the in-memory budgets: who is counted, and what gives back. */
class LoginThrottleTest {

    private static final String ATTACKER = "203.0.113.7";
    private static final String OWNER = "198.51.100.2";

    private final LoginThrottle throttle = new LoginThrottle(new InMemoryRateLimits(), TestConfig.with(Map.of(
            "chatterbox.limits.login-failures-per-account", "4", "chatterbox.limits.login-failures-per-address", "6",
            "chatterbox.limits.login-failures-before-delay", "2", "chatterbox.limits.login-failures-per-device", "2")));

    @Test
    void oneAddressGetsGrowingDelaysOnAnAccountAndCannotLockItsOwnerOut() {
        assertThat(throttle.begin("alice", ATTACKER, null).refused()).isFalse();
        assertThat(throttle.begin("alice", ATTACKER, null).refused()).isFalse();

        for (int i = 0; i < 5; i++) {
            assertThat(throttle.begin("alice", ATTACKER, null).waitMillis()).as("delayed, not counted").isBetween(1L, 1_000L);
        }
        LoginThrottle.Attempt owner = throttle.begin("alice", OWNER, null);
        assertThat(owner.refused()).as("the owner elsewhere").isFalse();
        throttle.succeeded(owner);
    }

    @Test
    void failuresFromManyAddressesCloseTheAccountToUntrustedClientsButNotToTrustedDevices() {
        for (int i = 0; i < 4; i++) {
            assertThat(throttle.begin("alice", "203.0.113." + i, null).refused()).isFalse();
        }
        assertThat(throttle.begin("alice", OWNER, null).refused()).as("a client the account does not know").isTrue();

        LoginThrottle.Attempt fromDevice = throttle.begin("alice", OWNER, "device-1");
        assertThat(fromDevice.refused()).as("the owner's trusted device").isFalse();
        throttle.succeeded(fromDevice);
        assertThat(throttle.begin("bob", OWNER, null).refused()).as("other accounts are untouched").isFalse();
    }

    @Test
    void aTrustedDevicePastItsOwnFailuresIsTreatedLikeAnyOtherClient() {
        assertThat(throttle.begin("alice", OWNER, "stolen").refused()).isFalse();
        assertThat(throttle.begin("alice", OWNER, "stolen").refused()).isFalse();

        LoginThrottle.Attempt third = throttle.begin("alice", OWNER, "stolen");
        assertThat(third.refused()).as("now counted per address and account").isFalse();
        assertThat(third.device()).isNull();
    }

    @Test
    void anAddressIsBrakedAcrossAccounts() {
        for (int i = 0; i < 6; i++) {
            assertThat(throttle.begin("a" + i, ATTACKER, null).refused()).isFalse();
        }
        assertThat(throttle.begin("a6", ATTACKER, null).refused()).isTrue();
        assertThat(throttle.begin(null, ATTACKER, null).refused()).as("a name no account can have counts against the address")
                .isTrue();
    }

    @Test
    void successfulLoginsAreNotCounted() {
        for (int i = 0; i < 10; i++) {
            LoginThrottle.Attempt attempt = throttle.begin("alice", OWNER, null);
            assertThat(attempt.refused()).isFalse();
            throttle.succeeded(attempt);
        }
        assertThat(throttle.idle()).isTrue();
    }

    @Test
    void aUserHoldsAtMostTheirQuotaOfSocketsAndAClosedOneFreesItsPlace() {
        ConnectionQuota quota = new ConnectionQuota(new InMemoryOpenCounts(), new InMemoryRateLimits(),
                TestConfig.with(Map.of("chatterbox.limits.connections-per-user", "2")));

        assertThat(quota.open("alice")).isEmpty();
        assertThat(quota.open("alice")).isEmpty();
        assertThat(quota.open("alice")).contains("too many connections (at most 2)");
        assertThat(quota.open("bob")).as("quotas are per user").isEmpty();

        quota.closed("alice");
        assertThat(quota.open("alice")).isEmpty();
    }

    @Test
    void aReconnectLoopIsHeldToTheConnectionRate() {
        ConnectionQuota quota = new ConnectionQuota(new InMemoryOpenCounts(), new InMemoryRateLimits(), TestConfig.with(Map.of(
                "chatterbox.limits.connections-per-second", "0.01", "chatterbox.limits.connection-burst", "3")));
        for (int i = 0; i < 3; i++) {
            assertThat(quota.open("alice")).isEmpty();
            quota.closed("alice");
        }

        assertThat(quota.open("alice")).hasValueSatisfying(reason -> assertThat(reason)
                .matches("connecting too often; try again in \\d+ s"));
        assertThat(quota.open("bob")).as("budgets are per user").isEmpty();
    }
}
