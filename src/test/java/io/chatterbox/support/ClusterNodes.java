package io.chatterbox.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.Stream;

/**
 * Nodes of the packaged jar in cluster mode: the settings every test node shares (a database and a Redis key prefix
 * of the run's own, cheap password hashing), and starting several at the same moment, as a deployment does.
 */
public final class ClusterNodes {

    private ClusterNodes() {
    }

    /** A node's environment on the database and the machine's Redis; the map is the test's to add to. */
    public static Map<String, String> settings(PostgresDatabase database) {
        return settings(database.url(), database, RedisServer.URL);
    }

    /** The same, reaching the database at {@code databaseUrl} (through a proxy) and Redis at {@code redisUrl}. */
    public static Map<String, String> settings(String databaseUrl, PostgresDatabase database, String redisUrl) {
        return new HashMap<>(Map.of(
                "CHATTERBOX_CLUSTER_DATABASE_URL", databaseUrl,
                "CHATTERBOX_CLUSTER_DATABASE_USERNAME", database.username(),
                "CHATTERBOX_CLUSTER_REDIS_URL", redisUrl,
                "CHATTERBOX_CLUSTER_REDIS_PREFIX", "chatterbox-test-" + UUID.randomUUID(),
                "CHATTERBOX_AUTH_BCRYPT_COST", "4"));
    }

    /**
     * Starts one node per name at the same moment (so they migrate the schema and look for the signing key at once),
     * each with a data directory of its own under {@code work}; returns them in the order of the names.
     */
    public static List<ServerProcess> startTogether(Path work, Map<String, String> settings, String... names)
            throws InterruptedException {
        List<CompletableFuture<ServerProcess>> starting = Stream.of(names)
                .map(name -> CompletableFuture.supplyAsync(() -> start(work.resolve(name), settings))).toList();
        try {
            CompletableFuture.allOf(starting.toArray(CompletableFuture[]::new)).join();
        } catch (CompletionException failed) {
            for (CompletableFuture<ServerProcess> node : starting) {
                if (!node.isCompletedExceptionally()) {
                    node.join().close(); // no node outlives a start that failed
                }
            }
            throw failed;
        }
        return starting.stream().map(CompletableFuture::join).toList();
    }

    private static ServerProcess start(Path dataDir, Map<String, String> settings) {
        try {
            return ServerProcess.start(Files.createDirectories(dataDir), settings);
        } catch (Exception e) {
            throw new IllegalStateException("node " + dataDir.getFileName() + " did not start", e);
        }
    }
}
