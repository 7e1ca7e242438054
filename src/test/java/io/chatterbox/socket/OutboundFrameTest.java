package io.chatterbox.socket;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** Shared frames from 1 KB up live in direct memory once, so the transport does not copy them for each socket. */
class OutboundFrameTest {

    @Test
    void aLargeSharedFrameIsDirectAndHoldsItsUtf8Bytes() {
        String text = "{\"text\":\"" + "ü".repeat(OutboundFrame.DIRECT_FROM_BYTES) + "\"}";

        OutboundFrame frame = OutboundFrame.shared(text);

        assertThat(frame.bytes().isDirect()).isTrue();
        assertThat(frame.bytes().toString(StandardCharsets.UTF_8)).isEqualTo(text);
        assertThat(frame.bytes().readableBytes()).isEqualTo(text.getBytes(StandardCharsets.UTF_8).length);
    }

    @Test
    void smallFramesAndSingleSocketFramesStayOnTheHeap() {
        assertThat(OutboundFrame.shared("{\"type\":\"typing\"}").bytes().isDirect()).isFalse();
        assertThat(OutboundFrame.of("x".repeat(10 * OutboundFrame.DIRECT_FROM_BYTES)).bytes().isDirect()).isFalse();
    }

    @Test
    void writingAFrameNeverReleasesItsSharedBytes() {
        OutboundFrame frame = OutboundFrame.shared("y".repeat(4 * OutboundFrame.DIRECT_FROM_BYTES));

        frame.bytes().duplicate().release();

        assertThat(frame.bytes().refCnt()).isPositive();
        assertThat(frame.bytes().readableBytes()).isEqualTo(4 * OutboundFrame.DIRECT_FROM_BYTES);
    }
}
