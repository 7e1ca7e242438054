package io.chatterbox.socket;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.code_intelligence.jazzer.mutation.annotation.NotNull;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.chatterbox.core.ChatException;

/**
 * Fuzzes the socket's frame decoder with any text a client could send: it either decodes a frame or refuses with a
 * code and a short sentence, and never throws anything else. See docs/fuzzing.md for longer runs.
 */
class ClientFrameFuzzTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @FuzzTest(maxDuration = "10s")
    void anyTextFrameDecodesOrIsRefusedWithACode(@NotNull String frame) {
        try {
            ClientFrame decoded = ClientFrame.parse(frame, JSON);
            assertThat(decoded.room()).isNotNull();
        } catch (ChatException refused) {
            assertThat(refused.code()).isNotNull();
            assertThat(refused.getMessage()).isNotBlank().hasSizeLessThan(200); // quotes at most 32 characters back
        }
    }
}
