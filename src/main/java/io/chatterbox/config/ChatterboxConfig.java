package io.chatterbox.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Every Chatterbox setting, with a safe default. Environment variables use the usual mapping (CHATTERBOX_DATA_DIR). */
@ConfigMapping(prefix = "chatterbox")
public interface ChatterboxConfig {

    /** Directory holding the SQLite database and the generated token-signing keys; created on first start. */
    @WithDefault("data")
    String dataDir();

    Auth auth();

    Chat chat();

    Store store();

    interface Auth {
        /** bcrypt cost factor (log2 rounds) for new password hashes. */
        @WithDefault("10")
        int bcryptCost();

        /** How long an access token stays valid. */
        @WithDefault("PT12H")
        Duration tokenLifetime();

        /** Issuer written into and required from every token. */
        @WithDefault("chatterbox")
        String issuer();
    }

    interface Chat {
        /** Messages in the history frame of a fresh connection. */
        @WithDefault("50")
        int historySize();

        /** Most messages replayed to a client resuming with ?since=; a larger gap sends a resync instead. */
        @WithDefault("1000")
        int resumeLimit();

        /** Longest message text, in characters. */
        @WithDefault("4000")
        int maxTextLength();
    }

    interface Store {
        /** Most messages committed in one transaction by the single writer. */
        @WithDefault("256")
        int maxBatchSize();

        /** Messages (and joins) that may wait for the writer before new ones are refused as overloaded. */
        @WithDefault("10000")
        int queueCapacity();
    }
}
