package io.chatterbox.storage;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import io.chatterbox.files.FileCatalog;
import io.chatterbox.messages.MessageLog;
import io.chatterbox.storage.postgres.PgFileCatalog;
import io.chatterbox.storage.postgres.PgMessageLog;
import io.chatterbox.support.PostgresDatabase;

/** The file catalog contract on the cluster's store, in a database of its own. */
class PgFileCatalogTest extends FileCatalogContract {

    private static PostgresDatabase database;
    private static PgFileCatalog catalog;
    private static PgMessageLog messages;

    @BeforeAll
    static void createDatabase() {
        database = PostgresDatabase.migrated();
        catalog = new PgFileCatalog(database.dataSource());
        messages = new PgMessageLog(database.dataSource());
    }

    @AfterAll
    static void dropDatabase() {
        if (database != null) {
            database.close();
        }
    }

    @Override
    FileCatalog catalog() {
        return catalog;
    }

    @Override
    MessageLog messages() {
        return messages;
    }

    @Override
    DataSource dataSource() {
        return database.dataSource();
    }
}
