package io.chatterbox.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which names deceive (UTS #39 restriction level, default-ignorable code points) and which are just other scripts. */
class NamesTest {

    @ParameterizedTest
    @ValueSource(strings = { "alice", "Bob_1", "ｆｕｌｌ", "田中taro", "ελληνικά", "иван", "محمد", "עברית", "straße",
            "nguyễn", "김민준", "café-2" })
    void namesInOneScriptOrLatinWithAnAllowedOneAreFine(String name) {
        assertThat(Names.deception(name)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = { "alice\u3164", "\u3164", "x\uFFA0y", "\u115Fab", "ab\u1160", "a\u00ADb" })
    void charactersThatShowAsNothingAreNamed(String name) {
        assertThat(Names.deception(name)).startsWith("may not contain characters that show as nothing (U+");
    }

    @ParameterizedTest
    @ValueSource(strings = { "\u0430lice", "p\u0430ypal", "αlpha", "a1\u0662" })
    void lookAlikeMixesOfScriptsAreRefused(String name) {
        assertThat(Names.deception(name)).startsWith("may not mix letters or digits of scripts that look alike");
    }
}
