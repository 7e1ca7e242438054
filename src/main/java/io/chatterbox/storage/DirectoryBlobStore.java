package io.chatterbox.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;

import io.chatterbox.config.ChatterboxConfig;
import io.chatterbox.files.BlobStore;
import io.chatterbox.storage.local.LocalFiles;

/**
 * The embedded {@link BlobStore}: one file per blob in the data directory, {@code files/<first two hex digits>/<sha256>},
 * readable by the owner only. Uploads in progress are written to {@code files/tmp/}, on the same file system, so a
 * checked upload becomes a blob with one atomic rename: a reader sees all of its bytes or no blob at all. Bytes are on
 * disk before the rename (the database row naming them is already committed when a blob is put).
 */
@ApplicationScoped
@Typed(DirectoryBlobStore.class)
public class DirectoryBlobStore implements BlobStore {

    private final Path root;
    private final Path temporary;

    @Inject
    DirectoryBlobStore(ChatterboxConfig config) {
        this(Path.of(config.dataDir()).toAbsolutePath().normalize().resolve("files"));
    }

    DirectoryBlobStore(Path root) {
        this.root = root;
        this.temporary = root.resolve("tmp");
        try {
            LocalFiles.privateDirectory(root);
            LocalFiles.privateDirectory(temporary);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("Cannot create the file store in " + root, e);
        }
    }

    @Override
    public Path newTemporaryFile() throws IOException {
        return LocalFiles.newTemporaryFile(LocalFiles.privateDirectory(temporary));
    }

    /**
     * Moves {@code file} into place, or deletes it when the blob is already kept. Two puts of the same bytes racing
     * past that check both rename; the second replaces the first with the same bytes, and readers holding the first
     * keep reading it.
     */
    @Override
    public void put(String sha256, Path file) throws IOException {
        Path target = pathOf(sha256);
        Path copy = null;
        try {
            if (Files.exists(target)) {
                return;
            }
            Path directory = LocalFiles.privateDirectory(target.getParent());
            LocalFiles.ownerOnly(file);
            Path source = file;
            try {
                force(source);
                Files.move(source, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException elsewhere) {
                // A file from another file system: copy it next to the store first, so the last step is still a rename.
                copy = LocalFiles.newTemporaryFile(temporary);
                Files.copy(file, copy, StandardCopyOption.REPLACE_EXISTING);
                force(copy);
                Files.move(copy, target, StandardCopyOption.ATOMIC_MOVE);
            }
            force(directory);
        } finally {
            Files.deleteIfExists(file);
            if (copy != null) {
                Files.deleteIfExists(copy);
            }
        }
    }

    @Override
    public Optional<Blob> open(String sha256) throws IOException {
        Path path = pathOf(sha256);
        try {
            long size = Files.size(path);
            return Optional.of(new FileBlob(path, size));
        } catch (NoSuchFileException notKept) {
            return Optional.empty();
        }
    }

    @Override
    public void delete(String sha256) throws IOException {
        Files.deleteIfExists(pathOf(sha256));
    }

    @Override
    public void deleteStaleTemporaryFiles(long maxAgeMillis) throws IOException {
        LocalFiles.deleteOlderThan(temporary, maxAgeMillis);
    }

    /** Where the blob lives; the name is checked first, so it can only ever be a file of the store. */
    Path pathOf(String sha256) {
        String name = LocalFiles.checkedSha256(sha256);
        return root.resolve(name.substring(0, 2)).resolve(name);
    }

    /** Written through to the disk (a file's bytes, or a directory's entries), as far as the platform allows. */
    private static void force(Path path) throws IOException {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            if (!Files.isDirectory(path)) {
                throw e;
            }
            // some platforms cannot open a directory; the rename itself is still atomic
        }
    }

    private record FileBlob(Path path, long size) implements Blob {

        @Override
        public Optional<Path> localFile() {
            return Optional.of(path);
        }

        @Override
        public InputStream read(long offset, long length) throws IOException {
            LocalFiles.checkRange(size, offset, length);
            FileChannel channel = FileChannel.open(path, StandardOpenOption.READ);
            try {
                channel.position(offset);
            } catch (IOException | RuntimeException e) {
                channel.close();
                throw e;
            }
            return LocalFiles.limited(Channels.newInputStream(channel), length);
        }
    }
}
