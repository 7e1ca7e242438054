package io.chatterbox.files;

import java.nio.file.Path;

/**
 * What is done to an image before it is kept: decoded within pixel limits (refused before decoding when the header
 * declares too many), turned upright, re-encoded without metadata (no EXIF, no GPS), and shrunk into a thumbnail.
 * Implementations are free to be slow; the {@link FileService} runs them on a bounded pool, never on an event loop.
 */
public interface MediaPipeline {

    /**
     * Prepares the image in {@code source}, whose type the bytes say is {@code sniffedType} (one of
     * {@link MediaTypes#IMAGES}), writing the results to new files in {@code workDirectory}.
     *
     * @throws io.chatterbox.core.ChatException {@code invalid_file} when it cannot be decoded or is too large in
     *         pixels (frames included)
     */
    PreparedImage prepare(Path source, String sniffedType, Path workDirectory);

    /**
     * The image to keep ({@code type} may differ from the upload's: a WebP becomes a JPEG or PNG) and its thumbnail,
     * which fits in the configured box and is null when the image is already that small.
     */
    record PreparedImage(Path file, String type, int width, int height, Path thumbnail, String thumbnailType) {
    }
}
