package io.chatterbox.storage.postgres;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import io.chatterbox.accounts.Account;
import io.chatterbox.accounts.AccountStore;
import io.chatterbox.rooms.RoomInfo;

/** The cluster's {@link AccountStore}: the users table in PostgreSQL. */
public class PgAccounts implements AccountStore {

    private static final String COLUMNS = "id, username, username_key, hashed_password, token_version";
    private static final String BY_KEY = "SELECT " + COLUMNS + " FROM users WHERE username_key = ?";
    private static final String BY_ID = "SELECT " + COLUMNS + " FROM users WHERE id = ?";
    private static final String CREATE = """
            INSERT INTO users (username, username_key, hashed_password, created_at) VALUES (?, ?, ?, ?)
            ON CONFLICT (username_key) DO NOTHING""";
    private static final String REVOKE = """
            UPDATE users SET token_version = token_version + 1, hashed_password = COALESCE(?, hashed_password)
            WHERE id = ? RETURNING\s""" + COLUMNS;
    private static final String TOKEN_VERSION = "SELECT token_version FROM users WHERE id = ?";
    private static final String USERNAMES = "SELECT username FROM users WHERE username_key > ? ORDER BY username_key LIMIT ?";

    private final Jdbc jdbc;

    public PgAccounts(DataSource database) {
        this.jdbc = new Jdbc(database);
    }

    @Override
    public Optional<Account> findByKey(String usernameKey) {
        return Optional.ofNullable(jdbc.autocommit("read an account",
                connection -> Jdbc.first(connection, BY_KEY, statement -> statement.setString(1, usernameKey), PgAccounts::account)));
    }

    @Override
    public Optional<Account> findById(long id) {
        return Optional.ofNullable(jdbc.autocommit("read an account",
                connection -> Jdbc.first(connection, BY_ID, statement -> statement.setLong(1, id), PgAccounts::account)));
    }

    @Override
    public boolean create(String username, String usernameKey, String passwordHash) {
        return jdbc.inTransaction("create an account", connection -> {
            int created = Jdbc.update(connection, CREATE, statement -> {
                statement.setString(1, username);
                statement.setString(2, usernameKey);
                statement.setString(3, passwordHash);
                statement.setLong(4, System.currentTimeMillis());
            });
            if (created == 0) {
                return false;
            }
            PgReadMarkers.startAtNewest(connection, username, RoomInfo.GENERAL);
            return true;
        });
    }

    @Override
    public Optional<Account> revokeTokens(long id, String newPasswordHash) {
        return Optional.ofNullable(jdbc.autocommit("revoke tokens", connection -> Jdbc.first(connection, REVOKE, statement -> {
            statement.setString(1, newPasswordHash);
            statement.setLong(2, id);
        }, PgAccounts::account)));
    }

    @Override
    public int tokenVersion(long id) {
        Integer version = jdbc.autocommit("read a token version",
                connection -> Jdbc.first(connection, TOKEN_VERSION, statement -> statement.setLong(1, id), row -> row.getInt(1)));
        return version == null ? -1 : version;
    }

    @Override
    public long count() {
        return jdbc.autocommit("count accounts", connection -> Jdbc.first(connection, "SELECT count(*) FROM users", statement -> {
        }, row -> row.getLong(1)));
    }

    @Override
    public List<String> usernames(String afterKey, int limit) {
        return jdbc.autocommit("list usernames", connection -> Jdbc.list(connection, USERNAMES, statement -> {
            statement.setString(1, afterKey == null ? "" : afterKey);
            statement.setInt(2, limit);
        }, row -> row.getString(1)));
    }

    private static Account account(ResultSet row) throws SQLException {
        return new Account(row.getLong("id"), row.getString("username"), row.getString("username_key"),
                row.getString("hashed_password"), row.getInt("token_version"));
    }
}
