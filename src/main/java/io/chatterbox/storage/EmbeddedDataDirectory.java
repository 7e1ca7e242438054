package io.chatterbox.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.config.spi.ConfigSource;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;

/**
 * Zero-configuration start: prepares the data directory before any extension reads its settings, and points the
 * datasource and the token keys at it. Runs this early because Flyway and the datasource open the SQLite file
 * before any application bean starts. Ordinal 150 sits below application.properties and the environment, so an
 * explicit database URL or key location always wins (and then no key is generated).
 */
public class EmbeddedDataDirectory implements ConfigSourceFactory {

    private static final int ORDINAL = 150;
    static final String SQLITE_OPTIONS =
            "?journal_mode=WAL&synchronous=FULL&busy_timeout=5000&transaction_mode=IMMEDIATE&foreign_keys=true";

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        Path dataDir = Path.of(valueOr(context, "chatterbox.data-dir", "data")).toAbsolutePath().normalize();
        createDirectory(dataDir);

        Map<String, String> derived = new HashMap<>();
        derived.put("quarkus.datasource.jdbc.url", "jdbc:sqlite:" + dataDir.resolve("chatterbox.db") + SQLITE_OPTIONS);
        if (!isExplicit(context, "smallrye.jwt.sign.key.location") && !isExplicit(context, "mp.jwt.verify.publickey.location")) {
            SigningKeyFiles keys = SigningKeyFiles.in(dataDir);
            keys.loadOrCreate();
            derived.put("smallrye.jwt.sign.key.location", keys.privateKey().toUri().toString());
            derived.put("mp.jwt.verify.publickey.location", keys.publicKey().toUri().toString());
        }
        return List.of(new PropertiesConfigSource(derived, "chatterbox-data-directory", ORDINAL));
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
