package io.chatterbox.storage.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.Properties;

import org.postgresql.Driver;

import io.chatterbox.accounts.SigningKeyPair;
import io.chatterbox.accounts.SigningKeyStore;

/**
 * The cluster's {@link SigningKeyStore}: one row in PostgreSQL, so every node signs and verifies with the same pair
 * and nobody copies PEM files between machines. It is read while the configuration is built, before any datasource
 * or Flyway exists, hence its own connection and its own table. Every step runs under one advisory lock, so nodes that
 * start together agree on the first pair generated.
 */
public record SharedSigningKeys(String url, String username, String password) implements SigningKeyStore {

    /** The advisory lock key of the signing keys ("keys" in ASCII). */
    private static final long KEYS_LOCK = 0x6b657973L;
    private static final String TABLE = """
            CREATE TABLE IF NOT EXISTS chatterbox_signing_keys (
                id          INTEGER PRIMARY KEY CHECK (id = 1),
                private_pem TEXT    NOT NULL,
                public_pem  TEXT    NOT NULL,
                created_at  BIGINT  NOT NULL
            )""";
    private static final String LOAD = "SELECT private_pem, public_pem FROM chatterbox_signing_keys WHERE id = 1";
    private static final String STORE = """
            INSERT INTO chatterbox_signing_keys (id, private_pem, public_pem, created_at) VALUES (1, ?, ?, ?)
            ON CONFLICT (id) DO NOTHING""";

    @Override
    public Optional<SigningKeyPair> load() {
        return locked(SharedSigningKeys::read);
    }

    @Override
    public SigningKeyPair storeIfAbsent(SigningKeyPair generated) {
        return locked(connection -> {
            store(connection, generated);
            return read(connection).orElseThrow();
        });
    }

    /** Load, or generate and store, in one locked transaction: the pair is generated once per database. */
    @Override
    public SigningKeyPair loadOrCreate() {
        return locked(connection -> {
            Optional<SigningKeyPair> stored = read(connection);
            if (stored.isPresent()) {
                return stored.get();
            }
            SigningKeyPair generated = SigningKeyPair.generate();
            store(connection, generated);
            return generated;
        });
    }

    /** Never the password. */
    @Override
    public String toString() {
        return "SharedSigningKeys[" + url + "]";
    }

    private interface Step<T> {
        T on(Connection connection) throws SQLException;
    }

    private <T> T locked(Step<T> step) {
        try (Connection connection = connect()) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.execute("SELECT pg_advisory_xact_lock(" + KEYS_LOCK + ")");
                statement.execute(TABLE);
            }
            T result = step.on(connection);
            connection.commit();
            return result;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the token signing key from the cluster database " + url, e);
        }
    }

    /**
     * The driver itself, not DriverManager: this runs while the configuration is built, in a class loader whose
     * drivers DriverManager does not see.
     */
    private Connection connect() throws SQLException {
        Properties properties = new Properties();
        if (username != null) {
            properties.setProperty("user", username);
        }
        if (password != null) {
            properties.setProperty("password", password);
        }
        Connection connection = new Driver().connect(url, properties);
        if (connection == null) {
            throw new SQLException("Not a PostgreSQL JDBC URL");
        }
        return connection;
    }

    private static void store(Connection connection, SigningKeyPair pair) throws SQLException {
        try (PreparedStatement store = connection.prepareStatement(STORE)) {
            store.setString(1, pair.privateKeyPem());
            store.setString(2, pair.publicKeyPem());
            store.setLong(3, System.currentTimeMillis());
            store.executeUpdate();
        }
    }

    private static Optional<SigningKeyPair> read(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet row = statement.executeQuery(LOAD)) {
            return row.next() ? Optional.of(new SigningKeyPair(row.getString(1), row.getString(2))) : Optional.empty();
        }
    }
}
