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
        versions.put(userId, version);
        return version;
    }

    void changed(long userId, int version) {
        versions.put(userId, version);
    }
}
