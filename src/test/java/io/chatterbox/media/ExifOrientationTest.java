package io.chatterbox.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The orientation is found where cameras put it, and anything malformed reads as upright rather than failing. */
class ExifOrientationTest {

    @TempDir
    Path dir;

    @Test
    void itIsReadFromAnExifSegmentInEitherByteOrder() throws IOException {
        byte[] jpeg = TestImages.encode(TestImages.picture(16, 16), "jpeg");

        assertThat(ExifOrientation.of(write(TestImages.withExif(jpeg, TestImages.exif(8))))).isEqualTo(8);
        assertThat(ExifOrientation.fromTiff(bigEndian(0x0112, 3, 1, 6 << 16))).isEqualTo(6);
        assertThat(ExifOrientation.of(write(jpeg))).isEqualTo(1);
    }

    @Test
    void malformedBlocksReadAsUpright() {
        assertThat(ExifOrientation.fromTiff(new byte[0])).isEqualTo(1);
        assertThat(ExifOrientation.fromTiff(bigEndian(0x0112, 3, 1, 9 << 16))).as("out of range").isEqualTo(1);
        assertThat(ExifOrientation.fromTiff(bigEndian(0x0112, 4, 1, 6))).as("not a SHORT").isEqualTo(1);
        byte[] pointsOutside = bigEndian(0x0112, 3, 1, 6 << 16);
        ByteBuffer.wrap(pointsOutside).putInt(4, 0x7FFF_FFF0);
        assertThat(ExifOrientation.fromTiff(pointsOutside)).isEqualTo(1);
        byte[] tooManyEntries = bigEndian(0x0110, 2, 4, 0);
        ByteBuffer.wrap(tooManyEntries).putShort(8, (short) 0xFFFF);
        assertThat(ExifOrientation.fromTiff(tooManyEntries)).isEqualTo(1);
    }

    @Test
    void aFileThatEndsInsideASegmentReadsAsUpright() throws IOException {
        byte[] full = TestImages.withExif(TestImages.encode(TestImages.picture(16, 16), "jpeg"), TestImages.exif(6));

        assertThat(ExifOrientation.of(write(java.util.Arrays.copyOf(full, 30)))).isEqualTo(1);
        assertThat(ExifOrientation.of(write(new byte[] { (byte) 0xFF, (byte) 0xD8 }))).isEqualTo(1);
    }

    /** A big-endian TIFF block whose IFD0 holds one entry. */
    private static byte[] bigEndian(int tag, int type, int count, int value) {
        return ByteBuffer.allocate(8 + 2 + 12 + 4).put((byte) 'M').put((byte) 'M').putShort((short) 42).putInt(8)
                .putShort((short) 1).putShort((short) tag).putShort((short) type).putInt(count).putInt(value).putInt(0)
                .array();
    }

    private Path write(byte[] bytes) throws IOException {
        return Files.write(Files.createTempFile(dir, "exif", ".jpg"), bytes);
    }
}
