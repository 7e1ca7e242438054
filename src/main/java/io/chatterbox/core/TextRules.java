package io.chatterbox.core;

/**
 * What people may write into text others will read. No control characters (they are invisible, and escaped in JSON
 * they take six bytes each), except line breaks and tabs in message text; and no bidi overrides or isolates
 * (U+202A–U+202E, U+2066–U+2069), which make text show in another order than it was written.
 */
public final class TextRules {

    private TextRules() {
    }

    /** The first code point a message text may not hold, or -1 when it has none. */
    public static int forbiddenInMessage(String text) {
        return text.codePoints().filter(c -> c != '\n' && c != '\t' && forbidden(c)).findFirst().orElse(-1);
    }

    /** The first code point a one-line text (a topic) may not hold, or -1 when it has none. */
    public static int forbiddenInLine(String text) {
        return text.codePoints().filter(TextRules::forbidden).findFirst().orElse(-1);
    }

    /** "U+202E", as error messages name a character (never the character itself, which may not display). */
    public static String name(int codePoint) {
        return String.format("U+%04X", codePoint);
    }

    private static boolean forbidden(int codePoint) {
        return Character.isISOControl(codePoint) || (codePoint >= 0x202A && codePoint <= 0x202E)
                || (codePoint >= 0x2066 && codePoint <= 0x2069);
    }
}
