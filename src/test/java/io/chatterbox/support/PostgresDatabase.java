package io.chatterbox.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A throwaway database on the machine's PostgreSQL (127.0.0.1:5432, user postgres, trust), created under a random
 * name and dropped on {@link #close}, so runs never see each other's rows.
 */
public final class PostgresDatabase implements AutoCloseable {

    private static final String SERVER = System.getenv().getOrDefault("CHATTERBOX_TEST_POSTGRES", "jdbc:postgresql://127.0.0.1:5432/");
    private static final String USER = "postgres";

    private final String name;

    private PostgresDatabase(String name) {
        this.name = name;
    }

    /** A new empty database; skips (or fails, when required) the calling test if PostgreSQL is not there. */
    public static PostgresDatabase create() {
        String name = "chatterbox_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection admin = DriverManager.getConnection(SERVER + "postgres", USER, null);
                Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            ClusterRequirement.missing("No PostgreSQL at " + SERVER + " (" + e.getMessage()
                    + "; install it with: apt-get install -y postgresql)");
        }
        return new PostgresDatabase(name);
    }

    /** A new database with Chatterbox's cluster schema, migrated as a node would at start. */
    public static PostgresDatabase migrated() {
        PostgresDatabase database = create();
        Flyway.configure().dataSource(database.url(), USER, null).locations("classpath:db/postgresql")
                .baselineOnMigrate(true).baselineVersion("0").load().migrate();
        return database;
    }

    public String url() {
        return SERVER + name;
    }

    public String username() {
        return USER;
    }

    public DataSource dataSource() {
        PGSimpleDataSource source = new PGSimpleDataSource();
        source.setUrl(url());
        source.setUser(USER);
        return source;
    }

    /** Drops the database, closing whatever connections are still open to it. */
    @Override
    public void close() {
        try (Connection admin = DriverManager.getConnection(SERVER + "postgres", USER, null);
                Statement statement = admin.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        } catch (SQLException e) {
            throw new IllegalStateException("Could not drop the test database " + name, e);
        }
    }
}
