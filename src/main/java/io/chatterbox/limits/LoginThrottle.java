package io.chatterbox.limits;

import jakarta.enterprise.context.ApplicationScoped;

import io.chatterbox.config.ChatterboxConfig;

/**
 * Brute-force brake for logins: at most {@code loginFailuresPerAccount} failures per account and
 * {@code loginFailuresPerAddress} per client address within {@code loginWindow} (the window opening at the first
 * failure). Each attempt takes its permit before the password is checked, so parallel guesses cannot overshoot the
 * budget, and a successful login gives it back: only failures count.
 */
@ApplicationScoped
public class LoginThrottle {

    private final RateLimit accounts;
    private final RateLimit addresses;

    public LoginThrottle(RateLimits limits, ChatterboxConfig config) {
        ChatterboxConfig.Limits settings = config.limits();
        this.accounts = limits.perWindow("login-failures-per-account", settings.loginFailuresPerAccount(), settings.loginWindow());
        this.addresses = limits.perWindow("login-failures-per-address", settings.loginFailuresPerAddress(), settings.loginWindow());
    }

    /**
     * Reserves one failure for the attempt.
     *
     * @param accountKey the folded username, or null when the name cannot belong to any account
     * @param address the client address key (see {@link ClientAddresses})
     * @return 0 when the attempt may go ahead, otherwise the milliseconds until it may
     */
    public long begin(String accountKey, String address) {
        long addressWait = addresses.tryAcquire(address);
        if (addressWait > 0 || accountKey == null) {
            return addressWait;
        }
        long accountWait = accounts.tryAcquire(accountKey);
        if (accountWait > 0) {
            addresses.refund(address);
        }
        return accountWait;
    }

    /** The attempt begun with the same arguments succeeded, so it does not count as a failure. */
    public void succeeded(String accountKey, String address) {
        addresses.refund(address);
        if (accountKey != null) {
            accounts.refund(accountKey);
        }
    }

    /** True when no failure is being counted anywhere (every window has closed). */
    public boolean idle() {
        return accounts.idle() && addresses.idle();
    }
}
