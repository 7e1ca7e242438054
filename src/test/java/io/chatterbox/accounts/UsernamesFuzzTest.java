package io.chatterbox.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.code_intelligence.jazzer.mutation.annotation.NotNull;

/**
 * Fuzzes the username rules: an accepted name keeps to its alphabet and length and folds to a non-blank key that
 * folding again does not change (so "Alice" and "ALICE" meet at one account, every time); the rules never throw.
 */
class UsernamesFuzzTest {

    @FuzzTest(maxDuration = "10s")
    void acceptedUsernamesKeepToTheirAlphabetAndFoldStably(@NotNull String requested) {
        String username = Usernames.normalize(requested);
        if (Usernames.problem(username) != null) {
            return;
        }
        assertThat(username.codePointCount(0, username.length())).isBetween(3, 32);
        assertThat(username).matches("[\\p{L}\\p{Nd}_.-]+");
        String key = Usernames.key(username);
        assertThat(key).isNotBlank();
        assertThat(Usernames.key(key)).isEqualTo(key);
    }
}
