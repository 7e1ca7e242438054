package io.chatterbox.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.chatterbox.files.MediaPipeline.PreparedImage;
import io.chatterbox.files.MediaTypes;

/** What comes out of the pipeline: upright, without metadata, in the right format, with a thumbnail that fits. */
class ImageIoPipelineTest {

    private final ImageIoPipeline pipeline = new ImageIoPipeline(50_000_000, 300, 320, 2);

    @TempDir
    Path dir;

    @Test
    void aPhotoLosesItsExifGpsAndCameraButKeepsItsPixels() throws IOException {
        byte[] upload = TestImages.withExif(TestImages.encode(TestImages.picture(640, 480), "jpeg"), TestImages.exif(1));
        assertThat(indexOf(upload, TestImages.CAMERA_MAKE.getBytes(StandardCharsets.ISO_8859_1))).isPositive();
        Path source = file("photo.jpg", upload);

        PreparedImage prepared = pipeline.prepare(source, MediaTypes.JPEG, dir);

        byte[] kept = Files.readAllBytes(prepared.file());
        assertThat(prepared.type()).isEqualTo(MediaTypes.JPEG);
        assertThat(MediaTypes.sniff(kept, Math.min(kept.length, MediaTypes.HEAD_LENGTH))).isEqualTo(MediaTypes.JPEG);
        assertThat(indexOf(kept, "Exif".getBytes(StandardCharsets.ISO_8859_1))).isNegative();
        assertThat(indexOf(kept, TestImages.CAMERA_MAKE.getBytes(StandardCharsets.ISO_8859_1))).isNegative();
        assertThat(indexOf(kept, "SECRET-GARDEN".getBytes(StandardCharsets.ISO_8859_1))).isNegative();
        assertThat(indexOf(kept, TestImages.GPS_LATITUDE)).isNegative();
        assertThat(prepared.width()).isEqualTo(640);
        assertThat(prepared.height()).isEqualTo(480);
        BufferedImage decoded = ImageIO.read(prepared.file().toFile());
        assertThat(decoded.getWidth()).isEqualTo(640);
        assertThat(decoded.getHeight()).isEqualTo(480);
        assertThat(prepared.file()).isNotEqualTo(source).hasParent(dir);
    }

    @Test
    void orientationSixIsTurnedAQuarterClockwise() throws IOException {
        // 200 wide, 100 tall, red in the top left quarter: turned clockwise it stands 100 × 200, red top right.
        byte[] upload = TestImages.withExif(TestImages.encode(TestImages.picture(200, 100), "jpeg"), TestImages.exif(6));

        PreparedImage prepared = pipeline.prepare(file("turned.jpg", upload), MediaTypes.JPEG, dir);

        assertThat(prepared.width()).isEqualTo(100);
        assertThat(prepared.height()).isEqualTo(200);
        BufferedImage upright = ImageIO.read(prepared.file().toFile());
        assertThat(upright.getWidth()).isEqualTo(100);
        assertThat(upright.getHeight()).isEqualTo(200);
        assertThat(isRed(upright.getRGB(75, 25))).isTrue();
        assertThat(isRed(upright.getRGB(25, 25))).isFalse();
        assertThat(isRed(upright.getRGB(75, 175))).isFalse();
    }

    @Test
    void aThumbnailFitsTheBoxAndKeepsTheAspect() throws IOException {
        Path source = file("wide.jpg", TestImages.encode(TestImages.picture(2000, 1000), "jpeg"));

        PreparedImage prepared = pipeline.prepare(source, MediaTypes.JPEG, dir);

        assertThat(prepared.thumbnail()).isNotNull().hasParent(dir);
        assertThat(prepared.thumbnailType()).isEqualTo(MediaTypes.JPEG);
        BufferedImage thumbnail = ImageIO.read(prepared.thumbnail().toFile());
        assertThat(thumbnail.getWidth()).isEqualTo(320);
        assertThat(thumbnail.getHeight()).isEqualTo(160);
        assertThat(isRed(thumbnail.getRGB(40, 40))).isTrue();
        assertThat(isRed(thumbnail.getRGB(280, 120))).isFalse();
    }

    @Test
    void aTallImageIsFittedByItsHeight() throws IOException {
        PreparedImage prepared = pipeline.prepare(file("tall.png", TestImages.encode(TestImages.picture(300, 900), "png")),
                MediaTypes.PNG, dir);

        BufferedImage thumbnail = ImageIO.read(prepared.thumbnail().toFile());
        assertThat(thumbnail.getHeight()).isEqualTo(320);
        assertThat(thumbnail.getWidth()).isEqualTo(107);
    }

    @Test
    void aSmallImageGetsNoThumbnail() {
        PreparedImage prepared = pipeline.prepare(file("small.png", TestImages.encode(TestImages.picture(320, 200), "png")),
                MediaTypes.PNG, dir);

        assertThat(prepared.thumbnail()).isNull();
        assertThat(prepared.thumbnailType()).isNull();
        assertThat(prepared.type()).isEqualTo(MediaTypes.PNG);
    }

