package io.chatterbox.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The packaged server (target/quarkus-app/quarkus-run.jar) as a child process on a free loopback port, with its own
 * data directory and its output in a log file. {@link #kill()} is SIGKILL: no shutdown hook, no flush.
 */
public final class ServerProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final URI base;
    private final Path log;

    private ServerProcess(Process process, URI base, Path log) {
        this.process = process;
        this.base = base;
        this.log = log;
    }

    public static ServerProcess start(Path dataDir) throws IOException {
        return start(dataDir, Map.of());
    }

    /**
     * Starts with extra environment variables, e.g. {@code CHATTERBOX_AUTH_BCRYPT_COST}. Environment variables (not
     * -D properties) because a name that matches no setting is ignored instead of failing the start.
     */
    public static ServerProcess start(Path dataDir, Map<String, String> environment) throws IOException {
        Path jar = Path.of("target", "quarkus-app", "quarkus-run.jar").toAbsolutePath();
        if (!Files.exists(jar)) {
            throw new IllegalStateException("Package the application first: " + jar + " is missing");
        }
        int port = freePort();
        Path log = dataDir.resolveSibling(dataDir.getFileName() + "-server.log");
        ProcessBuilder builder = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dchatterbox.data-dir=" + dataDir,
                "-Dquarkus.http.host=127.0.0.1",
                "-Dquarkus.http.port=" + port,
                "-jar", jar.toString()))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        Process process = builder.start();
        ServerProcess server = new ServerProcess(process, URI.create("http://127.0.0.1:" + port + "/"), log);
        server.awaitReady();
        return server;
    }

    public URI base() {
        return base;
    }

    public Path log() {
        return log;
    }

    /** Registers (ignoring "taken") and logs in; returns the access token. */
    public String login(String username, String password) throws IOException, InterruptedException {
        String body = JSON.writeValueAsString(java.util.Map.of("username", username, "password", password));
        post("register", body);
        HttpResponse<String> response = post("login", body);
        if (response.statusCode() != 200) {
            throw new IllegalStateException("login failed: " + response.statusCode() + " " + response.body());
        }
        return JSON.readTree(response.body()).get("access_token").asText();
    }

    /** POST /logout with the token: revokes every token of its user. */
    public void logout(String token) throws IOException, InterruptedException {
        HttpResponse<Void> response = HTTP.send(HttpRequest.newBuilder(base.resolve("logout"))
                .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() != 204) {
            throw new IllegalStateException("logout failed: " + response.statusCode());
        }
    }

    private HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** SIGKILL: the process gets no chance to flush or finish anything. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            kill();
        }
    }

    private void awaitReady() {
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
            if (!process.isAlive()) {
                throw new IllegalStateException("server exited with " + process.exitValue() + "; see " + log);
            }
            try {
                return HTTP.send(HttpRequest.newBuilder(base.resolve("q/health/ready")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
            } catch (IOException notYetListening) {
                return false;
            }
        });
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
