package io.chatterbox.files;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.chatterbox.config.ChatterboxConfig;
import io.chatterbox.core.ChatException;
import io.chatterbox.core.ErrorCode;
import io.chatterbox.limits.RateLimit;
import io.chatterbox.limits.RateLimits;
import io.chatterbox.rooms.RoomDirectory;

/**
 * Files in conversations, from upload to deletion. An upload is admitted before its body is read (membership, rate,
 * uploads in progress, size and quota, with the bytes of uploads in progress reserved so parallel ones cannot overshoot
 * it), then checked by its bytes: images are prepared by the {@link MediaPipeline}, everything else is kept as it came
 * and only ever downloaded. A message carries the files its sender uploaded to its room; deleting the message deletes
 * them, and a blob goes once no file refers to it. Who may read a file is decided on every request: the room's members.
 */
@ApplicationScoped
public class FileService {

    private static final Logger LOG = Logger.getLogger(FileService.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Multipart framing around the file: boundaries and part headers. */
    static final long MULTIPART_OVERHEAD = 16 * 1024;

    private final FileCatalog catalog;
    private final BlobStore blobs;
    private final MediaPipeline media;
    private final RoomDirectory rooms;
    private final RateLimit uploadRate;
    private final ChatterboxConfig.Files config;
    private final long maxFileSize;
    private final long quota;
    /** Uploads in progress on this node, per user: how many and how many bytes they may still bring. */
    private final Map<String, InProgress> inProgress = new ConcurrentHashMap<>();
    /** Orders keeping a blob (new file row, then bytes) against forgetting one, so neither undoes the other. */
    private final Object blobLock = new Object();

    private record InProgress(int uploads, long reservedBytes) {
    }

    public FileService(FileCatalog catalog, BlobStore blobs, MediaPipeline media, RoomDirectory rooms, RateLimits limits,
            ChatterboxConfig config) {
        this.catalog = catalog;
        this.blobs = blobs;
        this.media = media;
        this.rooms = rooms;
        this.config = config.files();
        this.maxFileSize = this.config.maxFileSize().asLongValue();
        this.quota = this.config.quotaPerUser().asLongValue();
        int perMinute = this.config.uploadsPerMinute();
        this.uploadRate = limits.perSecond("uploads", perMinute / 60.0, perMinute);
    }

    /** What the page checks before it sends a byte. */
    public record Limits(long maxFileSize, int filesPerMessage, long quota, long used) {
    }

    public Limits limits(String username) {
        return new Limits(maxFileSize, config.filesPerMessage(), quota, catalog.usedBytes(username));
    }

    /**
     * Admits an upload to the room, or refuses it before its body is read. {@code declaredLength} is the request's
     * Content-Length (multipart framing included), or -1 when it has none. Reads the catalog: call off event loops.
     * The upload must end with {@link #complete} or {@link Upload#close}.
     */
    public Upload begin(String username, String room, long declaredLength) {
        rooms.membership(username, room);
        if (declaredLength > maxFileSize + MULTIPART_OVERHEAD) {
            throw tooLarge();
        }
        uploadRate.spend(username, "You are uploading too many files");
        long used = catalog.usedBytes(username);
        long[] allowed = new long[1];
        boolean[] boundByQuota = new boolean[1];
        inProgress.compute(username, (user, current) -> {
            InProgress now = current == null ? new InProgress(0, 0) : current;
            if (now.uploads() >= config.concurrentUploadsPerUser()) {
                throw new ChatException(ErrorCode.RATE_LIMITED, "You have " + now.uploads()
                        + " uploads in progress; wait for one to finish");
            }
            long left = quota - used - now.reservedBytes();
            if (left <= 0 || declaredLength - MULTIPART_OVERHEAD > left) {
                throw new ChatException(ErrorCode.QUOTA_EXCEEDED, "The file does not fit in what is left of your "
                        + megabytes(quota) + " of storage; delete messages with files to make room");
            }
            // A declared length bounds the file (it includes the multipart framing), so only that much is reserved.
            long wanted = Math.min(maxFileSize, declaredLength < 0 ? Long.MAX_VALUE : declaredLength);
            allowed[0] = Math.min(wanted, left);
            boundByQuota[0] = left < wanted;
            return new InProgress(now.uploads() + 1, now.reservedBytes() + allowed[0]);
        });
        Upload upload = new Upload(username, room, allowed[0], boundByQuota[0]);
        try {
            upload.file = blobs.newTemporaryFile();
        } catch (IOException | RuntimeException e) {
            upload.close();
            throw new UncheckedIOException(new IOException("Cannot create a file for an upload", e));
        }
        return upload;
    }

    /** The refusal for a file over the size limit (or over what the user's quota has left). */
    public ChatException tooLarge(Upload upload) {
        return upload.boundByQuota ? new ChatException(ErrorCode.QUOTA_EXCEEDED,
                "The file does not fit in what is left of your " + megabytes(quota) + " of storage") : tooLarge();
    }

    private ChatException tooLarge() {
        return new ChatException(ErrorCode.FILE_TOO_LARGE, "Files may be at most " + megabytes(maxFileSize));
    }

    /**
     * Checks and keeps the upload's bytes under the (sanitised) name the client gave, and lists the file. Blocking
     * (hashing, decoding): call on a worker. The upload is closed however this ends.
     */
    public StoredFile complete(Upload upload, String clientName) {
        List<Path> work = new ArrayList<>(List.of(upload.file));
        try {
            long size = Files.size(upload.file);
            if (size == 0) {
                throw new ChatException(ErrorCode.INVALID_FILE, "The file is empty");
            }
            if (size > upload.maxBytes) {
                throw tooLarge(upload);
            }
            String type = sniff(upload.file);
            String name = FileNames.sanitize(clientName, type);
            Path kept = upload.file;
            Integer width = null;
            Integer height = null;
            String thumbSha = null;
            String thumbType = null;
            Path thumbnail = null;
            if (MediaTypes.isImage(type)) {
                MediaPipeline.PreparedImage image = media.prepare(upload.file, type, upload.file.getParent());
                work.add(image.file());
                kept = image.file();
                width = image.width();
                height = image.height();
                if (!image.type().equals(type)) {
                    name = withExtension(name, MediaTypes.extension(image.type()));
                    type = image.type();
                }
                if (image.thumbnail() != null) {
                    work.add(image.thumbnail());
                }
                // A thumbnail no smaller than the image (a screenshot as JPEG, say) saves no one anything.
                if (image.thumbnail() != null && Files.size(image.thumbnail()) < Files.size(image.file())) {
                    thumbnail = image.thumbnail();
                    thumbSha = sha256(thumbnail);
                    thumbType = image.thumbnailType();
                }
                size = Files.size(kept);
            }
            if (catalog.usedBytes(upload.username) + size > quota) {
                throw new ChatException(ErrorCode.QUOTA_EXCEEDED, "The file does not fit in what is left of your "
                        + megabytes(quota) + " of storage");
            }
            StoredFile file = new StoredFile(newId(), upload.room, upload.username, name, type, size, sha256(kept), width,
                    height, thumbSha, thumbType, null, System.currentTimeMillis());
            synchronized (blobLock) {
                catalog.insert(file); // first, so a blob it shares is never forgotten in between
                blobs.put(file.sha256(), kept);
                if (thumbnail != null) {
                    blobs.put(thumbSha, thumbnail);
                }
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            work.forEach(FileService::deleteQuietly);
            upload.close();
        }
    }

    /** The file, if {@code username} may read it: a member of its room. Anyone else learns nothing, not even that it exists. */
    public StoredFile readable(String username, String fileId) {
        return catalog.find(fileId).filter(file -> rooms.isMember(username, file.room()))
                .orElseThrow(() -> new ChatException(ErrorCode.UNKNOWN_FILE, "There is no such file"));
    }

    /** Those of the files the user may read, in no particular order (a page asking for links to what it shows). */
    public List<StoredFile> readableAmong(String username, List<String> ids) {
        return catalog.findAll(ids).stream().filter(file -> rooms.isMember(username, file.room())).toList();
    }

    /** The bytes kept under a hash: a file's, or its thumbnail's. */
    public Optional<BlobStore.Blob> bytes(String sha256) {
        try {
            return blobs.open(sha256);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes an upload of the user's that no message carries (a cancelled attachment). */
    public void deleteUpload(String username, String fileId) {
        StoredFile file = catalog.find(fileId).filter(found -> found.uploader().equals(username))
                .orElseThrow(() -> new ChatException(ErrorCode.UNKNOWN_FILE, "There is no such file"));
        if (file.messageId() != null || !catalog.deleteUnattached(fileId, username)) {
            throw new ChatException(ErrorCode.INVALID_ATTACHMENT, "That file was sent; delete its message instead");
        }
        release(List.of(file));
    }

    /** A deleted message takes its files with it: their bytes go unless another file shares them, and the quota is given back. */
    public void messageDeleted(long messageId) {
        release(catalog.deleteAttachedTo(messageId));
    }

    /** Deletes uploads never sent within the configured lifetime, and temporary files a crash left behind. */
    public void sweep() {
        release(catalog.deleteUnclaimed(System.currentTimeMillis() - config.unclaimedLifetime().toMillis()));
        try {
            blobs.deleteStaleTemporaryFiles(TimeUnit.HOURS.toMillis(1));
        } catch (IOException e) {
            LOG.warn("Could not delete stale temporary upload files", e);
        }
    }

    private void release(List<StoredFile> deleted) {
        for (StoredFile file : deleted) {
            forgetUnlessReferenced(file.sha256());
            if (file.thumbSha256() != null) {
                forgetUnlessReferenced(file.thumbSha256());
            }
        }
    }

    private void forgetUnlessReferenced(String sha256) {
        synchronized (blobLock) {
            if (!catalog.references(sha256)) {
                try {
                    blobs.delete(sha256);
                } catch (IOException e) {
                    LOG.warnf(e, "Could not delete blob %s; it stays until the next deletion of a file that shares it", sha256);
                }
            }
        }
    }

    private static String sniff(Path file) throws IOException {
        byte[] head = new byte[MediaTypes.HEAD_LENGTH];
        try (InputStream in = Files.newInputStream(file)) {
            int length = in.readNBytes(head, 0, head.length);
            return MediaTypes.sniff(head, length);
        }
    }

    static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[64 * 1024];
            for (int read; (read = in.read(buffer)) > 0;) {
                digest.update(buffer, 0, read);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** 128 random bits, URL-safe: a link nobody can guess. */
    private static String newId() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String withExtension(String name, String extension) {
        int dot = name.lastIndexOf('.');
        return (dot > 0 ? name.substring(0, dot) : name) + "." + extension;
    }

    private static String megabytes(long bytes) {
        return bytes >= 1 << 30 && bytes % (1 << 30) == 0 ? bytes / (1 << 30) + " GB" : (bytes + (1 << 19)) / (1 << 20) + " MB";
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.debugf("Could not delete %s", file);
        }
    }

    /** An admitted upload: its temporary file, and the most bytes it may bring. Closing it gives its reservation back. */
    public final class Upload implements AutoCloseable {

        private final String username;
        private final String room;
        private final long maxBytes;
        private final boolean boundByQuota;
        private final AtomicBoolean closed = new AtomicBoolean();
        private Path file;

        private Upload(String username, String room, long maxBytes, boolean boundByQuota) {
            this.username = username;
            this.room = room;
            this.maxBytes = maxBytes;
            this.boundByQuota = boundByQuota;
        }

        public Path file() {
            return file;
        }

        /** More bytes than this and the upload is refused as {@link #tooLarge}. */
        public long maxBytes() {
            return maxBytes;
        }

        /** Gives the reservation back and deletes what was not kept; closing twice does nothing. */
        @Override
        public void close() {
            if (!closed.compareAndSet(false, true)) {
                return;
            }
            inProgress.computeIfPresent(username, (user, current) -> current.uploads() <= 1 ? null
                    : new InProgress(current.uploads() - 1, current.reservedBytes() - maxBytes));
            if (file != null) {
                deleteQuietly(file);
            }
        }
    }
}
