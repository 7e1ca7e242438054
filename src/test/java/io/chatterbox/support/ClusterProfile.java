package io.chatterbox.support;

import java.util.Map;
import java.util.UUID;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * Runs a {@code @QuarkusTest} in cluster mode: the node's store of record is a fresh PostgreSQL database of its own
 * (migrated by the node itself at start, as in production), dropped when the test JVM ends, and its events go through
 * the machine's Redis under a prefix of its own — every delivery takes the cluster path, a node alone on its channel.
 */
public class ClusterProfile implements QuarkusTestProfile {

    private static PostgresDatabase database;

    /** A key prefix of this JVM's own, so runs sharing the machine's Redis never hear each other. */
    private static final String REDIS_PREFIX = "chatterbox-test-" + UUID.randomUUID();

    @Override
    public Map<String, String> getConfigOverrides() {
        RedisServer.require();
        return Map.of("chatterbox.cluster.database-url", database().url(),
                "chatterbox.cluster.database-username", database().username(),
                "chatterbox.cluster.redis-url", RedisServer.URL,
                "chatterbox.cluster.redis-prefix", REDIS_PREFIX);
    }

    @Override
    public String getConfigProfile() {
        return "test";
    }

    private static synchronized PostgresDatabase database() {
        if (database == null) {
            database = PostgresDatabase.create();
            Runtime.getRuntime().addShutdownHook(new Thread(database::close, "drop-cluster-test-database"));
        }
        return database;
    }
}
