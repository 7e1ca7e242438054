package io.chatterbox.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.config.spi.ConfigSource;

import io.chatterbox.accounts.SigningKeyPair;
import io.chatterbox.storage.postgres.SharedSigningKeys;
import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;

/**
 * Zero-configuration start: prepares the data directory before any extension reads its settings, and points the
 * datasource and the token keys at it — or, in cluster mode ({@code chatterbox.cluster.database-url}), points the
 * {@code cluster} datasource at PostgreSQL, switches SQLite off and takes the key pair all nodes share from there.
 * Runs this early because Flyway and the datasources open their databases before any application bean starts. Ordinal 150 sits below application.properties and the environment, so an
 * explicit database URL or key location always wins (and then no key is generated).
 */
public class EmbeddedDataDirectory implements ConfigSourceFactory {

    private static final int ORDINAL = 150;
    static final String SQLITE_OPTIONS =
            "?journal_mode=WAL&synchronous=FULL&busy_timeout=5000&transaction_mode=IMMEDIATE&foreign_keys=true";

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        Map<String, String> derived = new HashMap<>();
        String clusterUrl = valueOr(context, "chatterbox.cluster.database-url", null);
        String redisUrl = valueOr(context, "chatterbox.cluster.redis-url", null);
        if (redisUrl != null && clusterUrl == null) {
            throw new IllegalArgumentException("chatterbox.cluster.redis-url needs chatterbox.cluster.database-url: "
                    + "nodes that share events must share their store of record");
        }
        if (redisUrl != null) {
            derived.put("quarkus.redis.hosts", redisUrl);
        }
        boolean keysConfigured = isExplicit(context, "smallrye.jwt.sign.key.location")
                || isExplicit(context, "mp.jwt.verify.publickey.location");
        if (clusterUrl != null) {
            clusterMode(context, clusterUrl, keysConfigured, derived);
        } else {
            embeddedMode(context, keysConfigured, derived);
        }
        return List.of(new PropertiesConfigSource(derived, "chatterbox-data-directory", ORDINAL));
    }

    /** SQLite and the key pair in the data directory. */
    private static void embeddedMode(ConfigSourceContext context, boolean keysConfigured, Map<String, String> derived) {
        Path dataDir = Path.of(valueOr(context, "chatterbox.data-dir", "data")).toAbsolutePath().normalize();
        createDirectory(dataDir);
        derived.put("quarkus.datasource." + Stores.CLUSTER_DATASOURCE + ".active", "false");
        derived.put("quarkus.datasource.jdbc.url", "jdbc:sqlite:" + dataDir.resolve("chatterbox.db") + SQLITE_OPTIONS);
        if (!keysConfigured) {
            SigningKeyFiles keys = SigningKeyFiles.in(dataDir);
            keys.loadOrCreate();
            derived.put("smallrye.jwt.sign.key.location", keys.privateKey().toUri().toString());
            derived.put("mp.jwt.verify.publickey.location", keys.publicKey().toUri().toString());
        }
    }

    /**
     * The cluster's PostgreSQL instead of SQLite (no data directory, no SQLite file), and the key pair every node
     * shares, kept in that database.
     */
    private static void clusterMode(ConfigSourceContext context, String url, boolean keysConfigured, Map<String, String> derived) {
        String username = valueOr(context, "chatterbox.cluster.database-username", null);
        String password = valueOr(context, "chatterbox.cluster.database-password", null);
        String cluster = "quarkus.datasource." + Stores.CLUSTER_DATASOURCE + ".";
        derived.put(cluster + "active", "true");
        derived.put(cluster + "jdbc.url", url);
        if (username != null) {
            derived.put(cluster + "username", username);
        }
        if (password != null) {
            derived.put(cluster + "password", password);
        }
        derived.put("quarkus.datasource.active", "false");
        derived.put("quarkus.hibernate-orm.active", "false");
        if (!keysConfigured) {
            // The pair every node shares, as files the JWT extension reads like the embedded ones (inline keys would
            // lose to the file locations recorded at build time).
            SigningKeyPair shared = new SharedSigningKeys(url, username, password).loadOrCreate();
            SigningKeyFiles keys = SigningKeyFiles.in(privateDirectory());
            keys.storeIfAbsent(shared);
            keys.privateKey().toFile().deleteOnExit();
            keys.publicKey().toFile().deleteOnExit();
            derived.put("smallrye.jwt.sign.key.location", keys.privateKey().toUri().toString());
            derived.put("mp.jwt.verify.publickey.location", keys.publicKey().toUri().toString());
        }
    }

    /** A directory only this user can read, removed when the process exits. */
    private static Path privateDirectory() {
        try {
            Path directory = Files.createTempDirectory("chatterbox-keys-",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            directory.toFile().deleteOnExit();
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a directory for the token signing key", e);
        }
    }

    private static void createDirectory(Path dataDir) {
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the data directory " + dataDir, e);
        }
    }

    private static String valueOr(ConfigSourceContext context, String name, String fallback) {
        ConfigValue value = context.getValue(name);
        return value == null || value.getValue() == null || value.getValue().isBlank() ? fallback : value.getValue();
    }

    /**
     * Set by the operator (properties file, environment, system property)? Values Quarkus recorded while building
     * sit in a source of lower ordinal than ours and do not count.
     */
    private static boolean isExplicit(ConfigSourceContext context, String name) {
        ConfigValue value = context.getValue(name);
        return value != null && value.getValue() != null && value.getConfigSourceOrdinal() > ORDINAL;
    }
}
