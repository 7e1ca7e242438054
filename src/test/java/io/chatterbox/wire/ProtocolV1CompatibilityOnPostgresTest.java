package io.chatterbox.wire;

import io.chatterbox.support.ClusterProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** {@link ProtocolV1CompatibilityTest}, with the node in cluster mode: its store of record is PostgreSQL. */
@QuarkusTest
@TestProfile(ClusterProfile.class)
class ProtocolV1CompatibilityOnPostgresTest extends ProtocolV1CompatibilityTest {
}
