package io.chatterbox.files;

/**
 * An upload as the catalog keeps it. {@code sha256} names its bytes in the {@link BlobStore} (identical uploads share
 * one blob); {@code messageId} is null until a message carries it. A deleted file keeps no claim on its blob.
 */
public record StoredFile(String id, String room, String uploader, String name, String type, long size, String sha256,
        Integer width, Integer height, String thumbSha256, String thumbType, Long messageId, long createdAt) {

    public Attachment attachment() {
        return new Attachment(id, name, size, type, width, height, thumbSha256 != null);
    }

    /** Served inline (shown by the page) only when it is a re-encoded image or audio/video; anything else is a download. */
    public boolean inline() {
        return MediaTypes.isInline(type);
    }
}
