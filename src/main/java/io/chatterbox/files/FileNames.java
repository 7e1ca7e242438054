package io.chatterbox.files;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.lang.UProperty;

/**
 * File names as people see them: sanitised once, when a file is uploaded (the stored name is only ever shown and
 * offered as a download name, never used as a path), and written into {@code Content-Disposition} after RFC 6266 and
 * RFC 8187.
 */
public final class FileNames {

    /** ext4's NAME_MAX, in UTF-8 bytes. */
    static final int MAX_BYTES = 255;
    private static final Pattern RESERVED = Pattern.compile("(?i)(con|prn|aux|nul|com[1-9]|lpt[1-9])(\\..*)?");
    private static final Set<Character> FORBIDDEN = Set.of(':', '*', '?', '"', '<', '>', '|');

    private FileNames() {
    }

    /**
     * The name to keep: the last path segment, NFC, without control, bidi or other invisible characters and without
     * the characters Windows forbids, no leading dot, not a reserved device name, at most 255 UTF-8 bytes with its
     * extension kept. An empty result becomes {@code file.<extension of the sniffed type>}.
     */
    public static String sanitize(String raw, String type) {
        String name = raw == null ? "" : Normalizer.normalize(raw, Normalizer.Form.NFC);
        name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
        StringBuilder kept = new StringBuilder(name.length());
        name.codePoints().forEach(cp -> {
            if (Character.getType(cp) == Character.CONTROL || UCharacter.hasBinaryProperty(cp, UProperty.DEFAULT_IGNORABLE_CODE_POINT)
                    || UCharacter.hasBinaryProperty(cp, UProperty.BIDI_CONTROL)) {
                return;
            }
            kept.appendCodePoint(cp < 0x80 && FORBIDDEN.contains((char) cp) ? '_' : cp);
        });
        String cleaned = trim(kept.toString());
        if (cleaned.isEmpty()) {
            return "file." + MediaTypes.extension(type);
        }
        if (RESERVED.matcher(cleaned).matches()) {
            cleaned = "_" + cleaned;
        }
        return shorten(cleaned);
    }

    /**
     * {@code attachment} or {@code inline}, with an ASCII {@code filename} for old clients first and the exact UTF-8
     * {@code filename*} second, which RFC 6266 says wins.
     */
    public static String contentDisposition(boolean inline, String name) {
        return (inline ? "inline" : "attachment") + "; filename=\"" + asciiFallback(name) + "\"; filename*=UTF-8''"
                + percentEncode(name);
    }

    private static String trim(String name) {
        int start = 0;
        int end = name.length();
        while (start < end && (name.charAt(start) == '.' || Character.isWhitespace(name.charAt(start)))) {
            start++;
        }
        while (end > start && (name.charAt(end - 1) == '.' || Character.isWhitespace(name.charAt(end - 1)))) {
            end--;
        }
        return name.substring(start, end);
    }

    /** Cuts the base name, at a code point, until base and extension fit in {@link #MAX_BYTES}. */
    private static String shorten(String name) {
        if (utf8Length(name) <= MAX_BYTES) {
            return name;
        }
        int dot = name.lastIndexOf('.');
        String extension = dot > 0 && name.length() - dot <= 16 ? name.substring(dot) : "";
        String base = name.substring(0, name.length() - extension.length());
        while (utf8Length(base) + utf8Length(extension) > MAX_BYTES) {
            base = base.substring(0, base.offsetByCodePoints(base.length(), -1));
        }
        return base + extension;
    }

    private static int utf8Length(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }

    private static String asciiFallback(String name) {
        StringBuilder ascii = new StringBuilder(name.length());
        name.codePoints().forEach(cp -> ascii.append(cp >= 0x20 && cp < 0x7F && cp != '"' && cp != '\\' ? (char) cp : '_'));
        return ascii.toString();
    }

    /** RFC 8187 value-chars: attr-char bytes as they are, every other UTF-8 byte as %XX. */
    private static String percentEncode(String name) {
        StringBuilder encoded = new StringBuilder();
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if (c < 0x80 && (Character.isLetterOrDigit(c) || "!#$&+-.^_`|~".indexOf(c) >= 0)) {
                encoded.append((char) c);
            } else {
                encoded.append('%').append(String.format(Locale.ROOT, "%02X", c));
            }
        }
        return encoded.toString();
    }
}
