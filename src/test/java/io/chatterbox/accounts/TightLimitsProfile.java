package io.chatterbox.accounts;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** Small budgets and a short window, so the limits can be hit and outlived within a test. */
public class TightLimitsProfile implements QuarkusTestProfile {

    static final int FAILURES_PER_ACCOUNT = 3;
    /** More than two accounts' worth, so one test can throttle two accounts before the address is throttled. */
    static final int FAILURES_PER_ADDRESS = 7;
    static final int REGISTRATIONS_PER_HOUR = 5;

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "chatterbox.limits.login-failures-per-account", String.valueOf(FAILURES_PER_ACCOUNT),
                "chatterbox.limits.login-failures-per-address", String.valueOf(FAILURES_PER_ADDRESS),
                "chatterbox.limits.login-window", "PT5S",
                "chatterbox.limits.registrations-per-address-per-hour", String.valueOf(REGISTRATIONS_PER_HOUR));
    }
}
