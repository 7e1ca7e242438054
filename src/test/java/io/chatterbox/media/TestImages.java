package io.chatterbox.media;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/** Image files built in code for the media tests: encoded by ImageIO, or put together byte by byte. */
final class TestImages {

    /** A camera maker's name and a GPS processing method that only the EXIF block carries. */
    static final String CAMERA_MAKE = "SnoopCam Model-X7";
    static final String GPS_METHOD = "ASCII\0\0\0SECRET-GARDEN-LOCATION";
    /** Latitude 51° 28' 40.1": three RATIONALs, as they appear in the little-endian block. */
    static final byte[] GPS_LATITUDE = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN)
            .putInt(51).putInt(1).putInt(28).putInt(1).putInt(401).putInt(10).array();

    private TestImages() {
    }

    /** An opaque image: a diagonal gradient with a red block in its top left quarter. */
    static BufferedImage picture(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setPaint(new GradientPaint(0, 0, Color.BLUE, width, height, Color.GREEN));
        g.fillRect(0, 0, width, height);
        g.setColor(Color.RED);
        g.fillRect(0, 0, width / 2, height / 2);
        g.dispose();
        return image;
    }

    static byte[] encode(BufferedImage image, String format) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, format, bytes)) {
                throw new IllegalStateException("no writer for " + format);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** An animated GIF with {@code frames} frames of the given size. */
    static byte[] animatedGif(int frames, int width, int height) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ImageWriter writer = ImageIO.getImageWritersByFormatName("gif").next();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.prepareWriteSequence(null);
            for (int i = 0; i < frames; i++) {
                BufferedImage frame = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_INDEXED);
                Graphics2D g = frame.createGraphics();
                g.setColor(i % 2 == 0 ? Color.RED : Color.BLUE);
                g.fillRect(0, 0, width, height);
                g.dispose();
                writer.writeToSequence(new IIOImage(frame, null, null), null);
            }
            writer.endWriteSequence();
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    /** The JPEG with an APP1 Exif segment (holding {@code tiff}) inserted right after SOI. */
    static byte[] withExif(byte[] jpeg, byte[] tiff) {
        int length = 2 + 6 + tiff.length;
        ByteBuffer out = ByteBuffer.allocate(jpeg.length + 2 + length);
        out.put(jpeg, 0, 2).put((byte) 0xFF).put((byte) 0xE1).putShort((short) length);
        out.put("Exif\0\0".getBytes(StandardCharsets.ISO_8859_1)).put(tiff);
        out.put(jpeg, 2, jpeg.length - 2);
        return out.array();
    }

    /**
     * A little-endian TIFF block as cameras write it: IFD0 with Make, Orientation and a pointer to a GPS IFD holding
     * a latitude and a processing method.
     */
    static byte[] exif(int orientation) {
        byte[] make = (CAMERA_MAKE + "\0").getBytes(StandardCharsets.ISO_8859_1);
        byte[] method = GPS_METHOD.getBytes(StandardCharsets.ISO_8859_1);
        int ifd0 = 8;
        int ifd0Size = 2 + 3 * 12 + 4;
        int makeAt = ifd0 + ifd0Size;
        int gpsIfd = makeAt + make.length;
        int gpsIfdSize = 2 + 3 * 12 + 4;
        int latitudeAt = gpsIfd + gpsIfdSize;
        int methodAt = latitudeAt + GPS_LATITUDE.length;
        ByteBuffer b = ByteBuffer.allocate(methodAt + method.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(ifd0);
        b.putShort((short) 3);
        entry(b, 0x010F, 2, make.length, makeAt); // Make, ASCII
        b.putShort((short) 0x0112).putShort((short) 3).putInt(1).putShort((short) orientation).putShort((short) 0);
        entry(b, 0x8825, 4, 1, gpsIfd); // GPSInfo IFD pointer, LONG
        b.putInt(0);
        b.put(make);
        b.putShort((short) 3);
        b.putShort((short) 0x0001).putShort((short) 2).putInt(2).put((byte) 'N').put((byte) 0).putShort((short) 0);
        entry(b, 0x0002, 5, 3, latitudeAt); // GPSLatitude, RATIONAL
        entry(b, 0x001B, 7, method.length, methodAt); // GPSProcessingMethod, UNDEFINED
        b.putInt(0);
        b.put(GPS_LATITUDE).put(method);
        return b.array();
    }

    private static void entry(ByteBuffer b, int tag, int type, int count, int offset) {
        b.putShort((short) tag).putShort((short) type).putInt(count).putInt(offset);
    }

    /**
     * A PNG whose header declares {@code width}×{@code height} RGB pixels, followed by a tiny IDAT (one row of
     * zeros, compressed) and IEND: a few dozen bytes that would take gigabytes to decode.
     */
    static byte[] pngDeclaring(int width, int height) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] { (byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A });
        chunk(out, "IHDR", ByteBuffer.allocate(13).putInt(width).putInt(height)
                .put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0).array());
        Deflater deflater = new Deflater();
        deflater.setInput(new byte[64]);
        deflater.finish();
        byte[] compressed = new byte[128];
        int length = deflater.deflate(compressed);
        deflater.end();
        chunk(out, "IDAT", java.util.Arrays.copyOf(compressed, length));
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        byte[] name = type.getBytes(StandardCharsets.ISO_8859_1);
        CRC32 crc = new CRC32();
        crc.update(name);
        crc.update(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        out.writeBytes(name);
        out.writeBytes(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    /**
     * A lossless (VP8L) WebP of one colour. Each of the five prefix codes is a "simple" code with a single symbol,
     * which takes no bits to read, so the pixel data is empty whatever the size (RFC 9649, section 3.7.2.1.1).
     */
    static byte[] solidWebp(int width, int height, int argb) {
        return losslessWebp(width, height, argb, false);
    }

    /**
     * A lossless WebP whose green code has two symbols, so each pixel takes one bit, but whose data ends right after
     * the codes: a file cut short.
     */
    static byte[] webpWithoutPixels(int width, int height) {
        return losslessWebp(width, height, 0xFF000000, true);
    }

    private static byte[] losslessWebp(int width, int height, int argb, boolean twoGreens) {
        Bits bits = new Bits();
        bits.write(width - 1, 14).write(height - 1, 14);
        bits.write((argb >>> 24) == 0xFF ? 0 : 1, 1).write(0, 3); // alpha_is_used, version 0
        bits.write(0, 1); // no transform
        bits.write(0, 1).write(0, 1); // no colour cache, no meta prefix codes
        if (twoGreens) {
            bits.write(1, 1).write(1, 1).write(1, 1).write(0x00, 8).write(0xFF, 8); // simple, two 8-bit symbols
        }
        int[] symbols = { (argb >> 8) & 0xFF, (argb >> 16) & 0xFF, argb & 0xFF, argb >>> 24, 0 };
        for (int i = twoGreens ? 1 : 0; i < symbols.length; i++) {
            bits.write(1, 1).write(0, 1).write(1, 1).write(symbols[i], 8); // simple, one symbol, 8-bit symbol
        }
        byte[] stream = bits.bytes();
        byte[] data = new byte[1 + stream.length];
        data[0] = 0x2F;
        System.arraycopy(stream, 0, data, 1, stream.length);
        int padded = data.length + (data.length & 1);
        ByteBuffer riff = ByteBuffer.allocate(20 + padded).order(ByteOrder.LITTLE_ENDIAN);
        riff.put("RIFF".getBytes(StandardCharsets.ISO_8859_1)).putInt(12 + padded);
        riff.put("WEBPVP8L".getBytes(StandardCharsets.ISO_8859_1)).putInt(data.length).put(data);
        return riff.array();
    }

    /** Bits written least significant first, as VP8L reads them. */
    private static final class Bits {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private long pending;
        private int count;

        Bits write(int value, int width) {
            pending |= ((long) value & ((1L << width) - 1)) << count;
            count += width;
            while (count >= 8) {
                out.write((int) (pending & 0xFF));
                pending >>>= 8;
                count -= 8;
            }
            return this;
        }

        byte[] bytes() {
            if (count > 0) {
                out.write((int) (pending & 0xFF));
                pending = 0;
                count = 0;
            }
            return out.toByteArray();
        }
    }
}
