package io.chatterbox.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A real WebSocket client (the JDK's) that records every frame the server sends, for assertions in order.
 * Waits are bounded by {@link #TIMEOUT}; a missing frame fails the test instead of hanging it.
 */
public final class SocketClient implements AutoCloseable {

    public static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final BlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private WebSocket socket;

    private SocketClient() {
    }

    /** Opens /ws with ?token= and any extra query, e.g. "since=12". */
    public static SocketClient connect(URI base, String token, String extraQuery) {
        String query = "token=" + token + (extraQuery == null ? "" : "&" + extraQuery);
        return open(HTTP.newWebSocketBuilder(), wsUri(base, query));
    }

    public static SocketClient connect(URI base, String token) {
        return connect(base, token, null);
    }

    /** Opens a v2 socket (/ws?token=…&v=2, one socket for every room) with any extra query, e.g. "since=12". */
    public static SocketClient connectV2(URI base, String token, String extraQuery) {
        return connect(base, token, "v=2" + (extraQuery == null ? "" : "&" + extraQuery));
    }

    public static SocketClient connectV2(URI base, String token) {
        return connectV2(base, token, null);
    }

    /** Opens /ws the browser way: the token travels in the bearer-token-carrier subprotocol. */
    public static SocketClient connectWithSubprotocol(URI base, String token) {
        String carrier = java.net.URLEncoder.encode("quarkus-http-upgrade#Authorization#Bearer " + token,
                java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
        return open(HTTP.newWebSocketBuilder().subprotocols("bearer-token-carrier", carrier), wsUri(base, null));
    }

    /** The HTTP status that refused the upgrade, or 101 if it was accepted (the socket is then closed). */
    public static int upgradeStatus(URI base, String query) {
        try {
            WebSocket ws = HTTP.newWebSocketBuilder().connectTimeout(TIMEOUT)
                    .buildAsync(wsUri(base, query), new WebSocket.Listener() {
                    }).join();
            ws.abort();
            return 101;
        } catch (CompletionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException refused) {
                return refused.getResponse().statusCode();
            }
            throw e;
        }
    }

    private static URI wsUri(URI base, String query) {
        return URI.create("ws://" + base.getHost() + ":" + base.getPort() + "/ws" + (query == null ? "" : "?" + query));
    }

    private static SocketClient open(WebSocket.Builder builder, URI uri) {
        SocketClient client = new SocketClient();
        client.socket = builder.connectTimeout(TIMEOUT).buildAsync(uri, client.listener()).join();
        return client;
    }

    public void send(String frame) {
        socket.sendText(frame, true).join();
    }

    public void sendJson(Object frame) {
        try {
            send(JSON.writeValueAsString(frame));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public void sendBinary(byte[] data) {
        socket.sendBinary(ByteBuffer.wrap(data), true).join();
    }

    /**
     * Sends {@code count} messages to general (texts "label 0", "label 1", …, each with a fresh clientId) and waits
     * for each acknowledgement; returns their ids in order. A refusal instead of an acknowledgement fails the test.
     */
    public List<Long> sendAcknowledged(String label, int count) {
        String run = UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < count; i++) {
            sendJson(Map.of("type", "message", "text", label + " " + i, "clientId", run + "-" + i));
        }
        List<Long> ids = new ArrayList<>();
        while (ids.size() < count) {
            JsonNode answer = nextMatching(frame -> frame.path("clientId").asText().startsWith(run));
            assertThat(answer.path("type").asText()).as("the answer to %s", answer).isEqualTo("message");
            ids.add(answer.get("id").asLong());
        }
        return ids;
    }

    /** The next frame, whatever its type. */
    public JsonNode next() {
        try {
            JsonNode frame = frames.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(frame).as("a frame within %s", TIMEOUT).isNotNull();
            return frame;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The next frame if one comes within {@code within}, else null. */
    public JsonNode poll(Duration within) {
        try {
            return frames.poll(within.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The next frame of the given type; frames of other types before it are skipped. */
    public JsonNode next(String type) {
        return nextMatching(frame -> type.equals(frame.path("type").asText()));
    }

    public JsonNode nextMatching(Predicate<JsonNode> wanted) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode frame = next();
            if (wanted.test(frame)) {
                return frame;
            }
        }
        throw new AssertionError("no matching frame within " + TIMEOUT);
    }

    /**
     * Every frame up to and including the first one that matches, in arrival order. With a marker message sent
     * after some action, this proves what did (and did not) arrive before the marker.
     */
    public List<JsonNode> framesUntil(Predicate<JsonNode> last) {
        return framesUntil(last, TIMEOUT);
    }

    /** Every frame up to and including the first that matches, which must come within {@code within}. */
    public List<JsonNode> framesUntil(Predicate<JsonNode> last, Duration within) {
        List<JsonNode> seen = new ArrayList<>();
        long deadline = System.nanoTime() + within.toNanos();
        try {
            for (long left = within.toNanos(); left > 0; left = deadline - System.nanoTime()) {
                JsonNode frame = frames.poll(left, TimeUnit.NANOSECONDS);
                if (frame == null) {
                    break;
                }
                seen.add(frame);
                if (last.test(frame)) {
                    return seen;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        throw new AssertionError("no matching frame within " + within + "; received " + seen);
    }

    /** Frames already received that are not yet consumed (no waiting). */
    public List<JsonNode> pending() {
        List<JsonNode> drained = new ArrayList<>();
        frames.drainTo(drained);
        return drained;
    }

    public boolean isClosed() {
        return closed.isDone();
    }

    /** Waits for the server to close the socket and returns the close code. */
    public int awaitClose() {
        return closed.orTimeout(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).join();
    }

    /** Drops the connection without a close frame, as a network failure would. */
    public void abort() {
        socket.abort();
    }

    /** Closes the socket and waits for the server's closing answer: the server has seen the close. */
    public void closeAndAwait() {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").orTimeout(2, TimeUnit.SECONDS).join();
        awaitClose();
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").orTimeout(2, TimeUnit.SECONDS).exceptionally(e -> null).join();
        }
        socket.abort();
    }

    private WebSocket.Listener listener() {
        return new WebSocket.Listener() {
            private final StringBuilder partial = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                partial.append(data);
                if (last) {
                    try {
                        frames.add(JSON.readTree(partial.toString()));
                    } catch (Exception e) {
                        throw new IllegalStateException("server sent a frame that is not JSON: " + partial, e);
                    }
                    partial.setLength(0);
                }
                webSocket.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
                closed.complete(statusCode);
                return null;
            }

            @Override
            public void onError(WebSocket webSocket, Throwable error) {
                closed.completeExceptionally(error);
            }
        };
    }
}
