package io.chatterbox.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;

/**
 * Debian's HAProxy with the repository's own configuration (docs/cluster/haproxy.cfg) in front of two nodes, on a
 * free loopback port.
 */
public final class LoadBalancer implements AutoCloseable {

    private static final Path HAPROXY = Path.of("/usr/sbin/haproxy");
    private static final Path CONFIG = Path.of("docs", "cluster", "haproxy.cfg");

    private final Process process;
    private final URI base;

    private LoadBalancer(Process process, URI base) {
        this.process = process;
        this.base = base;
    }

    public static LoadBalancer inFrontOf(ServerProcess a, ServerProcess b, Path log) throws IOException {
        Path haproxy = ClusterRequirement.executable(HAPROXY, "haproxy");
        int port = ClusterRequirement.freePort();
        ProcessBuilder builder = new ProcessBuilder(haproxy.toString(), "-db", "-f", CONFIG.toAbsolutePath().toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().put("CHATTERBOX_LB_BIND", "127.0.0.1:" + port);
        builder.environment().put("CHATTERBOX_NODE_A", a.base().getAuthority());
        builder.environment().put("CHATTERBOX_NODE_B", b.base().getAuthority());
        LoadBalancer balancer = new LoadBalancer(builder.start(), URI.create("http://127.0.0.1:" + port + "/"));
        balancer.awaitReady();
        return balancer;
    }

    public URI base() {
        return base;
    }

    private void awaitReady() {
        HttpClient http = HttpClient.newHttpClient();
        Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).until(() -> {
            if (!process.isAlive()) {
                throw new IllegalStateException("haproxy exited with " + process.exitValue());
            }
            try {
                return http.send(HttpRequest.newBuilder(base.resolve("q/health/ready")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
            } catch (IOException notYetListening) {
                return false;
            }
        });
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
