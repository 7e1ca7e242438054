package io.chatterbox.files;

import java.util.List;
import java.util.Optional;

/**
 * Where uploads are listed: one row per upload, shared by every node. A message claims its files in the message
 * store's own transaction (so a message and its attachments are stored together or not at all); this port holds the
 * rest of a file's life.
 */
public interface FileCatalog {

    void insert(StoredFile file);

    /** The file, unless it was deleted. */
    Optional<StoredFile> find(String id);

    /** The files not deleted among {@code ids}, in no particular order. */
    List<StoredFile> findAll(List<String> ids);

    /** Bytes held by the user's files that are not deleted: what counts against the quota. */
    long usedBytes(String uploader);

    /** Deletes the files a message carried; returns them. */
    List<StoredFile> deleteAttachedTo(long messageId);

    /** Deletes the file if it is the uploader's and no message carries it; false otherwise. */
    boolean deleteUnattached(String id, String uploader);

    /** Deletes files no message claimed that were uploaded before {@code createdBefore}; returns them. */
    List<StoredFile> deleteUnclaimed(long createdBefore);

    /** Whether any file not deleted refers to the blob, as its bytes or as its thumbnail. */
    boolean references(String sha256);
}
