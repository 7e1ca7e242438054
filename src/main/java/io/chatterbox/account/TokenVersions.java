package io.chatterbox.account;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * The current token version of each user, cached so that verifying a token costs no database read after the first.
 * Only {@link AccountService} changes versions, and it updates this cache in the same step.
 */
@ApplicationScoped
public class TokenVersions {

    /** The claim that carries the version inside a token. */
    public static final String CLAIM = "ver";

    private final Map<Long, Integer> versions = new ConcurrentHashMap<>();

    /** The cached version, or null when it must be {@linkplain #load loaded}. */
    public Integer cached(long userId) {
        return versions.get(userId);
    }

    /** Reads the version from the database (blocking); -1 when the user does not exist. */
    public int load(long userId) {
        int version = QuarkusTransaction.requiringNew().call(() -> {
            User user = User.findById(userId);
            return user == null ? -1 : user.tokenVersion;
        });
        return remember(userId, version);
    }

    /**
     * Caches a version just read or changed. Versions only grow, so the larger one wins: a read that raced with a
     * revocation can never put the older version back.
     *
     * @return the cached version
     */
    int remember(long userId, int version) {
        return versions.merge(userId, version, Math::max);
    }
}
