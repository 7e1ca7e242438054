package io.chatterbox.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.chatterbox.support.Accounts;

/**
 * Runs after the whole unit-test phase (failsafe follows surefire): the application log and the access log of that
 * run — every registration, login, socket upgrade by ?token= and refused token — contain none of the passwords
 * and tokens the tests used.
 */
class LogHygieneIT {

    private static final Path LOGS = Path.of("target");

    @Test
    void noPasswordOrTokenReachedAnyLog() throws IOException {
        List<String> secrets = Files.readAllLines(Accounts.SECRETS).stream().filter(s -> !s.isBlank()).distinct().toList();
        String applicationLog = readAll("quarkus-test.log");
        String accessLog = readAll("access-test.log");

        assertThat(secrets).as("the tests used tokens and passwords").hasSizeGreaterThan(5);
        assertThat(applicationLog).as("the application log covers the run").contains("Registered user");
        assertThat(accessLog).as("the access log saw socket upgrades").contains("/ws").contains("POST /login");
        for (String secret : secrets) {
            // A token's signature alone identifies it; checking it also catches a token cut into pieces.
            String needle = secret.contains(".") ? secret.substring(secret.lastIndexOf('.') + 1) : secret;
            assertThat(applicationLog).doesNotContain(needle);
            assertThat(accessLog).doesNotContain(needle);
        }
    }

    /** The log file and any rotated copies of it (name.1, name.2, ...). */
    private static String readAll(String fileName) throws IOException {
        StringBuilder all = new StringBuilder();
        try (var files = Files.list(LOGS)) {
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith(fileName)).toList()) {
                all.append(Files.readString(file));
            }
        }
        return all.toString();
    }
}
