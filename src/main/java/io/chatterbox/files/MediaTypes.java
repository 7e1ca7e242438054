package io.chatterbox.files;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

/**
 * The type of an upload, told by its first bytes (after the WHATWG MIME Sniffing tables), never by the client's
 * Content-Type or file name; and which types the page may show inline. Everything not recognised here, SVG and HTML
 * included, is {@code application/octet-stream}: downloaded, never rendered in our origin.
 */
public final class MediaTypes {

    public static final String OCTET_STREAM = "application/octet-stream";
    public static final String JPEG = "image/jpeg";
    public static final String PNG = "image/png";
    public static final String GIF = "image/gif";
    public static final String WEBP = "image/webp";

    /** The images the server decodes and re-encodes; only those are shown as images. */
    public static final Set<String> IMAGES = Set.of(JPEG, PNG, GIF, WEBP);

    /** Audio and video the page plays; served inline with their sniffed type. */
    private static final Set<String> PLAYABLE = Set.of("audio/mpeg", "audio/wav", "audio/flac", "audio/ogg", "audio/mp4",
            "video/mp4", "video/webm", "video/ogg");

    /** Bytes {@link #sniff} looks at. */
    public static final int HEAD_LENGTH = 64;

    private MediaTypes() {
    }

    public static boolean isImage(String type) {
        return IMAGES.contains(type);
    }

    public static boolean isInline(String type) {
        return IMAGES.contains(type) || PLAYABLE.contains(type);
    }

    /** The type of a file that starts with {@code head} (its first {@code length} bytes, at most {@link #HEAD_LENGTH}). */
    public static String sniff(byte[] head, int length) {
        if (startsWith(head, length, 0, 0xFF, 0xD8, 0xFF)) {
            return JPEG;
        }
        if (startsWith(head, length, 0, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
            return PNG;
        }
        if (startsWith(head, length, 0, "GIF87a") || startsWith(head, length, 0, "GIF89a")) {
            return GIF;
        }
        if (startsWith(head, length, 0, "RIFF")) {
            if (startsWith(head, length, 8, "WEBPVP8")) {
                return WEBP;
            }
            if (startsWith(head, length, 8, "WAVE")) {
                return "audio/wav";
            }
            return OCTET_STREAM;
        }
        if (startsWith(head, length, 0, "ID3") || mp3Frame(head, length)) {
            return "audio/mpeg";
        }
        if (startsWith(head, length, 0, "fLaC")) {
            return "audio/flac";
        }
        if (startsWith(head, length, 0, "OggS")) {
            return contains(head, length, "OpusHead") || contains(head, length, "vorbis") ? "audio/ogg" : "video/ogg";
        }
        if (startsWith(head, length, 0, 0x1A, 0x45, 0xDF, 0xA3)) {
            return contains(head, length, "webm") ? "video/webm" : OCTET_STREAM;
        }
        if (startsWith(head, length, 4, "ftyp")) {
            return isoMedia(head, length);
        }
        if (startsWith(head, length, 0, "%PDF-")) {
            return "application/pdf";
        }
        if (startsWith(head, length, 0, "PK", 0x03, 0x04)) {
            return "application/zip";
        }
        return OCTET_STREAM;
    }

    /** A short extension for a file name that has none, from its type. */
    public static String extension(String type) {
        return switch (type) {
            case JPEG -> "jpg";
            case PNG -> "png";
            case GIF -> "gif";
            case WEBP -> "webp";
            case "audio/mpeg" -> "mp3";
            case "audio/wav" -> "wav";
            case "audio/flac" -> "flac";
            case "audio/ogg", "video/ogg" -> "ogg";
            case "audio/mp4" -> "m4a";
            case "video/mp4" -> "mp4";
            case "video/webm" -> "webm";
            case "application/pdf" -> "pdf";
            case "application/zip" -> "zip";
            default -> "bin";
        };
    }

    private static String isoMedia(byte[] head, int length) {
        if (length < 12) {
            return OCTET_STREAM;
        }
        String brand = new String(head, 8, 4, StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
        return switch (brand) {
            case "isom", "iso2", "iso5", "iso6", "mp41", "mp42", "avc1", "dash", "m4v " -> "video/mp4";
            case "m4a " -> "audio/mp4";
            default -> OCTET_STREAM;
        };
    }

    /** An MPEG audio frame header: sync, layer III, and a bit rate and sample rate that exist. */
    private static boolean mp3Frame(byte[] head, int length) {
        if (length < 4 || (head[0] & 0xFF) != 0xFF || (head[1] & 0xE0) != 0xE0) {
            return false;
        }
        int layer = (head[1] >> 1) & 0x3;
        int bitRate = (head[2] >> 4) & 0xF;
        int sampleRate = (head[2] >> 2) & 0x3;
        return layer == 1 && bitRate != 0 && bitRate != 0xF && sampleRate != 3;
    }

    private static boolean startsWith(byte[] head, int length, int offset, String ascii) {
        byte[] expected = ascii.getBytes(StandardCharsets.ISO_8859_1);
        if (length < offset + expected.length) {
            return false;
        }
        for (int i = 0; i < expected.length; i++) {
            if (head[offset + i] != expected[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean startsWith(byte[] head, int length, int offset, Object... expected) {
        StringBuilder ascii = new StringBuilder();
        for (Object part : expected) {
            ascii.append(part instanceof Integer code ? String.valueOf((char) code.intValue()) : part.toString());
        }
        return startsWith(head, length, offset, ascii.toString());
    }

    private static boolean contains(byte[] head, int length, String ascii) {
        return new String(head, 0, length, StandardCharsets.ISO_8859_1).contains(ascii);
    }
}
