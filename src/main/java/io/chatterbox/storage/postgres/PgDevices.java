package io.chatterbox.storage.postgres;

import java.util.Optional;

import javax.sql.DataSource;

import io.chatterbox.accounts.DeviceStore;
import io.chatterbox.storage.jdbc.DeviceRows;

/** The cluster's {@link DeviceStore}: the trusted_devices table in PostgreSQL. */
public class PgDevices implements DeviceStore {

    private final Jdbc jdbc;

    public PgDevices(DataSource database) {
        this.jdbc = new Jdbc(database);
    }

    @Override
    public Optional<String> accountOf(String deviceHash, long now) {
        return jdbc.autocommit("read a trusted device", connection -> DeviceRows.accountOf(connection, deviceHash, now));
    }

    @Override
    public void trust(String deviceHash, String usernameKey, long expiresAt) {
        jdbc.inTransaction("store a trusted device", connection -> {
            DeviceRows.trust(connection, deviceHash, usernameKey, expiresAt);
            return null;
        });
    }

    @Override
    public void forgetAll(String usernameKey) {
        jdbc.autocommit("forget trusted devices", connection -> {
            DeviceRows.forgetAll(connection, usernameKey);
            return null;
        });
    }
}
