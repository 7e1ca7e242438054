package io.chatterbox.load;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import org.HdrHistogram.Histogram;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The history benchmark: how long from the start of a WebSocket upgrade to its first frame (the history of the
 * latest 50 messages) when the store holds many messages.
 * <ul>
 * <li>{@code seed <chatterbox.db> <count>}: appends {@code count} messages straight into the SQLite file, with the
 * server stopped (one transaction per 50,000 rows);</li>
 * <li>{@code probe <base url> <connections>}: registers one user and opens that many connections one after
 * another, recording upgrade-to-history latency in an HDR histogram, then prints the percentiles.</li>
 * </ul>
 */
public final class HistoryProbe {

    private static final ObjectMapper JSON = new ObjectMapper();

    private HistoryProbe() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 3 && args[0].equals("seed")) {
            seed(args[1], Integer.parseInt(args[2]));
        } else if (args.length == 3 && args[0].equals("probe")) {
            probe(URI.create(args[1]), Integer.parseInt(args[2]));
        } else {
            System.err.println("usage: HistoryProbe seed <chatterbox.db> <count> | probe <base url> <connections>");
            System.exit(1);
        }
    }

    private static void seed(String databaseFile, int count) throws Exception {
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + databaseFile)) {
            db.setAutoCommit(false);
            try (PreparedStatement insert = db.prepareStatement(
                    "INSERT INTO messages (username, message, timestamp, room, client_id) VALUES (?, ?, ?, 'general', NULL)")) {
                long now = System.currentTimeMillis();
                for (int i = 1; i <= count; i++) {
                    insert.setString(1, "seed" + (i % 100));
                    insert.setString(2, "seeded message number " + i + " with some ordinary chat-sized text in it");
                    insert.setLong(3, now - count + i);
                    insert.addBatch();
                    if (i % 50_000 == 0 || i == count) {
                        insert.executeBatch();
                        db.commit();
                    }
                }
            }
        }
        System.out.printf("seeded %,d messages into %s%n", count, databaseFile);
    }

    private static void probe(URI base, int connections) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String credentials = JSON.writeValueAsString(java.util.Map.of("username", "probe_" + System.nanoTime() % 1_000_000,
                "password", "history-probe-password"));
        http.send(post(base, "register", credentials), HttpResponse.BodyHandlers.discarding());
        String token = JSON.readTree(http.send(post(base, "login", credentials), HttpResponse.BodyHandlers.ofString())
                .body()).get("access_token").asText();

        Histogram latencyMicros = new Histogram(TimeUnit.SECONDS.toMicros(10), 3);
        URI socket = URI.create("ws://" + base.getHost() + ":" + base.getPort() + "/ws");
        for (int i = 0; i < connections; i++) {
            CompletableFuture<Long> history = new CompletableFuture<>();
            long start = System.nanoTime();
            WebSocket ws = http.newWebSocketBuilder().header("Authorization", "Bearer " + token)
                    .buildAsync(socket, new WebSocket.Listener() {
                        @Override
                        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                            if (last) {
                                history.complete(System.nanoTime());
                            }
                            return null;
                        }
                    }).get(10, TimeUnit.SECONDS);
            long end = history.get(10, TimeUnit.SECONDS);
            latencyMicros.recordValue(Math.max(1, (end - start) / 1_000));
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(10, TimeUnit.SECONDS);
        }
        System.out.printf("upgrade -> history frame, %d connections: p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms%n",
                connections, ms(latencyMicros, 50), ms(latencyMicros, 90), ms(latencyMicros, 99),
                latencyMicros.getMaxValue() / 1000.0);
    }

    private static HttpRequest post(URI base, String path, String body) {
        return HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private static double ms(Histogram histogram, double percentile) {
        return histogram.getValueAtPercentile(percentile) / 1000.0;
    }
}
