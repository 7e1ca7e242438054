package io.chatterbox.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.chatterbox.support.Accounts;

/** The shipped list itself: loaded, sensible, and only entries the length rule would not already refuse. */
class CommonPasswordsListTest {

    private final CommonPasswords common = new CommonPasswords();

    @Test
    void theListIsLoadedAndComparedIgnoringCase() {
        assertThat(common.size()).isGreaterThan(400);
        assertThat(common.contains("iloveyou")).isTrue();
        assertThat(common.contains("P@ssw0rd")).isTrue();
        assertThat(common.contains("QWERTY123")).isTrue();
        assertThat(common.contains(Accounts.PASSWORD)).isFalse();
    }

    @Test
    void theLengthRulesStillComeFirst() {
        assertThat(common.problem("123456")).contains("at least 8");
        assertThat(common.problem("123456789")).isEqualTo(CommonPasswords.TOO_COMMON);
        assertThat(common.problem("plum-kettle-harbor-41")).isNull();
    }

    @Test
    void everyEntryIsLongEnoughToMatter() throws IOException {
        List<String> entries;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(CommonPasswords.RESOURCE)) {
            entries = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(line -> !line.isBlank() && !line.startsWith("#")).toList();
        }
        assertThat(entries).allSatisfy(entry -> assertThat(Passwords.problem(entry)).as(entry).isNull());
        assertThat(entries).doesNotHaveDuplicates();
    }
}
