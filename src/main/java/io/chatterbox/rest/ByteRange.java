package io.chatterbox.rest;

/**
 * One {@code Range: bytes=…} of a file of known size (RFC 9110 §14): {@code a-b}, {@code a-} or {@code -n}. Several
 * ranges, other units and anything malformed are ignored (the whole file is sent, as the RFC allows); a range that
 * starts past the end is {@link #UNSATISFIABLE}.
 */
record ByteRange(long first, long last) {

    static final ByteRange UNSATISFIABLE = new ByteRange(-1, -1);
    private static final int MAX_DIGITS = 18;

    long length() {
        return last - first + 1;
    }

    /** The range asked for, clamped to the file; null to send the whole file. */
    static ByteRange parse(String header, long size) {
        if (header == null || !header.startsWith("bytes=")) {
            return null;
        }
        String spec = header.substring("bytes=".length()).trim();
        int dash = spec.indexOf('-');
        if (dash < 0 || spec.indexOf(',') >= 0) {
            return null;
        }
        String start = spec.substring(0, dash).trim();
        String end = spec.substring(dash + 1).trim();
        if (start.isEmpty()) {
            if (!digits(end)) {
                return null;
            }
            long suffix = Long.parseLong(end);
            if (suffix == 0 || size == 0) {
                return UNSATISFIABLE;
            }
            return new ByteRange(Math.max(0, size - suffix), size - 1);
        }
        if (!digits(start) || !end.isEmpty() && !digits(end)) {
            return null;
        }
        long first = Long.parseLong(start);
        long last = end.isEmpty() ? size - 1 : Long.parseLong(end);
        if (first >= size) {
            return UNSATISFIABLE;
        }
        if (last < first) {
            return null;
        }
        return new ByteRange(first, Math.min(last, size - 1));
    }

    private static boolean digits(String value) {
        return !value.isEmpty() && value.length() <= MAX_DIGITS && value.chars().allMatch(c -> c >= '0' && c <= '9');
    }
}
