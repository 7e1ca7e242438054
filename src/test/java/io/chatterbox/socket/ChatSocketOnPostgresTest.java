package io.chatterbox.socket;

import io.chatterbox.support.ClusterProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** {@link ChatSocketTest}, with the node in cluster mode: its store of record is PostgreSQL. */
@QuarkusTest
@TestProfile(ClusterProfile.class)
class ChatSocketOnPostgresTest extends ChatSocketTest {
}
