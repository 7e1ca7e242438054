package io.chatterbox.socket;

import org.jboss.logging.Logger;

import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.WebSocketConnection;

/** The close codes Chatterbox uses (RFC 6455 §7.4.1), and a close that never throws at its caller. */
final class Close {

    static final int GOING_AWAY = 1001;
    static final int UNSUPPORTED_DATA = 1003;
    static final int POLICY_VIOLATION = 1008;
    static final int MESSAGE_TOO_BIG = 1009;

    private static final Logger LOG = Logger.getLogger(Close.class);

    private Close() {
    }

    static void close(WebSocketConnection connection, int code, String reason) {
        if (connection.isClosed()) {
            return; // closing twice only makes websockets-next log a warning
        }
        connection.close(new CloseReason(code, reason)).subscribe().with(
                closed -> {
                },
                failure -> LOG.debugf("Closing connection %s failed: %s", connection.id(), failure));
    }
}
