package io.chatterbox.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The one refusal: how long a client is told to wait (whole seconds, rounded up), naming the message it concerns,
 * and how a client-supplied value is quoted in an error message.
 */
class ChatExceptionTest {

    @Test
    void aPlainRefusalHasItsCodeAndMessageAndNoWait() {
        ChatException refusal = new ChatException(ErrorCode.UNKNOWN_ROOM, "There is no room called \"random\"");

        assertThat(refusal.code()).isEqualTo(ErrorCode.UNKNOWN_ROOM);
        assertThat(refusal.getMessage()).isEqualTo("There is no room called \"random\"");
        assertThat(refusal.retryAfterSeconds()).isZero();
        assertThat(refusal.clientId()).isNull();
    }

    @Test
    void aWaitBelowOneSecondIsOneSecond() {
        ChatException refusal = ChatException.retryLater(ErrorCode.RATE_LIMITED, "Too fast", 1);

        assertThat(refusal.retryAfterSeconds()).isEqualTo(1);
        assertThat(refusal.getMessage()).isEqualTo("Too fast; try again in 1 second");
        assertThat(refusal.code()).isEqualTo(ErrorCode.RATE_LIMITED);
    }

    @Test
    void aWaitOfNothingStillTellsTheClientToWaitOneSecond() {
        ChatException refusal = ChatException.retryLater(ErrorCode.RATE_LIMITED, "Too fast", 0);

        assertThat(refusal.retryAfterSeconds()).isEqualTo(1);
        assertThat(refusal.getMessage()).isEqualTo("Too fast; try again in 1 second");
    }

    @Test
    void anExactSecondIsNotRoundedUp() {
        ChatException refusal = ChatException.retryLater(ErrorCode.RATE_LIMITED, "Too fast", 1_000);

        assertThat(refusal.retryAfterSeconds()).isEqualTo(1);
        assertThat(refusal.getMessage()).isEqualTo("Too fast; try again in 1 second");
    }

    @Test
    void aWaitJustOverASecondIsRoundedUpSoWaitingThatLongIsEnough() {
        ChatException refusal = ChatException.retryLater(ErrorCode.RATE_LIMITED, "Too fast", 1_001);

        assertThat(refusal.retryAfterSeconds()).isEqualTo(2);
        assertThat(refusal.getMessage()).isEqualTo("Too fast; try again in 2 seconds");
    }

    @Test
    void theSecondsInTheMessageAreTheSecondsOfRetryAfter() {
        ChatException refusal = ChatException.retryLater(ErrorCode.RATE_LIMITED, "Too many rooms", 3_599_001);

        assertThat(refusal.retryAfterSeconds()).isEqualTo(3_600);
        assertThat(refusal.getMessage()).isEqualTo("Too many rooms; try again in 3600 seconds");
    }

    @Test
    void aboutAClientIdKeepsTheRefusalAndNamesTheMessage() {
        ChatException original = ChatException.retryLater(ErrorCode.RATE_LIMITED, "Too fast", 2_500);

        ChatException named = original.about("c-1");

        assertThat(named.clientId()).isEqualTo("c-1");
        assertThat(named.code()).isEqualTo(ErrorCode.RATE_LIMITED);
        assertThat(named.getMessage()).isEqualTo(original.getMessage()).isEqualTo("Too fast; try again in 3 seconds");
        assertThat(named.retryAfterSeconds()).isEqualTo(3);
        assertThat(original.clientId()).as("the original is unchanged").isNull();
    }

    @Test
    void aboutAPlainRefusalKeepsItWithoutAWait() {
        ChatException named = new ChatException(ErrorCode.INVALID_TEXT, "A message needs some text").about("c-2");

        assertThat(named.clientId()).isEqualTo("c-2");
        assertThat(named.code()).isEqualTo(ErrorCode.INVALID_TEXT);
        assertThat(named.retryAfterSeconds()).isZero();
    }

    @Test
    void aboutNoClientIdIsTheSameRefusal() {
        ChatException original = new ChatException(ErrorCode.INVALID_TEXT, "A message needs some text");

        assertThat(original.about(null)).isSameAs(original);
    }

    @Test
    void anExcerptKeepsUpTo32CharactersAndMarksACut() {
        assertThat(ChatException.excerpt("random")).isEqualTo("random");
        assertThat(ChatException.excerpt("")).isEmpty();
        assertThat(ChatException.excerpt("x".repeat(32))).isEqualTo("x".repeat(32));
        assertThat(ChatException.excerpt("x".repeat(32) + "y")).isEqualTo("x".repeat(32) + "…");
        assertThat(ChatException.excerpt("z".repeat(100_000))).isEqualTo("z".repeat(32) + "…");
    }

    @Test
    void anExcerptOfNullReadsNull() {
        assertThat(ChatException.excerpt(null)).isEqualTo("null");
    }
}
