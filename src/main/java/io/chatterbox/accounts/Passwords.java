package io.chatterbox.accounts;

/** Password rules: at least 8 characters; an upper bound so a huge input is refused before any hashing. */
public final class Passwords {

    public static final int MIN_LENGTH = 8;
    public static final int MAX_LENGTH = 1024;

    private Passwords() {
    }

    /** @return why the password is refused, or null when it is acceptable */
    public static String problem(String password) {
        if (password == null || password.isEmpty()) {
            return "Password is required";
        }
        int length = password.codePointCount(0, password.length());
        if (length < MIN_LENGTH) {
            return "Password must be at least " + MIN_LENGTH + " characters long";
        }
        if (length > MAX_LENGTH) {
            return "Password must be at most " + MAX_LENGTH + " characters long";
        }
        return null;
    }
}
