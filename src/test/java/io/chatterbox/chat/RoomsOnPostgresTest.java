package io.chatterbox.chat;

import io.chatterbox.support.ClusterProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** {@link RoomsTest}, with the node in cluster mode: its store of record is PostgreSQL. */
@QuarkusTest
@TestProfile(ClusterProfile.class)
class RoomsOnPostgresTest extends RoomsTest {
}
