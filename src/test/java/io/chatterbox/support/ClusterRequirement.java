package io.chatterbox.support;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Assumptions;

/**
 * What the cluster tests need from the machine (PostgreSQL, Redis, HAProxy). Missing, the calling test is skipped
 * locally; in CI ({@code CHATTERBOX_REQUIRE_CLUSTER=true}) it fails, never skips silently.
 */
final class ClusterRequirement {

    static final String REQUIRE_CLUSTER = "CHATTERBOX_REQUIRE_CLUSTER";

    private ClusterRequirement() {
    }

    /** Skips or fails the calling test: {@code what} is missing. */
    static void missing(String what) {
        if (Boolean.parseBoolean(System.getenv(REQUIRE_CLUSTER))) {
            fail(what + "; " + REQUIRE_CLUSTER + "=true requires the cluster tests to run");
        }
        Assumptions.abort(what + "; cluster tests skipped");
    }

    /** The executable of a Debian package, or the calling test is skipped (failed in CI). */
    static Path executable(Path path, String debianPackage) {
        if (!Files.isExecutable(path)) {
            missing("No " + path + " (install it with: apt-get install -y " + debianPackage + ")");
        }
        return path;
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
