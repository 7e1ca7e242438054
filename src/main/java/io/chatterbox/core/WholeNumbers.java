package io.chatterbox.core;

/** The one rule for ids, limits and positions that clients send: a whole number ≥ 0. */
public final class WholeNumbers {

    private WholeNumbers() {
    }

    /** The number in {@code text}, or null when it is absent or empty; anything else is refused with {@code code}. */
    public static Long parse(String text, String name, ErrorCode code) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        try {
            return require(Long.parseLong(text), name, code);
        } catch (NumberFormatException e) {
            throw refusal(name, code);
        }
    }

    /** The number, if it is ≥ 0. */
    public static long require(long number, String name, ErrorCode code) {
        if (number < 0) {
            throw refusal(name, code);
        }
        return number;
    }

    /** A number that is not whole, too large, negative or not a number at all. */
    public static ChatException refusal(String name, ErrorCode code) {
        return new ChatException(code, "\"" + name + "\" must be a whole number ≥ 0");
    }

    /** A limit or size as an int: larger values become {@link Integer#MAX_VALUE}, which every range check refuses. */
    public static Integer toInt(Long number) {
        return number == null ? null : (int) Math.min(Integer.MAX_VALUE, number);
    }
}
