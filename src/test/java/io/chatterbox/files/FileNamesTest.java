package io.chatterbox.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class FileNamesTest {

    @Test
    void onlyTheLastPathSegmentIsKept() {
        assertThat(FileNames.sanitize("../../etc/passwd", MediaTypes.OCTET_STREAM)).isEqualTo("passwd");
        assertThat(FileNames.sanitize("C:\\Users\\me\\report.pdf", "application/pdf")).isEqualTo("report.pdf");
    }

    @Test
    void invisibleAndDirectionCharactersThatDisguiseAnExtensionAreRemoved() {
        assertThat(FileNames.sanitize("invoice\u202Egpj.exe", MediaTypes.OCTET_STREAM)).isEqualTo("invoicegpj.exe");
        assertThat(FileNames.sanitize("a\u0000b\u200Bc\u0007.txt", MediaTypes.OCTET_STREAM)).isEqualTo("abc.txt");
    }

    @Test
    void windowsForbiddenCharactersLeadingDotsAndReservedNamesAreDefused() {
        assertThat(FileNames.sanitize("what?<now>|\"yes\":*.txt", MediaTypes.OCTET_STREAM)).isEqualTo("what__now___yes___.txt");
        assertThat(FileNames.sanitize(".bashrc", MediaTypes.OCTET_STREAM)).isEqualTo("bashrc");
        assertThat(FileNames.sanitize("CON.txt", MediaTypes.OCTET_STREAM)).isEqualTo("_CON.txt");
        assertThat(FileNames.sanitize(" ... ", MediaTypes.PNG)).isEqualTo("file.png");
        assertThat(FileNames.sanitize(null, MediaTypes.JPEG)).isEqualTo("file.jpg");
    }

    @Test
    void longNamesAreCutAtACodePointKeepingTheExtension() {
        String name = FileNames.sanitize("ü".repeat(300) + ".jpeg", MediaTypes.JPEG);

        assertThat(name).endsWith("ü.jpeg");
        assertThat(name.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(255);
    }

    @Test
    void contentDispositionHasAnAsciiFallbackFirstAndTheExactUtf8NameSecond() {
        assertThat(FileNames.contentDisposition(false, "naïve \"plan\" 100%.pdf")).isEqualTo(
                "attachment; filename=\"na_ve _plan_ 100%.pdf\"; filename*=UTF-8''na%C3%AFve%20%22plan%22%20100%25.pdf");
        assertThat(FileNames.contentDisposition(true, "a*b.png")).isEqualTo("inline; filename=\"a*b.png\"; filename*=UTF-8''a%2Ab.png");
    }
}
