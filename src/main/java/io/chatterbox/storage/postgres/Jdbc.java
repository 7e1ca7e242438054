package io.chatterbox.storage.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

/**
 * Plain JDBC on the cluster's PostgreSQL: each call takes a connection from the pool and, for writes, runs one
 * transaction on it. A failure is an unchecked exception, as with the embedded store: the message writer turns it into
 * {@code store_failed}, never an acknowledgement.
 */
final class Jdbc {

    /** Work on a connection. */
    interface Work<T> {
        T on(Connection connection) throws SQLException;
    }

    /** Reads one row's value. */
    interface Row<T> {
        T read(ResultSet row) throws SQLException;
    }

    private final DataSource database;

    Jdbc(DataSource database) {
        this.database = database;
    }

    /** Runs {@code work} in one transaction: committed when it returns, rolled back when it throws. */
    <T> T inTransaction(String what, Work<T> work) {
        try (Connection connection = database.getConnection()) {
            connection.setAutoCommit(false);
            try {
                T result = work.on(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw failed(what, e);
        }
    }

    /** Runs {@code work} with autocommit: a read, or a write of one statement. */
    <T> T autocommit(String what, Work<T> work) {
        try (Connection connection = database.getConnection()) {
            return work.on(connection);
        } catch (SQLException e) {
            throw failed(what, e);
        }
    }

    /** The rows of a prepared query whose parameters {@code bind} sets. */
    static <T> List<T> list(Connection connection, String sql, Binder bind, Row<T> row) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            bind.bind(statement);
            List<T> rows = new ArrayList<>();
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    rows.add(row.read(result));
                }
            }
            return rows;
        }
    }

    /** The first row of a prepared query, or null. */
    static <T> T first(Connection connection, String sql, Binder bind, Row<T> row) throws SQLException {
        List<T> rows = list(connection, sql, bind, row);
        return rows.isEmpty() ? null : rows.get(0);
    }

    /** Rows changed by a prepared statement. */
    static int update(Connection connection, String sql, Binder bind) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            bind.bind(statement);
            return statement.executeUpdate();
        }
    }

    /** Sets a statement's parameters. */
    interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }

    private static IllegalStateException failed(String what, SQLException e) {
        return new IllegalStateException("Could not " + what, e);
    }
}
