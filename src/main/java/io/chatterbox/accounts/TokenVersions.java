package io.chatterbox.accounts;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonNumber;

/**
 * The current token version of each user, cached so that verifying a token costs no database read after the
 * first. Kept current by this node's logins and by every revocation notice, from any node.
 */
@ApplicationScoped
public class TokenVersions {

    /** The claim that carries the version inside a token. */
    public static final String CLAIM = "ver";

    private final Map<Long, Integer> versions = new ConcurrentHashMap<>();
    private final AccountStore accounts;

    public TokenVersions(AccountStore accounts, Revocations revocations) {
        this.accounts = accounts;
        revocations.subscribe(revoked -> remember(revoked.userId(), revoked.tokenVersion()));
        revocations.onNoticesMissed(versions::clear);
    }

    /** The version a token carries in its {@value #CLAIM} claim; an exception when it is missing or not a whole number. */
    public static int fromClaim(Object claim) {
        if (claim instanceof JsonNumber json) {
            return json.intValueExact();
        }
        if (claim instanceof Integer || claim instanceof Long) {
            return Math.toIntExact(((Number) claim).longValue());
        }
        throw new IllegalArgumentException("not a token version: " + claim);
    }

    /** The cached version, or null when it must be {@linkplain #load loaded}. */
    public Integer cached(long userId) {
        return versions.get(userId);
    }

    /**
     * Whether a token of this version was revoked since it was verified. Never blocks: a verified token's user is
     * cached (by the check that verified it), and this node's and every node's revocations update the cache.
     */
    public boolean revoked(long userId, int tokenVersion) {
        Integer current = versions.get(userId);
        return current != null && current != tokenVersion;
    }

    /** Reads the version from the store (blocking); -1 when the user does not exist. */
    public int load(long userId) {
        return remember(userId, accounts.tokenVersion(userId));
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
