package io.chatterbox.storage.local;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What both blob stores do with files on this machine: directories and files only their owner can read (uploads are
 * private to a room), temporary files for uploads in progress, and the sweep of the ones a crash left behind. Where
 * the file system has no POSIX permissions, files get its defaults.
 */
public final class LocalFiles {

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final Set<PosixFilePermission> OWNER_DIRECTORY = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");

    private LocalFiles() {
    }

    /**
     * {@code sha256} if it is 64 lowercase hex digits, the only names a blob has. Checked before it becomes part of a
     * path or a key, so nothing a client sends can name another file.
     */
    public static String checkedSha256(String sha256) {
        if (sha256 == null || !SHA256.matcher(sha256).matches()) {
            throw new IllegalArgumentException("Not a SHA-256 in lowercase hex: " + (sha256 == null ? null
                    : sha256.length() > 80 ? sha256.substring(0, 80) + "…" : sha256));
        }
        return sha256;
    }

    /** Creates the directory (rwx------) unless it exists, its parents with the defaults. */
    public static Path privateDirectory(Path directory) throws IOException {
        if (Files.isDirectory(directory)) {
            return directory;
        }
        Files.createDirectories(directory.getParent());
        try {
            Files.createDirectory(directory, PosixFilePermissions.asFileAttribute(OWNER_DIRECTORY));
        } catch (UnsupportedOperationException notPosix) {
            Files.createDirectories(directory);
        } catch (FileAlreadyExistsException raced) {
            if (!Files.isDirectory(directory)) {
                throw raced;
            }
        }
        return directory;
    }

    /** A new empty directory (rwx------) under the system's temporary directory. */
    public static Path privateTemporaryDirectory(String prefix) throws IOException {
        try {
            return Files.createTempDirectory(prefix, PosixFilePermissions.asFileAttribute(OWNER_DIRECTORY));
        } catch (UnsupportedOperationException notPosix) {
            return Files.createTempDirectory(prefix);
        }
    }

    /** A new empty file (rw-------) in {@code directory}, for an upload in progress. */
    public static Path newTemporaryFile(Path directory) throws IOException {
        FileAttribute<Set<PosixFilePermission>> ownerOnly = PosixFilePermissions.asFileAttribute(OWNER_FILE);
        try {
            return Files.createTempFile(directory, "upload-", ".part", ownerOnly);
        } catch (UnsupportedOperationException notPosix) {
            return Files.createTempFile(directory, "upload-", ".part");
        }
    }

    /** Makes an existing file rw------- (a file another component wrote with the defaults, say). */
    public static void ownerOnly(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, OWNER_FILE);
        } catch (UnsupportedOperationException notPosix) {
            // the file system's defaults it is
        }
    }

    /** Deletes the regular files directly in {@code directory} last modified more than {@code maxAgeMillis} ago. */
    public static void deleteOlderThan(Path directory, long maxAgeMillis) throws IOException {
        long cutoff = System.currentTimeMillis() - maxAgeMillis;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory)) {
            for (Path file : files) {
                try {
                    if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)
                            && Files.getLastModifiedTime(file, LinkOption.NOFOLLOW_LINKS).toMillis() < cutoff) {
                        Files.deleteIfExists(file);
                    }
                } catch (NoSuchFileException gone) {
                    // finished (put or deleted) meanwhile
                }
            }
        } catch (NoSuchFileException noDirectory) {
            // nothing was ever uploaded here
        }
    }

    /** Checks a range of a blob of {@code size} bytes: within it, and neither part negative. */
    public static void checkRange(long size, long offset, long length) {
        if (offset < 0 || length < 0 || offset > size - length) {
            throw new IllegalArgumentException("Bytes " + offset + " to " + offset + "+" + length + " are not within a blob of "
                    + size + " bytes");
        }
    }

    /** At most {@code length} bytes of {@code in}; closing it closes {@code in}. */
    public static InputStream limited(InputStream in, long length) {
        return new InputStream() {
            private long left = length;

            @Override
            public int read() throws IOException {
                if (left <= 0) {
                    return -1;
                }
                int b = in.read();
                if (b >= 0) {
                    left--;
                }
                return b;
            }

            @Override
            public int read(byte[] buffer, int offset, int count) throws IOException {
                if (count == 0) {
                    return 0;
                }
                if (left <= 0) {
                    return -1;
                }
                int read = in.read(buffer, offset, (int) Math.min(count, left));
                if (read > 0) {
                    left -= read;
                }
                return read;
            }

            @Override
            public long skip(long n) throws IOException {
                long skipped = in.skip(Math.min(Math.max(n, 0), left));
                left -= skipped;
                return skipped;
            }

            @Override
            public int available() throws IOException {
                return (int) Math.min(in.available(), left);
            }

            @Override
            public void close() throws IOException {
                in.close();
            }
        };
    }
}
