package io.chatterbox.storage.postgres;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Optional;

import javax.sql.DataSource;

import io.chatterbox.files.BlobStore;
import io.chatterbox.storage.local.LocalFiles;

/**
 * The cluster's {@link BlobStore}: blobs in PostgreSQL, so every node reads what any node kept, with nothing to set up
 * (GridFS-style, see docs/design/files-and-images.md §6). A blob is its chunks of {@value #CHUNK_SIZE} bytes in
 * {@code file_chunks}, written in one transaction whose last row, in {@code blobs}, marks it complete; a range is read
 * one chunk at a time, each its own short query, so memory stays within a chunk however large the blob and a download
 * holds no connection between chunks. Uploads in progress wait in a private temporary directory of this node.
 * <p>
 * Putting and deleting one blob take the same lock (an advisory transaction lock on its hash), and a delete leaves
 * alone a blob that a file not deleted still names: another node may have just listed a new upload of the same bytes,
 * and found the blob there a moment before this node's delete.
 */
public class PgBlobStore implements BlobStore {

    /** Bytes per chunk; every chunk of a blob but the last is this long. */
    public static final int CHUNK_SIZE = 512 * 1024;
    /** The first key of the per-blob advisory locks ("blob" in ASCII); the second is a hash of the blob's name. */
    static final int BLOB_LOCK = 0x626c6f62;

    private static final String LOCK = "SELECT pg_advisory_xact_lock(?, hashtext(?))";
    private static final String KEPT = "SELECT size, chunk_size FROM blobs WHERE sha256 = ?";
    private static final String INSERT_CHUNK = "INSERT INTO file_chunks (sha256, seq, data) VALUES (?, ?, ?)";
    private static final String INSERT_BLOB = """
            INSERT INTO blobs (sha256, size, chunk_size, created_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING""";
    private static final String REFERENCED = """
            SELECT 1 FROM files WHERE (sha256 = ? OR thumb_sha256 = ?) AND NOT deleted LIMIT 1""";
    private static final String DELETE_CHUNKS = "DELETE FROM file_chunks WHERE sha256 = ?";
    private static final String DELETE_BLOB = "DELETE FROM blobs WHERE sha256 = ?";
    /** Part of one chunk; with EXTERNAL storage PostgreSQL reads only the TOAST slices it covers. */
    private static final String READ_CHUNK = "SELECT substring(data from ? for ?) FROM file_chunks WHERE sha256 = ? AND seq = ?";

    private final DataSource database;
    private final Jdbc jdbc;
    private final Path temporary;

    public PgBlobStore(DataSource database) {
        this.database = database;
        this.jdbc = new Jdbc(database);
        try {
            this.temporary = LocalFiles.privateTemporaryDirectory("chatterbox-uploads-");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a directory for uploads in progress", e);
        }
        temporary.toFile().deleteOnExit();
    }

    @Override
    public Path newTemporaryFile() throws IOException {
        return LocalFiles.newTemporaryFile(temporary);
    }

