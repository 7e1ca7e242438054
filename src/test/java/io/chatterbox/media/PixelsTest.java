package io.chatterbox.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Turning upright moves every corner where EXIF says it belongs, on both pixel layouts; fitting never enlarges. */
class PixelsTest {

    private static final int A = 0xFF0000, B = 0x00FF00, C = 0x0000FF, D = 0xFFFF00;

    /** Stored corners A B / C D (3 wide, 2 tall); the upright corners, top left, top right, bottom left, bottom right. */
    @ParameterizedTest(name = "orientation {0}")
    @CsvSource({ "1, A, B, C, D", "2, B, A, D, C", "3, D, C, B, A", "4, C, D, A, B",
            "5, A, C, B, D", "6, C, A, D, B", "7, D, B, C, A", "8, B, D, A, C" })
    void everyOrientationPutsTheCornersWhereTheyBelong(int orientation, String tl, String tr, String bl, String br) {
        for (int type : new int[] { BufferedImage.TYPE_3BYTE_BGR, BufferedImage.TYPE_INT_ARGB }) {
            BufferedImage stored = new BufferedImage(3, 2, type);
            stored.setRGB(0, 0, 0xFF000000 | A);
            stored.setRGB(2, 0, 0xFF000000 | B);
            stored.setRGB(0, 1, 0xFF000000 | C);
            stored.setRGB(2, 1, 0xFF000000 | D);

            BufferedImage upright = Pixels.orient(stored, orientation);

            boolean swapped = orientation >= 5;
            assertThat(upright.getWidth()).isEqualTo(swapped ? 2 : 3);
            assertThat(upright.getHeight()).isEqualTo(swapped ? 3 : 2);
            int right = upright.getWidth() - 1;
            int bottom = upright.getHeight() - 1;
            assertThat(new int[] { rgb(upright, 0, 0), rgb(upright, right, 0), rgb(upright, 0, bottom), rgb(upright, right, bottom) })
                    .as("type %d", type).containsExactly(colour(tl), colour(tr), colour(bl), colour(br));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = { 321, 640, 1000, 4000 })
    void fittingShrinksIntoTheBoxAndNeverEnlarges(int width) {
        BufferedImage image = new BufferedImage(width, 7, BufferedImage.TYPE_INT_RGB);

        BufferedImage small = Pixels.fit(image, 320, true);

        assertThat(small.getWidth()).isEqualTo(320);
        assertThat(small.getHeight()).isEqualTo(Math.max(1, Math.round(7 * 320f / width)));
        assertThat(Pixels.fit(new BufferedImage(320, 320, BufferedImage.TYPE_INT_RGB), 320, true)).isNull();
    }

    private static int rgb(BufferedImage image, int x, int y) {
        return image.getRGB(x, y) & 0xFFFFFF;
    }

    private static int colour(String name) {
        return switch (name) {
            case "A" -> A;
            case "B" -> B;
            case "C" -> C;
            default -> D;
        };
    }
}
