package io.chatterbox.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class FileLinksTest {

    private static final byte[] KEY = FileLinks.deriveKey("secret".getBytes());
    private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");

    private static Map<String, String> query(String query) {
        Map<String, String> parameters = new HashMap<>();
        for (String pair : query.split("&")) {
            parameters.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
        }
        return parameters;
    }

    private static Optional<Long> verify(FileLinks links, String file, boolean thumb, Map<String, String> q, int version) {
        return links.verify(file, thumb, q.get("u"), q.get("e"), q.get("s"), user -> version);
    }

    @Test
    void aLinkIsValidForItsFileVariantAndUserUntilItExpires() {
        FileLinks links = new FileLinks(KEY, 600, Clock.fixed(NOW, ZoneOffset.UTC));
        Map<String, String> q = query(links.query("file1", false, 7, 3));

        assertThat(verify(links, "file1", false, q, 3)).contains(7L);
        assertThat(verify(links, "file2", false, q, 3)).as("another file").isEmpty();
        assertThat(verify(links, "file1", true, q, 3)).as("the thumbnail").isEmpty();
        assertThat(verify(links, "file1", false, q, 4)).as("after a logout").isEmpty();
        Map<String, String> otherUser = new HashMap<>(q);
        otherUser.put("u", "8");
        assertThat(verify(links, "file1", false, otherUser, 3)).isEmpty();

        long expires = Long.parseLong(q.get("e"));
        assertThat(expires - NOW.getEpochSecond()).isBetween(600L, 1200L);
        FileLinks later = new FileLinks(KEY, 600, Clock.fixed(Instant.ofEpochSecond(expires + 6), ZoneOffset.UTC));
        assertThat(verify(later, "file1", false, q, 3)).as("expired").isEmpty();
    }

    @Test
    void theSameUserGetsTheSameLinkForAWhileSoBrowsersCacheIt() {
        FileLinks first = new FileLinks(KEY, 600, Clock.fixed(NOW, ZoneOffset.UTC));
        FileLinks minuteLater = new FileLinks(KEY, 600, Clock.fixed(NOW.plus(Duration.ofMinutes(1)), ZoneOffset.UTC));

        assertThat(minuteLater.query("f", false, 1, 0)).isEqualTo(first.query("f", false, 1, 0));
    }

    @Test
    void forgedOrMalformedLinksAreRefused() {
        FileLinks links = new FileLinks(KEY, 600, Clock.fixed(NOW, ZoneOffset.UTC));
        FileLinks otherKey = new FileLinks(FileLinks.deriveKey("other".getBytes()), 600, Clock.fixed(NOW, ZoneOffset.UTC));
        Map<String, String> q = query(otherKey.query("f", false, 1, 0));

        assertThat(verify(links, "f", false, q, 0)).isEmpty();
        assertThat(links.verify("f", false, "1", "not-a-number", "x", user -> 0)).isEmpty();
        assertThat(links.verify("f", false, null, null, null, user -> 0)).isEmpty();
        assertThat(links.verify("f", false, "99999999999999999999", "1", "x", user -> 0)).isEmpty();
    }
}
