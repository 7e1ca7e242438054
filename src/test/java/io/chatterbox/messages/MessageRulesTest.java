package io.chatterbox.messages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import io.chatterbox.core.ChatException;
import io.chatterbox.core.ErrorCode;
import io.chatterbox.rooms.RoomInfo;
import io.chatterbox.support.memory.CoreFixture;
import io.chatterbox.support.memory.TestConfig;

/** What a message may say, and how fast one user may page through history, on the in-memory core. */
class MessageRulesTest {

    private final MessageText text = new MessageText(TestConfig.defaults());

    @Test
    void lineBreaksTabsAndAnyScriptAreFine() {
        assertThat(text.check("line one\n\tline two — ünïcödé, 中文, עברית, 🎉")).startsWith("line one");
    }

    @ParameterizedTest
    @ValueSource(strings = { "\u0001", "\u0000", "\r", "\u001b[31m", "\u007f", "\u0085", "\u009b", "\u202e", "\u202a",
            "\u2066", "\u2069" })
    void controlCharactersAndDirectionOverridesAreRefusedByName(String hidden) {
        assertThatThrownBy(() -> text.check("look" + hidden + "here"))
                .isInstanceOfSatisfying(ChatException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_TEXT);
                    assertThat(e.getMessage()).contains(String.format("U+%04X", hidden.codePointAt(0)))
                            .doesNotContain(hidden);
                });
    }

    @Test
    void shortWordsAreMatchedWholeAndLongerOnesAlsoAsPrefixes() {
        CoreFixture core = new CoreFixture();
        core.log.append(java.util.List.of(new Draft("bob", RoomInfo.GENERAL, "hilarious", null),
                new Draft("bob", RoomInfo.GENERAL, "hi there", null)), 1);

        assertThat(core.search.search("alice", "hi", null, null)).extracting(StoredMessage::text).containsExactly("hi there");
        assertThat(core.search.search("alice", "hil", null, null)).extracting(StoredMessage::text).containsExactly("hilarious");
    }

    @Test
    void searchesHaveABudgetPerUser() {
        CoreFixture core = new CoreFixture(Map.of("chatterbox.limits.searches-per-second", "0.01",
                "chatterbox.limits.search-burst", "2"));
        core.search.search("alice", "one", null, null);
        core.search.search("alice", "two", null, null);

        assertThatThrownBy(() -> core.search.search("alice", "three", null, null))
                .isInstanceOfSatisfying(ChatException.class, e -> assertThat(e.getMessage()).startsWith("You are searching too fast"));
    }

    @Test
    void aUserMayAskForPagesOnlyWithinTheirBudget() {
        CoreFixture core = new CoreFixture(Map.of("chatterbox.limits.pages-per-second", "0.01",
                "chatterbox.limits.page-burst", "3"));
        core.accounts.register("alice");
        core.accounts.register("bob");
        for (int i = 0; i < 3; i++) {
            core.history.page("alice", RoomInfo.GENERAL, null, null, 100);
        }

        assertThatThrownBy(() -> core.history.page("alice", RoomInfo.GENERAL, null, null, 100))
                .isInstanceOfSatisfying(ChatException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.RATE_LIMITED);
                    assertThat(e.getMessage()).matches("You are asking for history too fast; try again in \\d+ seconds");
                    assertThat(e.retryAfterSeconds()).isPositive();
                });
        assertThat(core.history.page("bob", RoomInfo.GENERAL, null, null, 100).messages()).as("budgets are per user")
                .isEmpty();
    }
}
