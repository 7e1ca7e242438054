package io.chatterbox.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The one rule for ids, limits and positions clients send as text (query parameters): a whole number ≥ 0. */
class WholeNumbersTest {

    @Test
    void anAbsentOrEmptyNumberIsNull() {
        assertThat(WholeNumbers.parse(null, "since", ErrorCode.INVALID_SINCE)).isNull();
        assertThat(WholeNumbers.parse("", "since", ErrorCode.INVALID_SINCE)).isNull();
    }

    @Test
    void wholeNumbersFromZeroToTheLargestLongAreAccepted() {
        assertThat(WholeNumbers.parse("0", "id", ErrorCode.INVALID_ID)).isZero();
        assertThat(WholeNumbers.parse("131", "id", ErrorCode.INVALID_ID)).isEqualTo(131L);
        assertThat(WholeNumbers.parse(String.valueOf(Long.MAX_VALUE), "id", ErrorCode.INVALID_ID))
                .isEqualTo(Long.MAX_VALUE);
    }

    @ParameterizedTest
    @ValueSource(strings = { "-1", "abc", "1.5", "99999999999999999999", " 1", "1e3", "0x10" })
    void anythingElseIsRefusedWithTheGivenCodeAndName(String text) {
        Throwable thrown = catchThrowable(() -> WholeNumbers.parse(text, "limit", ErrorCode.INVALID_LIMIT));

        assertThat(thrown).isInstanceOf(ChatException.class);
        ChatException refusal = (ChatException) thrown;
        assertThat(refusal.code()).isEqualTo(ErrorCode.INVALID_LIMIT);
        assertThat(refusal.getMessage()).isEqualTo("\"limit\" must be a whole number ≥ 0");
    }

    @Test
    void requireRefusesOnlyNegativeNumbers() {
        assertThat(WholeNumbers.require(0, "id", ErrorCode.INVALID_ID)).isZero();
        assertThat(WholeNumbers.require(7, "id", ErrorCode.INVALID_ID)).isEqualTo(7);

        Throwable thrown = catchThrowable(() -> WholeNumbers.require(-7, "before", ErrorCode.INVALID_ID));
        assertThat(thrown).isInstanceOf(ChatException.class).hasMessage("\"before\" must be a whole number ≥ 0");
        assertThat(((ChatException) thrown).code()).isEqualTo(ErrorCode.INVALID_ID);
    }

    @Test
    void toIntKeepsSmallNumbersAndClampsLargeOnesSoTheRangeCheckStillRefusesThem() {
        assertThat(WholeNumbers.toInt(null)).isNull();
        assertThat(WholeNumbers.toInt(0L)).isZero();
        assertThat(WholeNumbers.toInt(50L)).isEqualTo(50);
        assertThat(WholeNumbers.toInt((long) Integer.MAX_VALUE)).isEqualTo(Integer.MAX_VALUE);
        assertThat(WholeNumbers.toInt(Integer.MAX_VALUE + 1L)).isEqualTo(Integer.MAX_VALUE);
        assertThat(WholeNumbers.toInt(Long.MAX_VALUE)).isEqualTo(Integer.MAX_VALUE);
    }
}
