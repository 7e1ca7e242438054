package io.chatterbox.messages;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.code_intelligence.jazzer.mutation.annotation.NotNull;

import io.chatterbox.core.ChatException;
import io.chatterbox.core.ErrorCode;
import io.chatterbox.support.memory.TestConfig;

/**
 * Fuzzes the rule for message text: what it accepts is unchanged, 1–4000 code points, not blank, and holds no
 * control character but line feed and tab and no bidi control — checked here independently of the rule's own code.
 */
class MessageTextFuzzTest {

    private static final MessageText TEXT = new MessageText(TestConfig.defaults());

    @FuzzTest(maxDuration = "10s")
    void acceptedTextIsVisibleAndBoundedAndRefusedTextIsInvalidText(@NotNull String text) {
        try {
            assertThat(TEXT.check(text)).isSameAs(text);
        } catch (ChatException refused) {
            assertThat(refused.code()).isEqualTo(ErrorCode.INVALID_TEXT);
            return;
        }
        assertThat(text.isBlank()).isFalse();
        assertThat(text.codePointCount(0, text.length())).isBetween(1, 4000);
        assertThat(text.codePoints()).noneMatch(c -> (c < 0x20 && c != '\n' && c != '\t') || (c >= 0x7F && c <= 0x9F)
                || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069));
    }
}