    @Override
    public void put(String sha256, Path file) throws IOException {
        String sha = LocalFiles.checkedSha256(sha256);
        try {
            jdbc.inTransaction("store blob " + sha, connection -> {
                lock(connection, sha);
                if (kept(connection, sha) != null) {
                    return null;
                }
                // Chunks without their blobs row are never committed; should some be there anyway, start over.
                Jdbc.update(connection, DELETE_CHUNKS, statement -> statement.setString(1, sha));
                long size = insertChunks(connection, sha, file);
                Jdbc.update(connection, INSERT_BLOB, statement -> {
                    statement.setString(1, sha);
                    statement.setLong(2, size);
                    statement.setInt(3, CHUNK_SIZE);
                    statement.setLong(4, System.currentTimeMillis());
                });
                return null;
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** The file's bytes as chunks; returns how many bytes there were. */
    private static long insertChunks(Connection connection, String sha, Path file) throws SQLException {
        byte[] buffer = new byte[CHUNK_SIZE];
        long size = 0;
        try (InputStream in = Files.newInputStream(file);
                PreparedStatement insert = connection.prepareStatement(INSERT_CHUNK)) {
            for (int seq = 0;; seq++) {
                int read = in.readNBytes(buffer, 0, CHUNK_SIZE);
                if (read == 0) {
                    return size;
                }
                insert.setString(1, sha);
                insert.setInt(2, seq);
                insert.setBytes(3, read == CHUNK_SIZE ? buffer : Arrays.copyOf(buffer, read));
                insert.executeUpdate();
                size += read;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Optional<Blob> open(String sha256) {
        String sha = LocalFiles.checkedSha256(sha256);
        return Optional.ofNullable(jdbc.autocommit("read blob " + sha, connection -> kept(connection, sha)));
    }

    /** Forgets the blob unless a file not deleted names it (see the class comment). */
    @Override
    public void delete(String sha256) {
        String sha = LocalFiles.checkedSha256(sha256);
        jdbc.inTransaction("delete blob " + sha, connection -> {
            lock(connection, sha);
            boolean referenced = Jdbc.first(connection, REFERENCED, statement -> {
                statement.setString(1, sha);
                statement.setString(2, sha);
            }, row -> true) != null;
            if (!referenced) {
                Jdbc.update(connection, DELETE_CHUNKS, statement -> statement.setString(1, sha));
                Jdbc.update(connection, DELETE_BLOB, statement -> statement.setString(1, sha));
            }
            return null;
        });
    }

    @Override
    public void deleteStaleTemporaryFiles(long maxAgeMillis) throws IOException {
        LocalFiles.deleteOlderThan(temporary, maxAgeMillis);
    }

    /** Where this node keeps uploads in progress. */
    public Path temporaryDirectory() {
        return temporary;
    }

    private static void lock(Connection connection, String sha) throws SQLException {
        Jdbc.first(connection, LOCK, statement -> {
            statement.setInt(1, BLOB_LOCK);
            statement.setString(2, sha);
        }, row -> 1);
    }

    private ChunkedBlob kept(Connection connection, String sha) throws SQLException {
        return Jdbc.first(connection, KEPT, statement -> statement.setString(1, sha),
                row -> new ChunkedBlob(sha, row.getLong("size"), row.getInt("chunk_size")));
    }

    private final class ChunkedBlob implements Blob {

        private final String sha;
        private final long size;
        private final int chunkSize;

        ChunkedBlob(String sha, long size, int chunkSize) {
            this.sha = sha;
            this.size = size;
            this.chunkSize = chunkSize;
        }

        @Override
        public long size() {
            return size;
        }

        @Override
        public Optional<Path> localFile() {
            return Optional.empty();
        }

        @Override
        public InputStream read(long offset, long length) {
            LocalFiles.checkRange(size, offset, length);
            return new ChunkStream(sha, chunkSize, offset, offset + length);
        }
    }

    /** Bytes {@code position} to {@code end - 1} of a blob, fetched a chunk (or the part of one in range) at a time. */
    private final class ChunkStream extends InputStream {

        private final String sha;
        private final int chunkSize;
        private final long end;
        /** The next byte to return. */
        private long position;
        /** The bytes fetched last, from {@code bufferStart}; null when none are at hand. */
        private byte[] buffer;
        private long bufferStart;

        ChunkStream(String sha, int chunkSize, long start, long end) {
            this.sha = sha;
            this.chunkSize = chunkSize;
            this.position = start;
            this.end = end;
        }

        @Override
        public int read() throws IOException {
            if (!fill()) {
                return -1;
            }
            return buffer[(int) (position++ - bufferStart)] & 0xff;
        }

        @Override
        public int read(byte[] target, int offset, int count) throws IOException {
            java.util.Objects.checkFromIndexSize(offset, count, target.length);
            if (count == 0) {
                return 0;
            }
            if (!fill()) {
                return -1;
            }
            int at = (int) (position - bufferStart);
            int n = Math.min(count, buffer.length - at);
            System.arraycopy(buffer, at, target, offset, n);
            position += n;
            return n;
        }

        /** Skipping fetches nothing: the next read starts at the new position. */
        @Override
        public long skip(long n) {
            long skipped = Math.max(0, Math.min(n, end - position));
            position += skipped;
            return skipped;
        }

        @Override
        public int available() {
            return buffer == null ? 0 : (int) Math.max(0, Math.min(bufferStart + buffer.length, end) - position);
        }

        @Override
        public void close() {
            buffer = null;
            position = end;
        }

        /** Whether a byte is at hand at {@code position}, fetching its chunk when needed. */
        private boolean fill() throws IOException {
            if (position >= end) {
                return false;
            }
            if (buffer != null && position >= bufferStart && position < bufferStart + buffer.length) {
                return true;
            }
            int seq = Math.toIntExact(position / chunkSize);
            int from = (int) (position % chunkSize);
            int count = (int) Math.min(chunkSize - from, end - position);
            try (Connection connection = database.getConnection();
                    PreparedStatement statement = connection.prepareStatement(READ_CHUNK)) {
                statement.setInt(1, from + 1);
                statement.setInt(2, count);
                statement.setString(3, sha);
                statement.setInt(4, seq);
                try (ResultSet row = statement.executeQuery()) {
                    byte[] bytes = row.next() ? row.getBytes(1) : null;
                    if (bytes == null || bytes.length != count) {
                        throw new IOException("Blob " + sha + " has lost bytes " + position + " to " + (position + count - 1)
                                + " (deleted while it was read?)");
                    }
                    buffer = bytes;
                    bufferStart = position;
                    return true;
                }
            } catch (SQLException e) {
                throw new IOException("Could not read blob " + sha, e);
            }
        }
    }
}
