package io.chatterbox.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.chatterbox.files.BlobStore;
import io.chatterbox.files.StoredFile;
import io.chatterbox.storage.postgres.PgBlobStore;
import io.chatterbox.storage.postgres.PgFileCatalog;
import io.chatterbox.support.PostgresDatabase;

/**
 * The blob store contract on the cluster's store, in a database of its own; plus what only chunks in a shared database
 * must show: a range costs only the chunks it covers, and nodes putting and deleting the same bytes at once lose none.
 */
class PgBlobStoreTest extends BlobStoreContract {

    private static PostgresDatabase database;
    private static PgBlobStore blobs;
    /** Connections taken by {@link #counted}. */
    private static final AtomicInteger CONNECTIONS = new AtomicInteger();
    private static PgBlobStore counted;

    @BeforeAll
    static void createDatabase() {
        database = PostgresDatabase.migrated();
        blobs = new PgBlobStore(database.dataSource());
        counted = new PgBlobStore(counting(database.dataSource()));
    }

    @AfterAll
    static void dropDatabase() {
        if (database != null) {
            database.close();
        }
    }

    @Override
    BlobStore blobs() {
        return blobs;
    }

    @Override
    Path temporaryDirectory() {
        return blobs.temporaryDirectory();
    }

    @Override
    long storedBytes(String sha256) throws Exception {
        return number("SELECT COALESCE(SUM(length(data)), 0) FROM file_chunks WHERE sha256 = ?", sha256);
    }

    private static long number(String sql, String parameter) throws Exception {
        try (Connection connection = database.dataSource().getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, parameter);
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    /** The datasource, counting the connections taken from it. */
    private static DataSource counting(DataSource source) {
        return (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(), new Class<?>[] { DataSource.class },
                (proxy, method, arguments) -> {
                    if (method.getName().equals("getConnection")) {
                        CONNECTIONS.incrementAndGet();
                    }
                    try {
                        return method.invoke(source, arguments);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    @Test
    void aBlobHasNoLocalFileAndIsKeptAsFullChunksButTheLast() throws Exception {
        byte[] bytes = randomBytes(2 * CHUNK + 1);
        String sha = put(bytes);

        assertThat(blobs.open(sha).orElseThrow().localFile()).isEmpty();
        assertThat(number("SELECT count(*) FROM file_chunks WHERE sha256 = ?", sha)).isEqualTo(3);
        assertThat(number("SELECT length(data) FROM file_chunks WHERE sha256 = ? AND seq = 1", sha)).isEqualTo(CHUNK);
        assertThat(number("SELECT length(data) FROM file_chunks WHERE sha256 = ? AND seq = 2", sha)).isEqualTo(1);
        assertThat(number("SELECT count(*) FROM blobs WHERE sha256 = ?", sha)).isEqualTo(1);
        assertThat(number("SELECT count(*) FROM pg_attribute WHERE attrelid = 'file_chunks'::regclass "
                + "AND attname = 'data' AND attstorage = ?", "e")).as("data stored EXTERNAL, uncompressed").isEqualTo(1);
    }

    @Test
    void aRangeFetchesOnlyTheChunksItCoversOneAtATime() throws Exception {
        byte[] bytes = randomBytes(3 * CHUNK);
        String sha = put(bytes);
        BlobStore.Blob blob = counted.open(sha).orElseThrow();

        CONNECTIONS.set(0);
        assertThat(read(blob, CHUNK - 5, 10)).hasSize(10);
        assertThat(CONNECTIONS.get()).as("two chunks, one query each").isEqualTo(2);

        CONNECTIONS.set(0);
        assertThat(read(blob, 3L * CHUNK - 1, 1)).containsExactly(bytes[3 * CHUNK - 1]);
        assertThat(CONNECTIONS.get()).isEqualTo(1);

        CONNECTIONS.set(0);
        try (var in = blob.read(0, 3L * CHUNK)) {
            assertThat(in.readNBytes(10)).hasSize(10);
            assertThat(CONNECTIONS.get()).as("nothing fetched ahead").isEqualTo(1);
        }
    }

    @Test
    void nodesPuttingTheSameBytesAtOnceAllSucceedWithOneCopy() throws Exception {
        byte[] bytes = randomBytes(CHUNK + 100);
        String sha = sha256(bytes);
        List<PgBlobStore> nodes = List.of(new PgBlobStore(database.dataSource()), new PgBlobStore(database.dataSource()),
                new PgBlobStore(database.dataSource()));
        List<java.nio.file.Path> uploads = new ArrayList<>();
        for (PgBlobStore node : nodes) {
            java.nio.file.Path file = node.newTemporaryFile();
            java.nio.file.Files.write(file, bytes);
            uploads.add(file);
        }
        ExecutorService threads = Executors.newFixedThreadPool(nodes.size());
        try {
            List<Future<Object>> puts = new ArrayList<>();
            for (int i = 0; i < nodes.size(); i++) {
                PgBlobStore node = nodes.get(i);
                java.nio.file.Path file = uploads.get(i);
                puts.add(threads.submit((Callable<Object>) () -> {
                    node.put(sha, file);
                    return null;
                }));
            }
            for (Future<Object> put : puts) {
                put.get();
            }
        } finally {
            threads.shutdownNow();
        }

        assertThat(uploads).allSatisfy(file -> assertThat(file).doesNotExist());
        assertThat(storedBytes(sha)).isEqualTo(bytes.length);
        assertThat(read(blobs.open(sha).orElseThrow(), 0, bytes.length)).isEqualTo(bytes);
    }

    /**
     * One node lists a new upload of bytes another node is forgetting (it found no file naming them a moment before):
     * the delete, which takes the blob's lock and looks again, leaves the blob.
     */
    @Test
    void aBlobAFileStillNamesOutlivesADelete() throws Exception {
        byte[] bytes = randomBytes(100);
        String sha = put(bytes);
        PgFileCatalog catalog = new PgFileCatalog(database.dataSource());
        StoredFile file = new StoredFile(FileCatalogContract.unique("f"), "general", "ann", "a.bin",
                "application/octet-stream", bytes.length, sha, null, null, null, null, null, System.currentTimeMillis());
        catalog.insert(file);

        blobs.delete(sha);
        assertThat(blobs.open(sha)).isPresent();

        assertThat(catalog.deleteUnattached(file.id(), "ann")).isTrue();
        blobs.delete(sha);
        assertThat(blobs.open(sha)).isEmpty();
        assertThat(storedBytes(sha)).isZero();
    }

    @Test
    void eachNodeHasATemporaryDirectoryOfItsOwn() {
        PgBlobStore other = new PgBlobStore(database.dataSource());

        assertThat(other.temporaryDirectory()).isNotEqualTo(blobs.temporaryDirectory());
    }
}
