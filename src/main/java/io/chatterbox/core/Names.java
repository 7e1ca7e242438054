package io.chatterbox.core;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.lang.UProperty;
import com.ibm.icu.text.SpoofChecker;

/**
 * Names that deceive: a name with characters that render as nothing (Hangul fillers such as U+3164, and every other
 * default-ignorable code point), or one that mixes scripts the way look-alike names do ({@code аlice} with a Cyrillic
 * {@code а}: Unicode UTS #39, "moderately restrictive", which allows Latin with one other script but not with
 * Cyrillic or Greek, and digits of one numbering system only). Used for usernames and room names.
 */
public final class Names {

    private static final SpoofChecker MIXED_SCRIPTS = new SpoofChecker.Builder()
            .setChecks(SpoofChecker.RESTRICTION_LEVEL | SpoofChecker.MIXED_NUMBERS)
            .setRestrictionLevel(SpoofChecker.RestrictionLevel.MODERATELY_RESTRICTIVE)
            .build();

    private Names() {
    }

    /** Why the name deceives, as the end of a sentence ("… may not …"), or null when it does not. */
    public static String deception(String name) {
        int invisible = name.codePoints()
                .filter(c -> UCharacter.hasBinaryProperty(c, UProperty.DEFAULT_IGNORABLE_CODE_POINT)).findFirst().orElse(-1);
        if (invisible >= 0) {
            return "may not contain characters that show as nothing (" + TextRules.name(invisible) + ")";
        }
        if (MIXED_SCRIPTS.failsChecks(name)) {
            return "may not mix letters or digits of scripts that look alike, such as Latin with Cyrillic or Greek";
        }
        return null;
    }
}
