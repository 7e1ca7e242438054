package io.chatterbox.support;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;

/**
 * A Redis server of the test's own (Debian's redis-server on a free loopback port, nothing saved), so a test can
 * stop and restart it without touching the machine's Redis.
 */
public final class PrivateRedis implements AutoCloseable {

    private static final Path REDIS_SERVER = Path.of("/usr/bin/redis-server");

    private final int port;
    private final Path log;
    private Process process;

    private PrivateRedis(int port, Path log) {
        this.port = port;
        this.log = log;
    }

    public static PrivateRedis start(Path log) throws IOException {
        ClusterRequirement.executable(REDIS_SERVER, "redis-server");
        PrivateRedis redis = new PrivateRedis(ClusterRequirement.freePort(), log);
        redis.start();
        return redis;
    }

    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    /** Starts it again on the same port, empty. */
    public void start() throws IOException {
        process = new ProcessBuilder(REDIS_SERVER.toString(), "--port", String.valueOf(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).until(this::answers);
    }

    /** Gone at once, as a crash would leave it (SIGKILL). */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    private boolean answers() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            socket.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            return "+PONG\r\n".equals(new String(in.readNBytes(7), StandardCharsets.US_ASCII));
        } catch (IOException notYet) {
            return false;
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null) {
            kill();
        }
    }
}
