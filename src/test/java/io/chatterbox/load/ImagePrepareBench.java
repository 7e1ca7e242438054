package io.chatterbox.load;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

import io.chatterbox.files.MediaPipeline;
import io.chatterbox.files.MediaTypes;
import io.chatterbox.media.ImageIoPipeline;

/**
 * The image benchmark: how long {@link ImageIoPipeline#prepare} takes per image (header check, decode, EXIF
 * orientation, re-encode, thumbnail), in one thread, with the default limits (320 px thumbnails).
 * <ul>
 * <li>a 12-megapixel photo: 4000 × 3000 JPEG at quality 0.92, gradients with per-pixel noise so it compresses like a
 * camera picture (about 4 MB); once upright (orientation 1) and once with orientation 6 (portrait phone photo);</li>
 * <li>a 1-megapixel PNG: 1000 × 1000, gradients and flat shapes like a screenshot.</li>
 * </ul>
 * Each case is warmed up, then timed {@code runs} times; the median, minimum and maximum are printed, with the
 * decode alone ({@code ImageIO.read}) for comparison. Usage: {@code ImagePrepareBench [runs] [warm-up runs]}.
 */
public final class ImagePrepareBench {

    private ImagePrepareBench() {
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int warmUp = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Path dir = Files.createTempDirectory("image-bench");
        try {
            ImageIoPipeline pipeline = new ImageIoPipeline(50_000_000, 300, 320, 2);
            byte[] photo = photo(4000, 3000);
            Path upright = Files.write(dir.resolve("photo.jpg"), photo);
            Path portrait = Files.write(dir.resolve("portrait.jpg"), withOrientation(photo, 6));
            Path screenshot = Files.write(dir.resolve("screen.png"), screenshot(1000, 1000));
            System.out.printf("java %s, %d cores, heap max %d MB, %d runs after %d warm-up%n",
                    System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(),
                    Runtime.getRuntime().maxMemory() >> 20, runs, warmUp);
            measure("12 MP JPEG, orientation 1", pipeline, upright, MediaTypes.JPEG, dir, runs, warmUp);
            measure("12 MP JPEG, orientation 6", pipeline, portrait, MediaTypes.JPEG, dir, runs, warmUp);
            measure("1 MP PNG", pipeline, screenshot, MediaTypes.PNG, dir, runs, warmUp);
        } finally {
            try (var files = Files.list(dir)) {
                for (Path file : files.toList()) {
                    Files.deleteIfExists(file);
                }
            }
            Files.deleteIfExists(dir);
        }
    }

    private static void measure(String name, ImageIoPipeline pipeline, Path source, String type, Path dir, int runs,
            int warmUp) throws IOException {
        double[] prepare = new double[runs];
        double[] decode = new double[runs];
        MediaPipeline.PreparedImage last = null;
        long keptBytes = 0;
        long thumbBytes = 0;
        for (int i = -warmUp; i < runs; i++) {
            long start = System.nanoTime();
            MediaPipeline.PreparedImage prepared = pipeline.prepare(source, type, dir);
            long afterPrepare = System.nanoTime();
            BufferedImage decoded = ImageIO.read(source.toFile());
            long afterDecode = System.nanoTime();
            if (decoded == null) {
                throw new IllegalStateException("unreadable " + source);
            }
            if (i >= 0) {
                prepare[i] = (afterPrepare - start) / 1e6;
                decode[i] = (afterDecode - afterPrepare) / 1e6;
            }
            keptBytes = Files.size(prepared.file());
            thumbBytes = prepared.thumbnail() == null ? 0 : Files.size(prepared.thumbnail());
            Files.delete(prepared.file());
            if (prepared.thumbnail() != null) {
                Files.delete(prepared.thumbnail());
            }
            last = prepared;
        }
        System.out.printf("%-26s in %,d B -> %s %d×%d %,d B, thumbnail %s %,d B | prepare median %.0f ms (min %.0f, max %.0f)"
                + " | decode alone median %.0f ms%n", name, Files.size(source), last.type(), last.width(), last.height(),
                keptBytes, last.thumbnailType(), thumbBytes, median(prepare), min(prepare), max(prepare), median(decode));
    }

    /** Gradients, a few shapes and per-pixel noise: compresses like a camera picture. */
    private static byte[] photo(int width, int height) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setPaint(new GradientPaint(0, 0, new Color(40, 90, 160), width, height, new Color(220, 180, 120)));
        g.fillRect(0, 0, width, height);
        g.setPaint(new GradientPaint(0, height, new Color(30, 120, 40), width / 2f, height / 2f, new Color(200, 220, 90)));
        g.fillOval(width / 5, height / 3, width / 2, height / 2);
        g.dispose();
        int[] pixels = image.getRGB(0, 0, width, height, null, 0, width);
        Random random = new Random(42);
        for (int i = 0; i < pixels.length; i++) {
            int p = pixels[i];
            int n = (int) (random.nextGaussian() * 10);
            pixels[i] = clamp((p >> 16 & 0xFF) + n) << 16 | clamp((p >> 8 & 0xFF) + n) << 8 | clamp((p & 0xFF) + n);
        }
        image.setRGB(0, 0, width, height, pixels, 0, width);
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(0.92f);
            writer.setOutput(out);
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    /** Horizontal bands of gradients and flat panels, like a window on a screen. */
    private static byte[] screenshot(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setPaint(new GradientPaint(0, 0, new Color(245, 245, 250), 0, height, new Color(200, 205, 220)));
        g.fillRect(0, 0, width, height);
        Random random = new Random(7);
        for (int i = 0; i < 200; i++) {
            g.setColor(new Color(random.nextInt(0xFFFFFF)));
            g.fillRect(random.nextInt(width), random.nextInt(height), 20 + random.nextInt(200), 8 + random.nextInt(20));
        }
        g.dispose();
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", bytes);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** The JPEG with a minimal little-endian Exif APP1 (IFD0 holding only Orientation) after SOI. */
    private static byte[] withOrientation(byte[] jpeg, int orientation) {
        ByteBuffer tiff = ByteBuffer.allocate(8 + 2 + 12 + 4).order(ByteOrder.LITTLE_ENDIAN);
        tiff.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(8).putShort((short) 1);
        tiff.putShort((short) 0x0112).putShort((short) 3).putInt(1).putShort((short) orientation).putShort((short) 0).putInt(0);
        byte[] body = tiff.array();
        ByteBuffer out = ByteBuffer.allocate(jpeg.length + 4 + 6 + body.length);
        out.put(jpeg, 0, 2).put((byte) 0xFF).put((byte) 0xE1).putShort((short) (2 + 6 + body.length));
        out.put(new byte[] { 'E', 'x', 'i', 'f', 0, 0 }).put(body).put(jpeg, 2, jpeg.length - 2);
        return out.array();
    }

    private static int clamp(int v) {
        return Math.max(0, Math.min(255, v));
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static double min(double[] values) {
        return Arrays.stream(values).min().orElse(0);
    }

    private static double max(double[] values) {
        return Arrays.stream(values).max().orElse(0);
    }
}
