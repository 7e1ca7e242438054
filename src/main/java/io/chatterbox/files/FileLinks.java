package io.chatterbox.files;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Base64;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Short-lived signed download links, for the page's {@code <img>}, {@code <audio>} and {@code <video>} elements, which
 * cannot send the bearer header; the long-lived token never goes into a URL. A link names the file, the variant, the
 * user and an expiry, and is signed with HMAC-SHA256 over those and the user's token version, so a logout or password
 * change ends every link at once. It only says who asks: membership is still checked on every request. Expiries are
 * rounded up to a whole lifetime, so the same user gets the same link for a while and the browser's cache hits.
 */
public final class FileLinks {

    /** The same leeway as token expiry (mp.jwt.verify.clock.skew). */
    private static final long SKEW_SECONDS = 5;

    private final SecretKeySpec key;
    private final long lifetimeSeconds;
    private final Clock clock;

    public FileLinks(byte[] key, long lifetimeSeconds, Clock clock) {
        this.key = new SecretKeySpec(key, "HmacSHA256");
        this.lifetimeSeconds = Math.max(60, lifetimeSeconds);
        this.clock = clock;
    }

    /** The query that signs a link to {@code fileId}: {@code ?u=…&e=…&s=…} (with {@code v=thumb} for a thumbnail). */
    public String query(String fileId, boolean thumbnail, long userId, int tokenVersion) {
        long now = clock.instant().getEpochSecond();
        long expires = (now / lifetimeSeconds + 2) * lifetimeSeconds; // valid between one and two lifetimes
        return (thumbnail ? "v=thumb&" : "") + "u=" + userId + "&e=" + expires + "&s="
                + sign(fileId, thumbnail, userId, tokenVersion, expires);
    }

    /**
     * The user a link was signed for, when its signature matches (compared in constant time) and it has not expired.
     * {@code tokenVersion} is the user's current one, looked up from {@code userId}.
     */
    public Optional<Long> verify(String fileId, boolean thumbnail, String userId, String expires, String signature,
            java.util.function.LongFunction<Integer> tokenVersion) {
        if (userId == null || expires == null || signature == null || !digits(userId) || !digits(expires)
                || userId.length() > 18 || expires.length() > 18) {
            return Optional.empty();
        }
        long user = Long.parseLong(userId);
        long expiry = Long.parseLong(expires);
        if (clock.instant().getEpochSecond() > expiry + SKEW_SECONDS) {
            return Optional.empty();
        }
        Integer version = tokenVersion.apply(user);
        if (version == null) {
            return Optional.empty();
        }
        byte[] expected = sign(fileId, thumbnail, user, version, expiry).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.US_ASCII)) ? Optional.of(user)
                : Optional.empty();
    }

    private String sign(String fileId, boolean thumbnail, long userId, int tokenVersion, long expires) {
        String signed = "v1|" + fileId + "|" + (thumbnail ? "thumb" : "file") + "|" + userId + "|" + tokenVersion + "|"
                + expires;
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    private static boolean digits(String value) {
        return !value.isEmpty() && value.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    /** A key of its own for links, derived from a secret every node shares (the token-signing key). */
    public static byte[] deriveKey(byte[] sharedSecret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(sharedSecret, "HmacSHA256"));
            return mac.doFinal("chatterbox file links v1".getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
