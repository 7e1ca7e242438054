package io.chatterbox.accounts;

import java.util.Optional;

/**
 * The devices each account has signed in from (OWASP's device cookies), kept by a hash of their cookie: shared by
 * every node, so a device trusted on one is trusted on all.
 */
public interface DeviceStore {

    /** The account the device is trusted for, while {@code now} is before its expiry. */
    Optional<String> accountOf(String deviceHash, long now);

    /** Trusts the device for the account until {@code expiresAt} (again, when it was already); keeps the newest few per account. */
    void trust(String deviceHash, String usernameKey, long expiresAt);

    /** No device is trusted for the account any more (its password changed). */
    void forgetAll(String usernameKey);
}
