package io.chatterbox.accounts;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import io.chatterbox.config.ChatterboxConfig;
import io.quarkus.elytron.security.common.BcryptUtil;

/**
 * bcrypt password hashing. bcrypt reads only the first 72 bytes of its input, so a longer password is first
 * reduced to its SHA-256 digest (Base64, 44 bytes): every character of a long password counts, none is
 * silently dropped. Hashing is slow by design; callers run it on worker threads, never on the event loop.
 */
@ApplicationScoped
public class PasswordHasher {

    static final int BCRYPT_INPUT_LIMIT = 72;

    private final int cost;
    private final Semaphore hashing;
    /** Hash compared against when the user does not exist, so both failures cost the same time. */
    private final String dummyHash;

    public PasswordHasher(ChatterboxConfig config) {
        this.cost = config.auth().bcryptCost();
        int concurrent = config.auth().concurrentHashes()
                .orElse(Math.max(1, Runtime.getRuntime().availableProcessors() / 2));
        this.hashing = new Semaphore(Math.max(1, concurrent), true);
        this.dummyHash = BcryptUtil.bcryptHash("dummy-password-for-timing", cost);
    }

    public String hash(String password) {
        return bounded(() -> BcryptUtil.bcryptHash(bcryptInput(password), cost));
    }

    public boolean matches(String password, String hash) {
        return bounded(() -> BcryptUtil.matches(bcryptInput(password), hash));
    }

    /** Spends the time of one verification without a real hash to check against. */
    public void matchNothing(String password) {
        bounded(() -> BcryptUtil.matches(bcryptInput(password), dummyHash));
    }

    /**
     * Runs at most {@code chatterbox.auth.concurrent-hashes} bcrypt rounds at once; further callers wait their
     * turn on their worker thread. A login flood then takes a bounded share of the CPU and chat keeps the rest.
     */
    private <T> T bounded(Supplier<T> work) {
        try {
            hashing.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting to hash a password", e);
        }
        try {
            return work.get();
        } finally {
            hashing.release();
        }
    }

    static String bcryptInput(String password) {
        byte[] utf8 = password.getBytes(StandardCharsets.UTF_8);
        if (utf8.length <= BCRYPT_INPUT_LIMIT) {
            return password;
        }
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(utf8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
