package io.chatterbox.web;

import static org.junit.jupiter.api.Assertions.fail;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;

/**
 * The machine's own Chromium, driven by Playwright. Playwright's browser download does not work on
 * our machines, so tests use the distribution package and skip (or fail, when a browser is required)
 * if it is missing.
 */
final class SystemChromium {

    static final Path EXECUTABLE = Path.of("/usr/bin/chromium");
    static final String REQUIRE_BROWSER = "CHATTERBOX_REQUIRE_BROWSER";

    private static final List<String> ARGS = List.of("--no-sandbox", "--disable-gpu", "--disable-quic",
            "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync");

    private SystemChromium() {
    }

    static boolean isInstalled() {
        return Files.isExecutable(EXECUTABLE);
    }

    /** Skips the calling test when Chromium is absent, unless the environment requires browser tests. */
    static void assumeInstalled() {
        if (isInstalled()) {
            return;
        }
        String message = "No Chromium at " + EXECUTABLE + " (install it with: apt-get install -y chromium)";
        if (Boolean.parseBoolean(System.getenv(REQUIRE_BROWSER))) {
            fail(message + "; " + REQUIRE_BROWSER + "=true requires the browser tests to run");
        }
        Assumptions.abort(message + "; browser tests skipped");
    }

    static Playwright createPlaywright() {
        return Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
    }

    /** Headless, with a fresh profile that Playwright creates and removes itself. */
    static Browser launch(Playwright playwright) {
        return playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(EXECUTABLE)
                .setHeadless(true)
                .setArgs(ARGS));
    }
}
