package io.chatterbox.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.chatterbox.core.ChatException;
import io.chatterbox.core.ErrorCode;
import io.chatterbox.files.MediaTypes;

/** What the pipeline refuses, with {@code invalid_file}, and that a refusal leaves nothing behind. */
class ImageLimitsTest {

    private final ImageIoPipeline pipeline = new ImageIoPipeline(50_000_000, 5, 320, 2);

    @TempDir
    Path dir;

    @Test
    void aPixelBombIsRefusedFromItsHeader() throws IOException {
        byte[] bomb = TestImages.pngDeclaring(50_000, 50_000);
        assertThat(bomb.length).isLessThan(100);
        assertThat(MediaTypes.sniff(bomb, bomb.length)).isEqualTo(MediaTypes.PNG);

        ChatException refused = refusal(write("bomb.png", bomb), MediaTypes.PNG);

        assertThat(refused.getMessage()).contains("50000 × 50000").contains("50 megapixels");
    }

    @Test
    void aSideLongerThanTheLimitIsRefusedEvenWithFewPixels() throws IOException {
        ChatException refused = refusal(write("strip.png", TestImages.pngDeclaring(ImageIoPipeline.MAX_SIDE + 1, 1)),
                MediaTypes.PNG);

        assertThat(refused.getMessage()).contains("16384 a side");
    }

    @Test
    void aHeaderWithinTheLimitsButNoPixelDataIsRefused() throws IOException {
        refusal(write("short.png", TestImages.pngDeclaring(2000, 2000)), MediaTypes.PNG);
    }

    @Test
    void garbageThatClaimsToBeAPngIsRefused() throws IOException {
        byte[] garbage = new byte[4096];
        ThreadLocalRandom.current().nextBytes(garbage);
        System.arraycopy(TestImages.pngDeclaring(1, 1), 0, garbage, 0, 8); // the PNG signature, then noise

        refusal(write("garbage.png", garbage), MediaTypes.PNG);
    }

    @Test
    void aJpegSniffedAsAPngIsRefused() throws IOException {
        Path jpeg = write("photo.jpg", TestImages.encode(TestImages.picture(64, 64), "jpeg"));

        ChatException refused = refusal(jpeg, MediaTypes.PNG);

        assertThat(refused.getMessage()).contains("do not match");
        assertThat(pipeline.prepare(jpeg, MediaTypes.JPEG, dir).type()).isEqualTo(MediaTypes.JPEG); // the file is fine
    }

    @Test
    void aTruncatedJpegIsRefused() throws IOException {
        byte[] whole = TestImages.encode(TestImages.picture(400, 300), "jpeg");

        refusal(write("cut.jpg", java.util.Arrays.copyOf(whole, 300)), MediaTypes.JPEG);
    }

    @Test
    void anAnimationWithTooManyFramesIsRefused() throws IOException {
        ChatException refused = refusal(write("long.gif", TestImages.animatedGif(6, 8, 8)), MediaTypes.GIF);

        assertThat(refused.getMessage()).contains("6 frames").contains("at most 5");
        assertThat(pipeline.prepare(write("ok.gif", TestImages.animatedGif(5, 8, 8)), MediaTypes.GIF, dir).type())
                .isEqualTo(MediaTypes.PNG);
    }

    @Test
    void anAnimationWhoseFramesTogetherHoldTooManyPixelsIsRefused() throws IOException {
        ImageIoPipeline small = new ImageIoPipeline(10_000, 100, 320, 1); // 100 × 100 per frame, 40,000 in all
        Path five = write("five.gif", TestImages.animatedGif(5, 100, 100));
        Path four = write("four.gif", TestImages.animatedGif(4, 100, 100));

        ChatException refused = catchThrowableOfType(ChatException.class, () -> small.prepare(five, MediaTypes.GIF, dir));

        assertThat(refused.code()).isEqualTo(ErrorCode.INVALID_FILE);
        assertThat(refused.getMessage()).contains("40000 pixels in all");
        assertThat(small.prepare(four, MediaTypes.GIF, dir).width()).isEqualTo(100);
    }

    @Test
    void aLosslessWebpWhoseDataEndsEarlyIsRefused() throws IOException {
        byte[] cut = TestImages.webpWithoutPixels(400, 100); // 40,000 pixels of one bit each, and no bits
        assertThat(cut.length).isLessThan(64);

        refusal(write("cut.webp", cut), MediaTypes.WEBP);
    }

    @Test
    void aWebpThatCodesEveryPixelInNoBitsIsReadInFull() throws IOException {
        Path tiny = write("tiny.webp", TestImages.solidWebp(4000, 3000, 0xFF336699));

        assertThat(pipeline.prepare(tiny, MediaTypes.WEBP, dir).width()).isEqualTo(4000);
    }

    @Test
    void aDecodeThatOutlivesItsTimeLimitIsRefused() throws IOException {
        ImageIoPipeline impatient = new ImageIoPipeline(50_000_000, 5, 320, 1, java.time.Duration.ZERO);
        Path photo = write("photo.jpg", TestImages.encode(TestImages.picture(64, 64), "jpeg"));

        ChatException refused = catchThrowableOfType(ChatException.class, () -> impatient.prepare(photo, MediaTypes.JPEG, dir));

        assertThat(refused.code()).isEqualTo(ErrorCode.INVALID_FILE);
        assertThat(refused.getMessage()).contains("too long");
    }

    private ChatException refusal(Path source, String type) throws IOException {
        try (var before = Files.list(dir)) {
            long files = before.count();
            ChatException refused = catchThrowableOfType(ChatException.class, () -> pipeline.prepare(source, type, dir));
            assertThat(refused).as("refused").isNotNull();
            assertThat(refused.code()).isEqualTo(ErrorCode.INVALID_FILE);
            try (var after = Files.list(dir)) {
                assertThat(after.count()).as("files left in the work directory").isEqualTo(files);
            }
            return refused;
        }
    }

    private Path write(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }
}
