package io.chatterbox.media;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Semaphore;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.chatterbox.config.ChatterboxConfig;
import io.chatterbox.core.ChatException;
import io.chatterbox.core.ErrorCode;
import io.chatterbox.files.MediaPipeline;
import io.chatterbox.files.MediaTypes;

/**
 * Images prepared with the JDK's ImageIO and the TwelveMonkeys JPEG (right colours for CMYK) and WebP (read-only)
 * readers.
 * <ol>
 * <li><b>Header first.</b> Only the header is read to learn the size; an image over {@code maxImagePixels} pixels or
 * wider or taller than {@value #MAX_SIDE} is refused before a pixel is decoded. The reader ImageIO picks for the
 * bytes must be one for the sniffed type. GIF and WebP: at most {@code maxImageFrames} frames, and all frames
 * together at most four times {@code maxImagePixels}.</li>
 * <li><b>Decode</b> frame 0, once; a JPEG is then turned upright after its EXIF orientation.</li>
 * <li><b>Re-encode</b> from the pixels alone, so no metadata survives (no EXIF, GPS, camera, comments, colour
 * profile): JPEG → JPEG at quality {@value #JPEG_QUALITY}; PNG → PNG; GIF → PNG; WebP (no encoder exists here) →
 * JPEG when opaque, else PNG. <b>Animations are flattened</b> to their first frame: keeping one safely would need a
 * byte-level rewrite of the container, which is not done yet.</li>
 * <li><b>Thumbnail</b> from the same pixels: fits a {@code thumbnailSize} square, JPEG when opaque, else PNG; none
 * when the image already fits.</li>
 * </ol>
 * Anything that cannot be decoded, including running out of memory while decoding or reading for longer than
 * {@link #DECODE_TIME_LIMIT} (see {@link GuardedImageInputStream}), is refused with {@code invalid_file}. At most
 * {@code imageWorkers} images are prepared at once in this JVM; more callers wait.
 */
@ApplicationScoped
public class ImageIoPipeline implements MediaPipeline {

    /** Widest or tallest image decoded, in pixels. */
    static final int MAX_SIDE = 16384;
    static final float JPEG_QUALITY = 0.85f;
    /** All frames of an animation together, in units of {@code maxImagePixels}. */
    static final int FRAME_BUDGET = 4;
    /**
     * How long reading one image may take. A 50-megapixel JPEG or PNG decodes in about a second; the TwelveMonkeys
     * WebP decoders take about 0.3 µs a pixel on a busy core, so a 50-megapixel WebP comes close.
     */
    static final Duration DECODE_TIME_LIMIT = Duration.ofSeconds(20);
    /** Zero bytes after a WebP's last byte (see {@link GuardedImageInputStream}): the lossless decoder reads 8 ahead. */
    static final int WEBP_PADDING = 64;

    static {
        // Quarkus' class loaders may hide the TwelveMonkeys service files from ImageIO's first, JVM-wide scan.
        ImageIO.scanForPlugins();
        // Read from and write to files directly; never copy a stream to a cache file in java.io.tmpdir.
        ImageIO.setUseCache(false);
    }

    private final long maxPixels;
    private final int maxFrames;
    private final int thumbnailSize;
    private final Semaphore workers;
    private final Duration decodeTimeLimit;

    @Inject
    public ImageIoPipeline(ChatterboxConfig config) {
        this(config.files().maxImagePixels(), config.files().maxImageFrames(), config.files().thumbnailSize(),
                config.files().imageWorkers());
    }

    public ImageIoPipeline(long maxPixels, int maxFrames, int thumbnailSize, int imageWorkers) {
        this(maxPixels, maxFrames, thumbnailSize, imageWorkers, DECODE_TIME_LIMIT);
    }

    ImageIoPipeline(long maxPixels, int maxFrames, int thumbnailSize, int imageWorkers, Duration decodeTimeLimit) {
        if (maxPixels < 1 || maxFrames < 1 || thumbnailSize < 1 || imageWorkers < 1) {
            throw new IllegalArgumentException("image limits must be positive");
        }
        this.maxPixels = maxPixels;
        this.maxFrames = maxFrames;
        this.thumbnailSize = thumbnailSize;
        this.workers = new Semaphore(imageWorkers, true);
        this.decodeTimeLimit = decodeTimeLimit;
    }

    @Override
    public PreparedImage prepare(Path source, String sniffedType, Path workDirectory) {
        if (!MediaTypes.isImage(sniffedType)) {
            throw new IllegalArgumentException("not an image type: " + sniffedType);
        }
        try {
            workers.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ChatException(ErrorCode.OVERLOADED, "The image could not be prepared: the server is stopping");
        }
        try {
            BufferedImage image = decode(source, sniffedType);
            if (sniffedType.equals(MediaTypes.JPEG)) {
                image = Pixels.orient(image, ExifOrientation.of(source));
            }
            return encode(image, sniffedType, workDirectory);
        } catch (OutOfMemoryError e) {
            throw new ChatException(ErrorCode.INVALID_FILE, "The image is too large to process");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            workers.release();
        }
    }

