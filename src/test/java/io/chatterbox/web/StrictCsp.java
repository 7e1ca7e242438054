package io.chatterbox.web;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import java.util.List;

/**
 * Checks that the page runs under a strict Content-Security-Policy (no inline script or style) and breaks
 * none of its rules. Violations are recorded from the very start of each document.
 */
final class StrictCsp {

    private static final String RECORDER = """
            window.__cspViolations = [];
            document.addEventListener('securitypolicyviolation',
                (event) => window.__cspViolations.push(event.violatedDirective + ' blocked ' + (event.blockedURI || 'inline')));
            """;

    // An inline script runs only when no policy (or a lax one) is in force.
    private static final String INLINE_SCRIPT_PROBE = """
            () => {
              const probe = document.createElement('script');
              probe.textContent = 'window.__inlineScriptRan = true';
              document.head.append(probe);
              probe.remove();
              return window.__inlineScriptRan !== true;
            }""";

    private StrictCsp() {
    }

    static void recordViolations(BrowserContext context) {
        context.addInitScript(RECORDER);
    }

    @SuppressWarnings("unchecked")
    static List<String> violations(Page page) {
        return (List<String>) page.evaluate("() => window.__cspViolations");
    }

    /** True when a policy is in force; call it after reading violations, as the probe itself is one. */
    static boolean isEnforced(Page page) {
        return Boolean.TRUE.equals(page.evaluate(INLINE_SCRIPT_PROBE));
    }
}
