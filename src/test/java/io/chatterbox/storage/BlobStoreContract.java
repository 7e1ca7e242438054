package io.chatterbox.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.chatterbox.files.BlobStore;
import io.chatterbox.storage.postgres.PgBlobStore;

/**
 * What every {@link BlobStore} promises, on the embedded directory and on the cluster's PostgreSQL alike. Blobs are
 * random bytes, so no two tests (or runs) share one. Ranges are checked around the PostgreSQL store's chunk
 * boundaries, where a reader has to step from one chunk to the next.
 */
abstract class BlobStoreContract {

    static final int CHUNK = PgBlobStore.CHUNK_SIZE;

    abstract BlobStore blobs();

    /** Where the store keeps uploads in progress. */
    abstract Path temporaryDirectory();

    /** How many bytes the store holds for the blob, however it keeps them. */
    abstract long storedBytes(String sha256) throws Exception;

    static byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        new Random(ThreadLocalRandom.current().nextLong()).nextBytes(bytes);
        return bytes;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An upload: a temporary file of the store's, with these bytes. */
    Path upload(byte[] bytes) throws IOException {
        Path file = blobs().newTemporaryFile();
        Files.write(file, bytes);
        return file;
    }

    String put(byte[] bytes) throws IOException {
        String sha = sha256(bytes);
        Path file = upload(bytes);
        blobs().put(sha, file);
        assertThat(file).as("the upload, consumed").doesNotExist();
        return sha;
    }

    static byte[] read(BlobStore.Blob blob, long offset, long length) throws IOException {
        try (InputStream in = blob.read(offset, length)) {
            return in.readAllBytes();
        }
    }

    @Test
    void aBlobPutIsReadBackWholeAndByAnyRange() throws IOException {
        byte[] bytes = randomBytes(2 * CHUNK + 12345); // three chunks, the last one short
        String sha = put(bytes);

        BlobStore.Blob blob = blobs().open(sha).orElseThrow();

        assertThat(blob.size()).isEqualTo(bytes.length);
        assertThat(read(blob, 0, bytes.length)).isEqualTo(bytes);
        assertThat(read(blob, 0, 1)).containsExactly(bytes[0]);
        assertThat(read(blob, bytes.length - 1, 1)).containsExactly(bytes[bytes.length - 1]);
        assertThat(read(blob, CHUNK - 5, 10)).as("across the first boundary")
                .isEqualTo(Arrays.copyOfRange(bytes, CHUNK - 5, CHUNK + 5));
        assertThat(read(blob, CHUNK, CHUNK)).as("exactly the second chunk")
                .isEqualTo(Arrays.copyOfRange(bytes, CHUNK, 2 * CHUNK));
        assertThat(read(blob, 100, 2L * CHUNK)).as("over three chunks")
                .isEqualTo(Arrays.copyOfRange(bytes, 100, 2 * CHUNK + 100));
        assertThat(read(blob, 2L * CHUNK + 7, bytes.length - (2L * CHUNK + 7))).as("the tail of the last chunk")
                .isEqualTo(Arrays.copyOfRange(bytes, 2 * CHUNK + 7, bytes.length));
        assertThat(read(blob, 1000, 0)).isEmpty();
        assertThat(read(blob, bytes.length, 0)).isEmpty();
    }

    @Test
    void aSmallBlobIsReadBack() throws IOException {
        byte[] bytes = { 1, 2, 3 };
        BlobStore.Blob blob = blobs().open(put(bytes)).orElseThrow();

        assertThat(blob.size()).isEqualTo(3);
        assertThat(read(blob, 0, 3)).containsExactly(1, 2, 3);
        assertThat(read(blob, 1, 1)).containsExactly(2);
    }

