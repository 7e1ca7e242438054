package io.chatterbox.accounts;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.chatterbox.config.ChatterboxConfig;

/**
 * Device cookies: after a successful login the client gets an unguessable token that marks its device as one the
 * account has signed in from; the login throttle then counts that device's failures apart from everyone else's, so
 * nobody can lock an owner out of their own devices by failing logins elsewhere. Only a hash of each token is
 * stored; the token proves nothing but "this device signed in before" and never logs anyone in.
 */
@ApplicationScoped
public class DeviceCookies {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final DeviceStore store;
    private final long lifetimeMillis;

    public DeviceCookies(DeviceStore store, ChatterboxConfig config) {
        this.store = store;
        this.lifetimeMillis = config.limits().trustedDeviceLifetime().toMillis();
    }

    public long lifetimeSeconds() {
        return lifetimeMillis / 1000;
    }

    /** The device's key (its hash) when the token is one the account trusts; empty for no token or any other. Reads the store. */
    public Optional<String> trusted(String token, String usernameKey) {
        if (token == null || token.isEmpty() || token.length() > 64 || usernameKey == null) {
            return Optional.empty();
        }
        String device = hash(token);
        return store.accountOf(device, System.currentTimeMillis()).filter(usernameKey::equals).map(account -> device);
    }

    /** After a successful login: the token to hand back, the one presented if the account trusted it already. */
    public String trust(String usernameKey, String presented) {
        String token = presented != null && trusted(presented, usernameKey).isPresent() ? presented : newToken();
        store.trust(hash(token), usernameKey, System.currentTimeMillis() + lifetimeMillis);
        return token;
    }

    public void forgetAll(String usernameKey) {
        store.forgetAll(usernameKey);
    }

    private static String newToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
