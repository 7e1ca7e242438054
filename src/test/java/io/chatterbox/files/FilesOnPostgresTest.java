package io.chatterbox.files;

import io.chatterbox.support.ClusterProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** {@link FilesTest}, with the node in cluster mode: files and their bytes are in PostgreSQL. */
@QuarkusTest
@TestProfile(ClusterProfile.class)
class FilesOnPostgresTest extends FilesTest {
}
