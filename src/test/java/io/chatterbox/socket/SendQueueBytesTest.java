package io.chatterbox.socket;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * The stalled reader of {@link SlowConsumerTest}, against the limit in bytes: the frame limit is out of reach, so
 * only the bytes waiting for the socket can cut it off. Without that limit the server would keep buffering for it.
 */
@QuarkusTest
@TestProfile(SendQueueBytesTest.SmallByteQueue.class)
class SendQueueBytesTest extends SlowConsumerTest {

    public static class SmallByteQueue implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("chatterbox.limits.send-queue-frames", "1000000", "chatterbox.limits.send-queue-bytes", "262144",
                    "chatterbox.store.max-batch-size", "32", "quarkus.http.idle-timeout", "3s");
        }
    }
}
