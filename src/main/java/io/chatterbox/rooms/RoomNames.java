package io.chatterbox.rooms;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

import io.chatterbox.core.ChatException;
import io.chatterbox.core.ErrorCode;
import io.chatterbox.core.Names;
import io.chatterbox.core.TextRules;

/** The rules for room names and topics. */
public final class RoomNames {

    static final int MAX_TOPIC_LENGTH = 250;
    private static final Pattern NAME = Pattern.compile("[\\p{L}\\p{Nd}][\\p{L}\\p{Nd}_-]{1,31}");

    private RoomNames() {
    }

    /**
     * The name in its stored form, or a refusal saying which rule it breaks. Folded as usernames are (Unicode NFKC,
     * lower case), so a full-width "ｇｅｎｅｒａｌ" is "general" and no second room.
     */
    public static String normalize(String name) {
        if (name == null || name.isBlank()) {
            throw new ChatException(ErrorCode.INVALID_ROOM_NAME, "A room needs a name");
        }
        String normalized = Normalizer.normalize(name.strip(), Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        int length = normalized.codePointCount(0, normalized.length());
        if (length < 2 || length > 32) {
            throw new ChatException(ErrorCode.INVALID_ROOM_NAME, "A room name must be 2 to 32 characters long");
        }
        if (!NAME.matcher(normalized).matches()) {
            throw new ChatException(ErrorCode.INVALID_ROOM_NAME,
                    "A room name may contain only letters, digits, '-' and '_', and must start with a letter or digit");
        }
        String deception = Names.deception(normalized);
        if (deception != null) {
            throw new ChatException(ErrorCode.INVALID_ROOM_NAME, "A room name " + deception);
        }
        return normalized;
    }

    /** The topic as given (null or blank: none), or a refusal. */
    public static String topic(String topic) {
        if (topic == null || topic.isBlank()) {
            return null;
        }
        if (topic.codePointCount(0, topic.length()) > MAX_TOPIC_LENGTH) {
            throw new ChatException(ErrorCode.INVALID_TOPIC, "A topic can be at most " + MAX_TOPIC_LENGTH + " characters long");
        }
        int forbidden = TextRules.forbiddenInLine(topic);
        if (forbidden >= 0) {
            throw new ChatException(ErrorCode.INVALID_TOPIC, "A topic may not contain line breaks, control characters or "
                    + "text direction overrides (it contains " + TextRules.name(forbidden) + ")");
        }
        return topic.strip();
    }
}
