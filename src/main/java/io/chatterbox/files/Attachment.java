package io.chatterbox.files;

/**
 * A file as a message carries it: what clients show (name, size, type, and for images the size in pixels and whether
 * there is a thumbnail), never where or how it is stored. {@code width}, {@code height} are null for other files.
 */
public record Attachment(String id, String name, long size, String type, Integer width, Integer height,
        boolean thumbnail) {
}
