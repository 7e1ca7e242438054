package io.chatterbox.support;

import java.net.URI;

import org.junit.jupiter.api.AfterEach;

import io.quarkus.test.common.http.TestHTTPResource;

/** For socket tests: the server's base URI, and the sockets a test opened, closed after each test. */
public abstract class SocketTestBase {

    @TestHTTPResource("/")
    protected URI base;

    protected final OpenSockets sockets = new OpenSockets();

    @AfterEach
    void closeSockets() {
        sockets.closeAll();
    }
}