    @Test
    void aPngWithAlphaStaysAPngAndSoDoesItsThumbnail() throws IOException {
        BufferedImage translucent = new BufferedImage(800, 400, BufferedImage.TYPE_INT_ARGB);
        translucent.setRGB(0, 0, 800, 200, filled(800 * 200, 0x80FF0000), 0, 800); // top half: half-transparent red

        PreparedImage prepared = pipeline.prepare(file("alpha.png", TestImages.encode(translucent, "png")), MediaTypes.PNG, dir);

        assertThat(prepared.type()).isEqualTo(MediaTypes.PNG);
        assertThat(prepared.thumbnailType()).isEqualTo(MediaTypes.PNG);
        BufferedImage kept = ImageIO.read(prepared.file().toFile());
        assertThat(kept.getRGB(10, 10) >>> 24).isEqualTo(0x80);
        assertThat(kept.getRGB(10, 300) >>> 24).isZero();
        BufferedImage thumbnail = ImageIO.read(prepared.thumbnail().toFile());
        assertThat(thumbnail.getWidth()).isEqualTo(320);
        assertThat(thumbnail.getRGB(10, 140) >>> 24).isZero();
        assertThat(thumbnail.getRGB(10, 10) >>> 24).isBetween(0x7A, 0x86);
    }

    @Test
    void aGifBecomesAPngWithItsTransparencyKept() throws IOException {
        // Two colours, index 0 transparent: the left half see-through, the right half red.
        java.awt.image.IndexColorModel colours = new java.awt.image.IndexColorModel(1, 2, new byte[] { 0, (byte) 255 },
                new byte[] { 0, 0 }, new byte[] { 0, 0 }, 0);
        BufferedImage gif = new BufferedImage(40, 30, BufferedImage.TYPE_BYTE_BINARY, colours);
        for (int y = 0; y < 30; y++) {
            for (int x = 20; x < 40; x++) {
                gif.getRaster().setSample(x, y, 0, 1);
            }
        }

        PreparedImage prepared = pipeline.prepare(file("still.gif", TestImages.encode(gif, "gif")), MediaTypes.GIF, dir);

        assertThat(prepared.type()).isEqualTo(MediaTypes.PNG);
        BufferedImage kept = ImageIO.read(prepared.file().toFile());
        assertThat(kept.getWidth()).isEqualTo(40);
        assertThat(kept.getRGB(5, 5) >>> 24).isZero();
        assertThat(kept.getRGB(30, 5)).isEqualTo(0xFFFF0000);
    }

    @Test
    void anAnimatedGifIsFlattenedToItsFirstFrame() throws IOException {
        PreparedImage prepared = pipeline.prepare(file("anim.gif", TestImages.animatedGif(4, 50, 20)), MediaTypes.GIF, dir);

        assertThat(prepared.type()).isEqualTo(MediaTypes.PNG);
        BufferedImage first = ImageIO.read(prepared.file().toFile());
        assertThat(first.getWidth()).isEqualTo(50);
        assertThat(isRed(first.getRGB(5, 5))).isTrue();
    }

    @Test
    void anOpaqueWebpBecomesAJpeg() throws IOException {
        byte[] webp = TestImages.solidWebp(640, 320, 0xFF2080C0);
        assertThat(MediaTypes.sniff(webp, MediaTypes.HEAD_LENGTH)).isEqualTo(MediaTypes.WEBP);

        PreparedImage prepared = pipeline.prepare(file("opaque.webp", webp), MediaTypes.WEBP, dir);

        assertThat(prepared.type()).isEqualTo(MediaTypes.JPEG);
        assertThat(prepared.width()).isEqualTo(640);
        assertThat(prepared.height()).isEqualTo(320);
        BufferedImage kept = ImageIO.read(prepared.file().toFile());
        assertThat(near(kept.getRGB(100, 100), 0x2080C0)).isTrue();
        assertThat(prepared.thumbnailType()).isEqualTo(MediaTypes.JPEG);
    }

    @Test
    void aTranslucentWebpBecomesAPng() throws IOException {
        PreparedImage prepared = pipeline.prepare(file("clear.webp", TestImages.solidWebp(2, 2, 0x4000FF00)),
                MediaTypes.WEBP, dir);

        assertThat(prepared.type()).isEqualTo(MediaTypes.PNG);
        assertThat(prepared.thumbnail()).isNull();
        assertThat(ImageIO.read(prepared.file().toFile()).getRGB(1, 1)).isEqualTo(0x4000FF00);
    }

    @Test
    void outputFilesAreNewAndOnlyTheOwnersToRead() throws IOException {
        Path source = file("p.png", TestImages.encode(TestImages.picture(1000, 1000), "png"));
        PreparedImage prepared = pipeline.prepare(source, MediaTypes.PNG, dir);

        assertThat(prepared.file()).isNotEqualTo(source);
        assertThat(prepared.thumbnail()).isNotEqualTo(prepared.file());
        if (dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(prepared.file())))
                    .isEqualTo("rw-------");
        }
    }

    private Path file(String name, byte[] bytes) {
        try {
            return Files.write(dir.resolve(name), bytes);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static boolean isRed(int rgb) {
        Color c = new Color(rgb);
        return c.getRed() > 200 && c.getGreen() < 60 && c.getBlue() < 60;
    }

    private static boolean near(int rgb, int expected) {
        for (int shift = 0; shift <= 16; shift += 8) {
            if (Math.abs(((rgb >> shift) & 0xFF) - ((expected >> shift) & 0xFF)) > 8) {
                return false;
            }
        }
        return true;
    }

    private static int[] filled(int length, int argb) {
        int[] pixels = new int[length];
        java.util.Arrays.fill(pixels, argb);
        return pixels;
    }
}
