package io.chatterbox.support;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * Runs a {@code @QuarkusTest} in cluster mode: the node's store of record is a fresh PostgreSQL database of its own
 * (migrated by the node itself at start, as in production), dropped when the test JVM ends.
 */
public class ClusterProfile implements QuarkusTestProfile {

    private static PostgresDatabase database;

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("chatterbox.cluster.database-url", database().url(),
                "chatterbox.cluster.database-username", database().username());
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
