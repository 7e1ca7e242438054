package io.chatterbox.load;

import java.net.URI;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.http.WebSocketFrame;

/**
 * One simulated user's connection. All of its callbacks run on its own Vert.x context (one event-loop thread), so
 * its ledger needs no locking. A sender among the clients sends on a precomputed schedule, independent of replies.
 */
final class LoadClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Vertx vertx;
    private final Context context;
    private final RunState state;
    private final DeliveryLedger ledger;
    private final Promise<Void> joined = Promise.promise();
    private static final byte[] PRESENCE = "{\"type\":\"presence\"".getBytes(StandardCharsets.UTF_8);

    private final String room;
    private final String roomField;
    private WebSocket socket;
    private Buffer fragments;
    private volatile boolean closing;
    private volatile boolean open;

    /** {@code room}: the room this client talks in over protocol v2, or null for general over v1. */
    LoadClient(Vertx vertx, RunState state, DeliveryLedger ledger, String room) {
        this.vertx = vertx;
        this.context = vertx.getOrCreateContext();
        this.state = state;
        this.ledger = ledger;
        this.room = room;
        this.roomField = room == null ? "" : "\"room\":\"" + room + "\",";
    }

    DeliveryLedger ledger() {
        return ledger;
    }

    boolean isOpen() {
        return open;
    }

    /** Opens the socket with the token; the first future completes on the 101, the second on the history frame. */
    Future<Void> connect(WebSocketClient client, URI url, String token) {
        Promise<Void> upgraded = Promise.promise();
        context.runOnContext(v -> {
            WebSocketConnectOptions options = new WebSocketConnectOptions()
                    .setHost(url.getHost()).setPort(url.getPort()).setURI(room == null ? "/ws" : "/ws?v=2")
                    .addHeader("Authorization", "Bearer " + token);
            client.connect(options).onComplete(result -> {
                if (result.failed()) {
                    joined.tryFail(result.cause());
                    upgraded.fail(result.cause());
                    return;
                }
                socket = result.result();
                open = true;
                socket.frameHandler(this::onFrame);
                socket.closeHandler(closed -> {
                    open = false;
                    if (!closing) {
                        state.serverClosed(String.valueOf(socket.closeStatusCode()));
                    }
                    joined.tryFail("closed before history");
                });
                upgraded.complete();
            });
        });
        return upgraded.future();
    }

    Future<Void> joined() {
        return joined.future();
    }

    /**
     * Frames arrive raw so that presence frames (a full online list, sent to everyone whenever a user comes or goes)
     * are counted by their first bytes instead of being decoded: otherwise the generator, not the server, would be
     * the bottleneck of a connect storm. Other frames are decoded; fragments are joined.
     */
    private void onFrame(WebSocketFrame frame) {
        if (frame.isContinuation()) {
            if (fragments != null) {
                fragments.appendBuffer(frame.binaryData());
                if (frame.isFinal()) {
                    Buffer whole = fragments;
                    fragments = null;
                    onText(whole.toString(StandardCharsets.UTF_8));
                }
            }
            return;
        }
        if (!frame.isText()) {
            return;
        }
        Buffer data = frame.binaryData();
        if (startsWith(data, PRESENCE)) {
            state.presenceFrames.increment();
            fragments = null;
            return;
        }
        if (frame.isFinal()) {
            onText(data.toString(StandardCharsets.UTF_8));
        } else {
            fragments = Buffer.buffer().appendBuffer(data);
        }
    }

    private static boolean startsWith(Buffer data, byte[] prefix) {
        if (data.length() < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (data.getByte(i) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private void onText(String frame) {
        long now = System.nanoTime();
        if (frame.startsWith("{\"type\":\"message\"")) {
            onMessage(frame, now);
        } else if (frame.startsWith("{\"type\":\"presence\"")) {
            state.presenceFrames.increment();
        } else if (frame.startsWith("{\"type\":\"history\"")) {
            joined.tryComplete();
        } else {
            onOther(frame);
        }
    }

    private void onMessage(String frame, long now) {
        Payload payload = Payload.fromFrame(frame, state.run);
        if (payload == null) {
            state.foreignMessages.increment();
            return;
        }
        ledger.recordId(Payload.idOf(frame));
        DeliveryLedger.Outcome outcome = ledger.record(payload.sender(), payload.seq());
        state.deliveries.increment();
        if (outcome == DeliveryLedger.Outcome.IN_ORDER || outcome == DeliveryLedger.Outcome.OUT_OF_ORDER) {
            state.uniqueDeliveries.increment();
        }
        long intended = payload.intendedNanos();
        if (intended >= state.measureFrom && intended < state.measureUntil) {
            long micros = Math.max(0, (now - intended) / 1000);
            state.latencyMicros.recordValue(Math.min(micros, RunState.MAX_LATENCY_MICROS));
        }
    }

    private void onOther(String frame) {
        try {
            JsonNode node = JSON.readTree(frame);
            if ("error".equals(node.path("type").asText())) {
                state.error(node.path("code").asText("?"));
                return;
            }
        } catch (Exception unreadable) {
            state.error("unparseable_frame");
            return;
        }
        state.otherFrames.increment();
    }

    /**
     * Sends message n at {@code first + n * interval} (nanoTime) until {@code end}, whatever the replies: a timer
     * checks every millisecond and sends everything whose intended time has come, so a stalled server makes the
     * generator send late (and the lateness counts as latency) rather than send less.
     */
    void startSending(int sender, long first, long interval, long end) {
        context.runOnContext(v -> {
            long[] next = {0};
            vertx.setPeriodic(1, timer -> {
                long now = System.nanoTime();
                while (true) {
                    long intended = first + next[0] * interval;
                    if (intended >= end) {
                        vertx.cancelTimer(timer);
                        return;
                    }
                    if (intended > now) {
                        return;
                    }
                    send(sender, next[0], intended);
                    state.maxSendLagNanos.accumulateAndGet(now - intended, Math::max);
                    next[0]++;
                }
            });
        });
    }

    private void send(int sender, long seq, long intended) {
        String text = new Payload(state.run, sender, seq, intended).encode(state.size);
        String frame = "{\"type\":\"message\"," + roomField + "\"text\":\"" + text + "\",\"clientId\":\"" + state.run + "-" + sender + "-" + seq + "\"}";
        state.sentPerSender.set(sender, seq + 1);
        if (!open) {
            state.sendFailures.increment();
            return;
        }
        try {
            socket.writeTextMessage(frame).onFailure(failure -> state.sendFailures.increment());
        } catch (RuntimeException closed) {
            state.sendFailures.increment();
        }
    }

    Future<Void> close() {
        closing = true;
        Promise<Void> done = Promise.promise();
        context.runOnContext(v -> {
            if (socket == null || !open) {
                done.tryComplete();
                return;
            }
            socket.close().onComplete(r -> done.tryComplete());
        });
        return done.future();
    }
}
