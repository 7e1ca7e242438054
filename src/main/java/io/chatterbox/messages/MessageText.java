package io.chatterbox.messages;

import jakarta.enterprise.context.ApplicationScoped;

import io.chatterbox.config.ChatterboxConfig;
import io.chatterbox.core.ChatException;
import io.chatterbox.core.ErrorCode;
import io.chatterbox.core.TextRules;

/** The rule for a message's text, for new messages and edits alike: 1 to max-text-length characters, see {@link TextRules}. */
@ApplicationScoped
public class MessageText {

    private final int maxLength;

    public MessageText(ChatterboxConfig config) {
        this.maxLength = config.chat().maxTextLength();
    }

    /** The text of a message that carries files: it may be empty (no caption), otherwise it follows {@link #check}. */
    public String caption(String text) {
        return text == null || text.isBlank() ? "" : check(text);
    }

    public String check(String text) {
        if (text == null || text.isBlank()) {
            throw new ChatException(ErrorCode.INVALID_TEXT, "A message needs some text");
        }
        if (text.codePointCount(0, text.length()) > maxLength) {
            throw new ChatException(ErrorCode.INVALID_TEXT, "A message can be at most " + maxLength + " characters long");
        }
        int forbidden = TextRules.forbiddenInMessage(text);
        if (forbidden >= 0) {
            throw new ChatException(ErrorCode.INVALID_TEXT, "A message may not contain control characters or text "
                    + "direction overrides (it contains " + TextRules.name(forbidden) + "); line breaks and tabs are fine");
        }
        return text;
    }
}
