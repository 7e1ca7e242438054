package io.chatterbox.accounts;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

import io.chatterbox.core.Names;

/**
 * Username rules: 3–32 letters, digits, '_', '.', '-', none that deceive ({@link Names}); unique after Unicode
 * compatibility folding and case folding.
 */
public final class Usernames {

    public static final int MIN_LENGTH = 3;
    public static final int MAX_LENGTH = 32;
    private static final Pattern ALLOWED = Pattern.compile("[\\p{L}\\p{Nd}_.-]+");

    private Usernames() {
    }

    /** The stored and compared spelling: Unicode NFC, so a decomposed "é" is the same name as a composed one. */
    public static String normalize(String username) {
        return username == null ? null : Normalizer.normalize(username, Normalizer.Form.NFC);
    }

    /** @return why the name is refused, or null when it is acceptable */
    public static String problem(String username) {
        if (username == null || username.isEmpty()) {
            return "Username is required";
        }
        int length = username.codePointCount(0, username.length());
        if (length < MIN_LENGTH || length > MAX_LENGTH) {
            return "Username must be " + MIN_LENGTH + " to " + MAX_LENGTH + " characters long";
        }
        if (!ALLOWED.matcher(username).matches()) {
            return "Username may contain only letters, digits, '_', '.' and '-'";
        }
        String deception = Names.deception(username);
        return deception == null ? null : "Username " + deception;
    }

    /** The folded form two names must not share: "Alice", "ALICE" and full-width "ａｌｉｃｅ" all give "alice". */
    public static String key(String username) {
        return Normalizer.normalize(username, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
    }
}
