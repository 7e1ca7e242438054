package io.chatterbox.limits;

import jakarta.enterprise.context.ApplicationScoped;

import io.chatterbox.config.ChatterboxConfig;

/**
 * Brakes on password guessing, after OWASP's authentication guidance. Four counts, each within the login window:
 * <ul>
 * <li>per account and address: a few failures go through, then growing delays (1 s, 2 s, 4 s, …);</li>
 * <li>per address, across accounts: at most {@code loginFailuresPerAddress} (password spraying);</li>
 * <li>per account, from clients it has not signed in from before: at most {@code loginFailuresPerAccount}, so a
 * guesser spread over many addresses is stopped too;</li>
 * <li>per trusted device (a device cookie from an earlier successful login): at most {@code loginFailuresPerDevice},
 * and no other count — so whoever floods an account, from anywhere, cannot lock its owner out of their devices;
 * past its own count a device is treated like any other client.</li>
 * </ul>
 * Each attempt is counted before the password is checked, so parallel guesses cannot overshoot; a successful login
 * gives back what it took: only failures count.
 */
@ApplicationScoped
public class LoginThrottle {

    /** One attempt's counting: whether it may go ahead, and what it took (to give back if it succeeds). */
    public record Attempt(long waitMillis, String accountKey, String address, String device) {

        public boolean refused() {
            return waitMillis > 0;
        }
    }

    private final RateLimit accounts;
    private final RateLimit addresses;
    private final RateLimit devices;
    private final Backoff pairs;

    public LoginThrottle(RateLimits limits, ChatterboxConfig config) {
        ChatterboxConfig.Limits settings = config.limits();
        this.accounts = limits.perWindow("login-failures-per-account", settings.loginFailuresPerAccount(), settings.loginWindow());
        this.addresses = limits.perWindow("login-failures-per-address", settings.loginFailuresPerAddress(), settings.loginWindow());
        this.devices = limits.perWindow("login-failures-per-device", settings.loginFailuresPerDevice(), settings.loginWindow());
        this.pairs = limits.backoff("login-failures-per-account-address", settings.loginFailuresBeforeDelay(),
                settings.loginWindow());
    }

    /**
     * Counts one failure in advance for the attempt.
     *
     * @param accountKey the folded username, or null when the name cannot belong to any account
     * @param address the client address key (see {@link ClientAddresses})
     * @param device the trusted device the attempt comes from (its key), or null
     */
    public Attempt begin(String accountKey, String address, String device) {
        if (accountKey != null && device != null && devices.tryAcquire(device) == 0) {
            return new Attempt(0, accountKey, null, device); // a trusted device: only its own count applies
        }
        long wait = addresses.tryAcquire(address);
        if (wait > 0 || accountKey == null) {
            return new Attempt(wait, null, wait > 0 ? null : address, null);
        }
        wait = pairs.tryAttempt(pair(accountKey, address));
        if (wait == 0) {
            wait = accounts.tryAcquire(accountKey);
        }
        if (wait > 0) {
            addresses.refund(address);
        }
        return new Attempt(wait, accountKey, address, null);
    }

    /** The attempt went ahead and the password was right: nothing it counted was a failure. */
    public void succeeded(Attempt attempt) {
        if (attempt.device() != null) {
            devices.refund(attempt.device());
            return;
        }
        if (attempt.address() != null) {
            addresses.refund(attempt.address());
        }
        if (attempt.accountKey() != null) {
            pairs.reset(pair(attempt.accountKey(), attempt.address()));
            accounts.refund(attempt.accountKey());
        }
    }

    private static String pair(String accountKey, String address) {
        return accountKey + '\u0000' + address;
    }

    /** True when no failure is being counted anywhere (every window has closed). */
    public boolean idle() {
        return accounts.idle() && addresses.idle() && devices.idle() && pairs.idle();
    }
}
