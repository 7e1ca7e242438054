package io.chatterbox.storage.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/** The trusted_devices table over plain JDBC, in SQL that SQLite and PostgreSQL both speak. */
public final class DeviceRows {

    /** Devices kept per account; signing in from one more forgets the one that expires first. */
    public static final int KEPT_PER_ACCOUNT = 20;

    private static final String ACCOUNT_OF = "SELECT username_key FROM trusted_devices WHERE device_hash = ? AND expires_at > ?";
    private static final String TRUST = """
            INSERT INTO trusted_devices (device_hash, username_key, expires_at) VALUES (?, ?, ?)
            ON CONFLICT (device_hash) DO UPDATE SET username_key = excluded.username_key, expires_at = excluded.expires_at""";
    private static final String KEEP_NEWEST = """
            DELETE FROM trusted_devices WHERE username_key = ? AND device_hash NOT IN
            (SELECT device_hash FROM trusted_devices WHERE username_key = ? ORDER BY expires_at DESC LIMIT ?)""";
    private static final String FORGET = "DELETE FROM trusted_devices WHERE username_key = ?";

    private DeviceRows() {
    }

    public static Optional<String> accountOf(Connection connection, String deviceHash, long now) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(ACCOUNT_OF)) {
            statement.setString(1, deviceHash);
            statement.setLong(2, now);
            try (ResultSet row = statement.executeQuery()) {
                return row.next() ? Optional.of(row.getString(1)) : Optional.empty();
            }
        }
    }

    /** Trusts the device, then keeps the account's newest few: call in one transaction. */
    public static void trust(Connection connection, String deviceHash, String usernameKey, long expiresAt) throws SQLException {
        try (PreparedStatement trust = connection.prepareStatement(TRUST);
                PreparedStatement keepNewest = connection.prepareStatement(KEEP_NEWEST)) {
            trust.setString(1, deviceHash);
            trust.setString(2, usernameKey);
            trust.setLong(3, expiresAt);
            trust.executeUpdate();
            keepNewest.setString(1, usernameKey);
            keepNewest.setString(2, usernameKey);
            keepNewest.setInt(3, KEPT_PER_ACCOUNT);
            keepNewest.executeUpdate();
        }
    }

    public static void forgetAll(Connection connection, String usernameKey) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(FORGET)) {
            statement.setString(1, usernameKey);
            statement.executeUpdate();
        }
    }
}