    /** Frame 0, after the header checks; every way of failing is an {@code invalid_file} refusal. */
    private BufferedImage decode(Path source, String type) {
        int padding = type.equals(MediaTypes.WEBP) ? WEBP_PADDING : 0;
        long deadline = System.nanoTime() + decodeTimeLimit.toNanos();
        try (ImageInputStream in = GuardedImageInputStream.open(source, padding, deadline)) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw invalid(unreadable("The file is not an image that can be read", deadline));
            }
            ImageReader reader = readers.next();
            try {
                if (!Arrays.asList(reader.getOriginatingProvider().getMIMETypes()).contains(type)) {
                    throw invalid("The image's contents do not match its type");
                }
                reader.setInput(in, false, true);
                checkSize(reader.getWidth(0), reader.getHeight(0));
                if (type.equals(MediaTypes.GIF) || type.equals(MediaTypes.WEBP)) {
                    checkFrames(reader);
                }
                return reader.read(0, reader.getDefaultReadParam());
            } finally {
                reader.dispose();
            }
        } catch (ChatException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw invalid(unreadable("The image is damaged or in a form that cannot be read", deadline));
        } catch (OutOfMemoryError e) {
            throw invalid("The image is too large to process");
        }
    }

    /** Why a file could not be read: {@code usual}, unless it ran out of time (readers hide our stream's exception). */
    private static String unreadable(String usual, long deadline) {
        return System.nanoTime() - deadline > 0 ? "The image takes too long to decode" : usual;
    }

    private void checkSize(int width, int height) {
        if (width < 1 || height < 1) {
            throw invalid("The image has no pixels");
        }
        if (width > MAX_SIDE || height > MAX_SIDE || (long) width * height > maxPixels) {
            throw invalid("The image is too large: " + width + " × " + height + " pixels; at most " + amount(maxPixels)
                    + " and " + MAX_SIDE + " a side are accepted");
        }
    }

    private void checkFrames(ImageReader reader) throws IOException {
        int frames = reader.getNumImages(true);
        if (frames > maxFrames) {
            throw invalid("The animation has " + frames + " frames; at most " + maxFrames + " are accepted");
        }
        long total = 0;
        for (int i = 0; i < frames; i++) {
            int width = reader.getWidth(i);
            int height = reader.getHeight(i);
            checkSize(width, height);
            total += (long) width * height;
            if (total > FRAME_BUDGET * maxPixels) {
                    throw invalid("The animation is too large: its frames hold more than " + amount(FRAME_BUDGET * maxPixels)
                        + " in all");
            }
        }
    }

    private PreparedImage encode(BufferedImage image, String sniffedType, Path workDirectory) throws IOException {
        boolean opaque = Pixels.opaque(image);
        String type = switch (sniffedType) {
            case MediaTypes.JPEG -> MediaTypes.JPEG;
            case MediaTypes.WEBP -> opaque ? MediaTypes.JPEG : MediaTypes.PNG;
            default -> MediaTypes.PNG; // PNG, and GIF (flattened)
        };
        List<Path> written = new ArrayList<>(2);
        try {
            Path file = write(image, type, workDirectory, written);
            BufferedImage small = Pixels.fit(image, thumbnailSize, opaque);
            String thumbnailType = small == null ? null : opaque ? MediaTypes.JPEG : MediaTypes.PNG;
            Path thumbnail = small == null ? null : write(small, thumbnailType, workDirectory, written);
            return new PreparedImage(file, type, image.getWidth(), image.getHeight(), thumbnail, thumbnailType);
        } catch (IOException | RuntimeException | Error e) {
            for (Path path : written) {
                Files.deleteIfExists(path);
            }
            throw e;
        }
    }

    private static Path write(BufferedImage image, String type, Path directory, List<Path> written) throws IOException {
        boolean jpeg = type.equals(MediaTypes.JPEG);
        Path file = Files.createTempFile(directory, "image-", "." + MediaTypes.extension(type));
        written.add(file);
        BufferedImage pixels = jpeg ? Pixels.forJpeg(image) : Pixels.standard(image, image.getColorModel().hasAlpha());
        ImageWriter writer = ImageIO.getImageWritersByFormatName(jpeg ? "jpeg" : "png").next();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(file.toFile())) {
            ImageWriteParam param = writer.getDefaultWriteParam();
            if (jpeg) {
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                param.setCompressionQuality(JPEG_QUALITY);
            }
            writer.setOutput(out);
            writer.write(null, new IIOImage(pixels, null, null), param); // no metadata: encoder defaults only
        } finally {
            writer.dispose();
        }
        return file;
    }

    /** "50 megapixels", or "4096 pixels" below a million. */
    private static String amount(long pixels) {
        return pixels >= 1_000_000 && pixels % 1_000_000 == 0 ? pixels / 1_000_000 + " megapixels" : pixels + " pixels";
    }

    private static ChatException invalid(String sentence) {
        return new ChatException(ErrorCode.INVALID_FILE, sentence);
    }
}
