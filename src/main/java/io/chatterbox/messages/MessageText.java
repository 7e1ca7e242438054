package io.chatterbox.messages;

import jakarta.enterprise.context.ApplicationScoped;

import io.chatterbox.config.ChatterboxConfig;
import io.chatterbox.core.ChatException;
import io.chatterbox.core.ErrorCode;

/** The rule for a message's text, for new messages and edits alike. */
@ApplicationScoped
public class MessageText {

    private final int maxLength;

    public MessageText(ChatterboxConfig config) {
        this.maxLength = config.chat().maxTextLength();
    }

    public String check(String text) {
        if (text == null || text.isBlank()) {
            throw new ChatException(ErrorCode.INVALID_TEXT, "A message needs some text");
        }
        if (text.codePointCount(0, text.length()) > maxLength) {
            throw new ChatException(ErrorCode.INVALID_TEXT, "A message can be at most " + maxLength + " characters long");
        }
        return text;
    }
}
