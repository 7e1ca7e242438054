package io.chatterbox.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class MediaTypesTest {

    private static String sniff(byte[] head) {
        return MediaTypes.sniff(head, head.length);
    }

    private static String sniff(String head) {
        return sniff(head.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void imagesAreKnownByTheirSignature() {
        assertThat(sniff(new byte[] { (byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0 })).isEqualTo(MediaTypes.JPEG);
        assertThat(sniff("\u0089PNG\r\n\u001A\n....")).isEqualTo(MediaTypes.PNG);
        assertThat(sniff("GIF89a..")).isEqualTo(MediaTypes.GIF);
        assertThat(sniff("RIFF\u0000\u0000\u0000\u0000WEBPVP8 ")).isEqualTo(MediaTypes.WEBP);
    }

    @Test
    void audioAndVideoAreKnownByTheirContainers() {
        assertThat(sniff("ID3\u0004")).isEqualTo("audio/mpeg");
        assertThat(sniff("\u0000\u0000\u0000\u0018ftypmp42")).isEqualTo("video/mp4");
        assertThat(sniff("\u0000\u0000\u0000\u0018ftypM4A ")).isEqualTo("audio/mp4");
        assertThat(sniff("\u001AE\u00DF\u00A3....webm")).isEqualTo("video/webm");
        assertThat(sniff("OggS.....OpusHead")).isEqualTo("audio/ogg");
        assertThat(sniff("RIFF\u0000\u0000\u0000\u0000WAVEfmt ")).isEqualTo("audio/wav");
    }

    @Test
    void markupAndScriptsAreNeverAnythingButOctetsWhateverTheyClaim() {
        assertThat(sniff("<svg xmlns=\"http://www.w3.org/2000/svg\"><script>")).isEqualTo(MediaTypes.OCTET_STREAM);
        assertThat(sniff("<!DOCTYPE html><script>alert(1)</script>")).isEqualTo(MediaTypes.OCTET_STREAM);
        assertThat(sniff("GIF8")).as("a truncated signature").isEqualTo(MediaTypes.OCTET_STREAM);
        assertThat(MediaTypes.isInline(MediaTypes.OCTET_STREAM)).isFalse();
        assertThat(MediaTypes.isInline("application/pdf")).isFalse();
        assertThat(MediaTypes.isInline(MediaTypes.PNG)).isTrue();
        assertThat(MediaTypes.isInline("video/mp4")).isTrue();
    }
}
