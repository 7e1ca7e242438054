package io.chatterbox.media;

import java.io.EOFException;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;

/**
 * The EXIF orientation (tag 0x0112, values 1 to 8) of a JPEG: how its stored pixels must be turned to stand upright.
 * It walks the marker segments from SOI up to the first SOS, takes the first APP1 that starts with {@code Exif\0\0},
 * and looks for the tag in IFD0 of the TIFF structure inside it. Every length and offset is checked against what is
 * there; anything missing, out of range or not understood means 1 (upright as stored).
 */
final class ExifOrientation {

    static final int UPRIGHT = 1;
    private static final int SOI = 0xD8;
    private static final int EOI = 0xD9;
    private static final int SOS = 0xDA;
    private static final int APP1 = 0xE1;
    private static final int TAG_ORIENTATION = 0x0112;
    private static final int TYPE_SHORT = 3;
    private static final byte[] EXIF_HEADER = { 'E', 'x', 'i', 'f', 0, 0 };
    /** More segments than any real file has before its scan; stops a file made of empty segments early. */
    private static final int MAX_SEGMENTS = 1000;

    private ExifOrientation() {
    }

    /** The orientation of the JPEG in {@code file}, or 1 when it has none or it cannot be read. */
    static int of(Path file) throws IOException {
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            if (in.read() != 0xFF || in.read() != SOI) {
                return UPRIGHT;
            }
            for (int segments = 0; segments < MAX_SEGMENTS; segments++) {
                if (in.readUnsignedByte() != 0xFF) {
                    return UPRIGHT;
                }
                int marker = in.readUnsignedByte();
                while (marker == 0xFF) { // fill bytes before a marker
                    marker = in.readUnsignedByte();
                }
                if (marker == SOS || marker == EOI) {
                    return UPRIGHT;
                }
                if (marker == 0x01 || marker >= 0xD0 && marker <= 0xD7) { // TEM and RSTn have no length
                    continue;
                }
                int length = in.readUnsignedShort(); // includes its own two bytes
                if (length < 2) {
                    return UPRIGHT;
                }
                long next = in.getFilePointer() + length - 2;
                if (marker == APP1 && length >= 2 + EXIF_HEADER.length + 8) {
                    byte[] header = new byte[EXIF_HEADER.length];
                    in.readFully(header);
                    if (java.util.Arrays.equals(header, EXIF_HEADER)) {
                        byte[] tiff = new byte[length - 2 - EXIF_HEADER.length];
                        in.readFully(tiff);
                        return fromTiff(tiff);
                    }
                }
                in.seek(next);
            }
            return UPRIGHT;
        } catch (EOFException e) {
            return UPRIGHT;
        }
    }

    /** The orientation in IFD0 of a TIFF structure (the bytes after {@code Exif\0\0}), or 1. */
    static int fromTiff(byte[] tiff) {
        if (tiff.length < 8) {
            return UPRIGHT;
        }
        boolean little;
        if (tiff[0] == 'I' && tiff[1] == 'I') {
            little = true;
        } else if (tiff[0] == 'M' && tiff[1] == 'M') {
            little = false;
        } else {
            return UPRIGHT;
        }
        if (u16(tiff, 2, little) != 42) {
            return UPRIGHT;
        }
        long ifd = u32(tiff, 4, little);
        if (ifd < 8 || ifd > tiff.length - 2) {
            return UPRIGHT;
        }
        int entries = u16(tiff, (int) ifd, little);
        for (int i = 0; i < entries; i++) {
            long entry = ifd + 2 + 12L * i;
            if (entry > tiff.length - 12) {
                return UPRIGHT;
            }
            int at = (int) entry;
            if (u16(tiff, at, little) == TAG_ORIENTATION) {
                if (u16(tiff, at + 2, little) != TYPE_SHORT || u32(tiff, at + 4, little) < 1) {
                    return UPRIGHT;
                }
                int value = u16(tiff, at + 8, little); // one SHORT sits in the first two bytes of the value field
                return value >= 1 && value <= 8 ? value : UPRIGHT;
            }
        }
        return UPRIGHT;
    }

    private static int u16(byte[] b, int at, boolean little) {
        int first = b[at] & 0xFF;
        int second = b[at + 1] & 0xFF;
        return little ? second << 8 | first : first << 8 | second;
    }

    private static long u32(byte[] b, int at, boolean little) {
        long high = u16(b, little ? at + 2 : at, little);
        long low = u16(b, little ? at : at + 2, little);
        return high << 16 | low;
    }
}
