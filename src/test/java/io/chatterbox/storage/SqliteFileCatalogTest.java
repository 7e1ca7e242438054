package io.chatterbox.storage;

import jakarta.inject.Inject;

import javax.sql.DataSource;

import io.chatterbox.files.FileCatalog;
import io.chatterbox.messages.MessageLog;
import io.quarkus.test.junit.QuarkusTest;

/** The file catalog contract on the embedded store, through the port as an embedded node wires it. */
@QuarkusTest
class SqliteFileCatalogTest extends FileCatalogContract {

    @Inject
    FileCatalog catalog;

    @Inject
    SqliteMessageLog messages;

    @Inject
    DataSource database;

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
        return database;
    }
}