    @Test
    void aRangeReadsByteByByteInSmallPiecesAndSkipping() throws IOException {
        byte[] bytes = randomBytes(CHUNK + 1000);
        BlobStore.Blob blob = blobs().open(put(bytes)).orElseThrow();

        try (InputStream in = blob.read(CHUNK - 3, 6)) {
            for (int i = CHUNK - 3; i < CHUNK + 3; i++) {
                assertThat(in.read()).isEqualTo(bytes[i] & 0xff);
            }
            assertThat(in.read()).isEqualTo(-1);
        }
        try (InputStream in = blob.read(10, CHUNK + 900)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] piece = new byte[7777];
            for (int read; (read = in.read(piece, 0, piece.length)) > 0;) {
                out.write(piece, 0, read);
            }
            assertThat(out.toByteArray()).isEqualTo(Arrays.copyOfRange(bytes, 10, CHUNK + 910));
        }
        try (InputStream in = blob.read(0, CHUNK + 1000)) {
            assertThat(in.read()).isEqualTo(bytes[0] & 0xff);
            assertThat(in.skip(CHUNK)).isEqualTo(CHUNK);
            assertThat(in.read()).isEqualTo(bytes[CHUNK + 1] & 0xff);
            assertThat(in.skip(10_000)).isEqualTo(1000 - 2);
            assertThat(in.read()).isEqualTo(-1);
        }
    }

    @Test
    void aRangeOutsideTheBlobIsRefused() throws IOException {
        BlobStore.Blob blob = blobs().open(put(randomBytes(100))).orElseThrow();

        assertThatThrownBy(() -> blob.read(-1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> blob.read(0, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> blob.read(99, 2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> blob.read(101, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> blob.read(1, Long.MAX_VALUE)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void puttingKeptBytesAgainKeepsOneCopyAndLeavesNoTemporaryFile() throws Exception {
        byte[] bytes = randomBytes(CHUNK + 10);
        String sha = put(bytes);
        Path again = upload(bytes);

        blobs().put(sha, again);

        assertThat(again).doesNotExist();
        assertThat(storedBytes(sha)).isEqualTo(bytes.length);
        assertThat(read(blobs().open(sha).orElseThrow(), 0, bytes.length)).isEqualTo(bytes);
    }

    @Test
    void aDeletedBlobIsGoneAndDeletingItAgainChangesNothing() throws Exception {
        byte[] bytes = randomBytes(CHUNK + 10);
        String sha = put(bytes);
        String other = put(randomBytes(10));

        blobs().delete(sha);

        assertThat(blobs().open(sha)).isEmpty();
        assertThat(storedBytes(sha)).isZero();
        blobs().delete(sha);
        assertThat(blobs().open(other)).isPresent();
    }

    @Test
    void aBlobNeverPutIsNotThere() throws IOException {
        assertThat(blobs().open(sha256(randomBytes(16)))).isEmpty();
    }

    @Test
    void onlySha256NamesInLowercaseHexAreAccepted() throws IOException {
        String sha = sha256(randomBytes(16));
        for (String name : new String[] { "../../../etc/passwd", sha.toUpperCase(), sha.substring(1), sha + "0",
                "tmp", sha.substring(0, 63) + "/", "" }) {
            assertThatThrownBy(() -> blobs().open(name)).as(name).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> blobs().delete(name)).as(name).isInstanceOf(IllegalArgumentException.class);
            Path file = upload(new byte[] { 1 });
            assertThatThrownBy(() -> blobs().put(name, file)).as(name).isInstanceOf(IllegalArgumentException.class);
            Files.deleteIfExists(file);
        }
    }

    @Test
    void temporaryFilesAreTheOwnersOnly() throws IOException {
        Path file = blobs().newTemporaryFile();
        try {
            assertThat(file.getParent()).isEqualTo(temporaryDirectory());
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(temporaryDirectory())))
                    .isEqualTo("rwx------");
            assertThat(Files.size(file)).isZero();
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @Test
    void staleTemporaryFilesAreDeletedAndFreshOnesKept() throws IOException {
        Path stale = upload(new byte[] { 1 });
        Path fresh = upload(new byte[] { 2 });
        Files.setLastModifiedTime(stale, FileTime.fromMillis(System.currentTimeMillis() - TimeUnit.HOURS.toMillis(2)));
        try {
            blobs().deleteStaleTemporaryFiles(TimeUnit.HOURS.toMillis(1));

            assertThat(stale).doesNotExist();
            assertThat(fresh).exists();
        } finally {
            Files.deleteIfExists(stale);
            Files.deleteIfExists(fresh);
        }
    }
}
