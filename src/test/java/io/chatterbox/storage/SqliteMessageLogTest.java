package io.chatterbox.storage;

import jakarta.inject.Inject;

import io.chatterbox.messages.MessageLog;
import io.quarkus.test.junit.QuarkusTest;

/** The message log contract on the embedded store: the SQLite file of the test profile. */
@QuarkusTest
class SqliteMessageLogTest extends MessageLogContract {

    @Inject
    SqliteMessageLog log;

    @Override
    MessageLog log() {
        return log;
    }
}
