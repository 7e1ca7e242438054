package io.chatterbox.storage;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Typed;

import javax.sql.DataSource;

import io.chatterbox.accounts.DeviceStore;
import io.chatterbox.storage.jdbc.DeviceRows;
import io.quarkus.narayana.jta.QuarkusTransaction;

/** The embedded {@link DeviceStore}: the trusted_devices table of the SQLite file, over plain JDBC. */
@ApplicationScoped
@Typed(SqliteDevices.class)
public class SqliteDevices implements DeviceStore {

    private final DataSource database;

    /** Through Instance: in cluster mode the SQLite datasource is inactive, and a direct injection would start it. */
    SqliteDevices(Instance<DataSource> database) {
        this.database = database.get();
    }

    @Override
    public Optional<String> accountOf(String deviceHash, long now) {
        try (Connection connection = database.getConnection()) {
            return DeviceRows.accountOf(connection, deviceHash, now);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read a trusted device", e);
        }
    }

    @Override
    public void trust(String deviceHash, String usernameKey, long expiresAt) {
        QuarkusTransaction.requiringNew().run(() -> {
            try (Connection connection = database.getConnection()) {
                DeviceRows.trust(connection, deviceHash, usernameKey, expiresAt);
            } catch (SQLException e) {
                throw new IllegalStateException("Could not store a trusted device", e);
            }
        });
    }

    @Override
    public void forgetAll(String usernameKey) {
        try (Connection connection = database.getConnection()) {
            DeviceRows.forgetAll(connection, usernameKey);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not forget trusted devices", e);
        }
    }
}
