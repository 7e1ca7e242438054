package io.chatterbox.files;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the bytes of uploads live, named by their SHA-256 so identical uploads are kept once. An upload is first
 * written to a temporary file of the store's choosing, checked, then {@linkplain #put put}: nothing unchecked or half
 * written is ever readable under a hash.
 */
public interface BlobStore {

    /** A new, empty temporary file for an upload in progress (owner-only), to be put or deleted. */
    Path newTemporaryFile() throws IOException;

    /**
     * Keeps {@code file}'s bytes under {@code sha256}, which the caller computed from them, and consumes the file
     * (moved or deleted). Storing bytes that are already kept changes nothing.
     */
    void put(String sha256, Path file) throws IOException;

    /** The blob, when it is kept. */
    Optional<Blob> open(String sha256) throws IOException;

    /** Forgets the blob; nothing happens when it is not kept. */
    void delete(String sha256) throws IOException;

    /** Deletes temporary files older than {@code maxAgeMillis}: what an upload cut by a crash left behind. */
    void deleteStaleTemporaryFiles(long maxAgeMillis) throws IOException;

    /** A kept blob: its size, a local file when it has one (sent without copying), and a reader of any byte range. */
    interface Blob {

        long size();

        Optional<Path> localFile();

        /** Bytes {@code offset} to {@code offset + length - 1}. */
        InputStream read(long offset, long length) throws IOException;
    }
}
