package io.chatterbox.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;

/** Fuzzes the one parser of numbers from query parameters: absent, a whole number ≥ 0, or a refusal with the code given. */
class WholeNumbersFuzzTest {

    @FuzzTest(maxDuration = "10s")
    void anyParameterIsAbsentAWholeNumberOrRefused(String text) {
        Long parsed;
        try {
            parsed = WholeNumbers.parse(text, "limit", ErrorCode.INVALID_LIMIT);
        } catch (ChatException refused) {
            assertThat(refused.code()).isEqualTo(ErrorCode.INVALID_LIMIT);
            return;
        }
        if (text == null || text.isEmpty()) {
            assertThat(parsed).isNull();
        } else {
            assertThat(parsed).isNotNull().isNotNegative().isEqualTo(Long.parseLong(text));
        }
    }
}
