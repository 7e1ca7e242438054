package io.chatterbox.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.chatterbox.config.ChatterboxConfig;
import io.chatterbox.files.BlobStore;
import io.quarkus.test.junit.QuarkusTest;

/** The blob store contract on the embedded store, in the test profile's data directory, as an embedded node wires it. */
@QuarkusTest
class DirectoryBlobStoreTest extends BlobStoreContract {

    @Inject
    BlobStore blobs;

    @Inject
    ChatterboxConfig config;

    @Override
    BlobStore blobs() {
        return blobs;
    }

    private Path files() {
        return Path.of(config.dataDir()).toAbsolutePath().normalize().resolve("files");
    }

    @Override
    Path temporaryDirectory() {
        return files().resolve("tmp");
    }

    @Override
    long storedBytes(String sha256) throws Exception {
        Path blob = files().resolve(sha256.substring(0, 2)).resolve(sha256);
        return Files.exists(blob) ? Files.size(blob) : 0;
    }

    private static String permissions(Path path) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }

    @Test
    void aBlobIsAFileOfItsOwnerInTheDirectoryOfItsFirstTwoDigits() throws Exception {
        byte[] bytes = randomBytes(1000);
        String sha = put(bytes);

        Path file = blobs.open(sha).orElseThrow().localFile().orElseThrow();

        assertThat(file).isEqualTo(files().resolve(sha.substring(0, 2)).resolve(sha));
        assertThat(file).hasBinaryContent(bytes);
        assertThat(permissions(file)).isEqualTo("rw-------");
        assertThat(permissions(file.getParent())).isEqualTo("rwx------");
        assertThat(permissions(files())).isEqualTo("rwx------");
        assertThat(permissions(temporaryDirectory())).isEqualTo("rwx------");
    }

    /** The image pipeline writes its results next to the upload, with whatever permissions the process gives new files. */
    @Test
    void aFileWrittenWithOtherPermissionsIsKeptAsTheOwnersOnly() throws Exception {
        byte[] bytes = randomBytes(100);
        Path prepared = temporaryDirectory().resolve("prepared-" + System.nanoTime());
        Files.write(prepared, bytes);
        Files.setPosixFilePermissions(prepared, PosixFilePermissions.fromString("rw-r--r--"));
        String sha = sha256(bytes);

        blobs.put(sha, prepared);

        assertThat(prepared).doesNotExist();
        assertThat(permissions(blobs.open(sha).orElseThrow().localFile().orElseThrow())).isEqualTo("rw-------");
    }

    @Test
    void aFileFromElsewhereIsMovedIn(@org.junit.jupiter.api.io.TempDir Path elsewhere) throws Exception {
        byte[] bytes = randomBytes(100);
        Path file = Files.write(elsewhere.resolve("made-elsewhere"), bytes);
        String sha = sha256(bytes);

        blobs.put(sha, file);

        assertThat(file).doesNotExist();
        assertThat(blobs.open(sha).orElseThrow().localFile().orElseThrow()).hasBinaryContent(bytes);
    }
}
