package io.chatterbox.accounts;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.runtime.Startup;

/**
 * The passwords attackers try first (well-known breach top lists), refused for new passwords. Loaded once at
 * start from {@value #RESOURCE}; compared ignoring case, since "Password123" is guessed as early as "password123".
 * Login does not consult it: an account created before an entry was added must still be able to sign in.
 */
@Startup
@ApplicationScoped
public class CommonPasswords {

    static final String RESOURCE = "common-passwords.txt";
    static final String TOO_COMMON = "This password is too common; choose another";

    private final Set<String> passwords;

    public CommonPasswords() {
        this.passwords = load();
    }

    public boolean contains(String password) {
        return password != null && passwords.contains(fold(password));
    }

    /** @return why the password is refused as a new password, or null when it is acceptable */
    public String problem(String password) {
        String problem = Passwords.problem(password);
        if (problem != null) {
            return problem;
        }
        return contains(password) ? TOO_COMMON : null;
    }

    int size() {
        return passwords.size();
    }

    private static String fold(String password) {
        return password.toLowerCase(Locale.ROOT);
    }

    private static Set<String> load() {
        InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(RESOURCE);
        if (in == null) {
            throw new IllegalStateException("The list of common passwords (" + RESOURCE + ") is missing from the classpath");
        }
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            return reader.lines()
                    .map(String::strip)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                    .map(CommonPasswords::fold)
                    .collect(Collectors.toUnmodifiableSet());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + RESOURCE, e);
        }
    }
}
