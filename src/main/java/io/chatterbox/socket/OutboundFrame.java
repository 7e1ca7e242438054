package io.chatterbox.socket;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import io.chatterbox.core.ChatEvent;
import io.chatterbox.wire.FrameEncoder;
import io.chatterbox.wire.Protocol;
import io.chatterbox.wire.WireMapper;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * One frame, encoded once: its JSON text (for the sendText fallback) and its UTF-8 bytes, shared read-only by every
 * recipient's socket (never released: the garbage collector frees them).
 */
record OutboundFrame(String text, ByteBuf bytes) {

    /**
     * From this size up Netty's WebSocket encoder writes the payload as it is, and the NIO transport copies a heap
     * payload into a fresh pooled direct buffer for every socket (80 % of the CPU under the abuse soak, round 6 in
     * docs/performance.md). Smaller payloads are merged with their header into one new buffer anyway.
     */
    static final int DIRECT_FROM_BYTES = 1024;

    /** A frame for one socket: heap bytes, which Netty copies once on the way out. */
    static OutboundFrame of(String text) {
        return new OutboundFrame(text, Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(text.getBytes(StandardCharsets.UTF_8))));
    }

    /** A frame for many sockets: a large one is copied into direct memory once, so no socket copies it again. */
    static OutboundFrame shared(String text) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        if (utf8.length < DIRECT_FROM_BYTES) {
            return new OutboundFrame(text, Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(utf8)));
        }
        // A wrapped JDK buffer is freed by the garbage collector, like the heap bytes, never by a release.
        ByteBuffer direct = ByteBuffer.allocateDirect(utf8.length).put(utf8).flip();
        return new OutboundFrame(text, Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(direct)));
    }

    /** The event's frame for a client of {@code protocol}, or null when such a client is not sent it. */
    static OutboundFrame of(ChatEvent event, Protocol protocol, FrameEncoder encoder) {
        Object frame = WireMapper.frame(event, protocol);
        return frame == null ? null : of(encoder.encode(frame));
    }

    /** The event's frame for each protocol, encoded once; the same instance where both protocols get the same frame. */
    record PerProtocol(OutboundFrame v1, OutboundFrame v2) {

        static PerProtocol of(ChatEvent event, FrameEncoder encoder) {
            Object v2 = WireMapper.frame(event, Protocol.V2);
            Object v1 = WireMapper.frame(event, Protocol.V1);
            OutboundFrame v2Frame = v2 == null ? null : shared(encoder.encode(v2));
            OutboundFrame v1Frame = v1 == null ? null : v1.equals(v2) ? v2Frame : shared(encoder.encode(v1));
            return new PerProtocol(v1Frame, v2Frame);
        }

        OutboundFrame forProtocol(Protocol protocol) {
            return protocol == Protocol.V2 ? v2 : v1;
        }
    }
}
