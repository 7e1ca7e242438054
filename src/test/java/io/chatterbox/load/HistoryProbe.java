package io.chatterbox.load;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
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
 * another, recording upgrade-to-history latency in an HDR histogram, then prints the percentiles. Each connection
 * is a plain blocking socket that speaks just enough RFC 6455 (upgrade with a bearer header, read one frame, send
 * close), so that the client's own cost stays out of the figure. An optional number of warm-up connections is
 * made first and not recorded (a fresh server is still compiling its hot paths for the first couple of thousand).</li>
 * </ul>
 */
public final class HistoryProbe {

    private static final ObjectMapper JSON = new ObjectMapper();

    private HistoryProbe() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 3 && args[0].equals("seed")) {
            seed(args[1], Integer.parseInt(args[2]));
        } else if ((args.length == 3 || args.length == 4) && args[0].equals("probe")) {
            probe(URI.create(args[1]), Integer.parseInt(args[2]), args.length == 4 ? Integer.parseInt(args[3]) : 0);
        } else {
            System.err.println("usage: HistoryProbe seed <chatterbox.db> <count> | probe <base url> <connections> [<warm-up connections>]");
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

    private static void probe(URI base, int connections, int warmUp) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String credentials = JSON.writeValueAsString(java.util.Map.of("username", "probe_" + System.nanoTime() % 1_000_000,
                "password", "history-probe-password"));
        http.send(post(base, "register", credentials), HttpResponse.BodyHandlers.discarding());
        String token = JSON.readTree(http.send(post(base, "login", credentials), HttpResponse.BodyHandlers.ofString())
                .body()).get("access_token").asText();

        Histogram latencyMicros = new Histogram(TimeUnit.SECONDS.toMicros(10), 3);
        for (int i = -warmUp; i < connections; i++) {
            long start = System.nanoTime();
            try (Socket socket = new Socket()) {
                socket.setTcpNoDelay(true);
                socket.setSoTimeout(10_000);
                socket.connect(new InetSocketAddress(base.getHost(), base.getPort()));
                OutputStream out = socket.getOutputStream();
                out.write(upgradeRequest(base, token));
                out.flush();
                DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
                skipResponseHead(in);
                readTextFrame(in);
                if (i >= 0) {
                    latencyMicros.recordValue(Math.max(1, (System.nanoTime() - start) / 1_000));
                }
                out.write(CLOSE_FRAME);
                out.flush();
            }
        }
        System.out.printf("upgrade -> history frame, %d connections: p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms%n",
                connections, ms(latencyMicros, 50), ms(latencyMicros, 90), ms(latencyMicros, 99),
                latencyMicros.getMaxValue() / 1000.0);
    }

    /** A masked close frame with code 1000, as a client must send it. */
    private static final byte[] CLOSE_FRAME = { (byte) 0x88, (byte) 0x82, 0, 0, 0, 0, 0x03, (byte) 0xE8 };

    private static byte[] upgradeRequest(URI base, String token) {
        return ("GET /ws HTTP/1.1\r\nHost: " + base.getHost() + ":" + base.getPort() + "\r\n"
                + "Authorization: Bearer " + token + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    private static void skipResponseHead(DataInputStream in) throws IOException {
        int matched = 0; // of "\r\n\r\n"
        while (matched < 4) {
            int b = in.readUnsignedByte();
            matched = b == (matched % 2 == 0 ? '\r' : '\n') ? matched + 1 : (b == '\r' ? 1 : 0);
        }
    }

    /** Reads one unfragmented text frame from the server (server frames are never masked). */
    private static void readTextFrame(DataInputStream in) throws IOException {
        int opcode = in.readUnsignedByte() & 0x0F;
        int length = in.readUnsignedByte() & 0x7F;
        long size = length == 126 ? in.readUnsignedShort() : length == 127 ? in.readLong() : length;
        if (opcode != 0x1 || in.skipBytes((int) size) != size) {
            throw new IOException("expected a whole text frame first, got opcode " + opcode);
        }
    }

    private static HttpRequest post(URI base, String path, String body) {
        return HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private static double ms(Histogram histogram, double percentile) {
        return histogram.getValueAtPercentile(percentile) / 1000.0;
    }
}
