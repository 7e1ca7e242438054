package io.chatterbox.support;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * The machine's Redis (127.0.0.1:6379).
 */
public final class RedisServer {

    public static final String URL = "redis://127.0.0.1:6379";

    private RedisServer() {
    }

    /** Answers PING, or the calling test is skipped (failed, when the cluster tests are required). */
    public static void require() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", 6379), 2_000);
            socket.setSoTimeout(2_000);
            socket.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            byte[] answer = in.readNBytes(7);
            if (!"+PONG\r\n".equals(new String(answer, StandardCharsets.US_ASCII))) {
                throw new IOException("unexpected answer to PING");
            }
        } catch (IOException e) {
            ClusterRequirement.missing("No Redis at " + URL + " (" + e.getMessage()
                    + "; install it with: apt-get install -y redis-server)");
        }
    }
}
