package io.chatterbox.load;

/**
 * The text of a load message: {@code r=<run>;s=<sender>;n=<seq>;t=<intended send, nanoTime>;} padded with
 * {@code x} to the requested size. Only ASCII letters, digits, {@code = ;} are used, so the text needs no JSON
 * escaping and can be found in an outgoing frame by a plain string search.
 */
record Payload(String run, int sender, long seq, long intendedNanos) {

    private static final String TEXT_FIELD = "\"text\":\"";
    private static final String ID_FIELD = "\"id\":";

    String encode(int size) {
        StringBuilder text = new StringBuilder(Math.max(size, 64))
                .append("r=").append(run).append(";s=").append(sender).append(";n=").append(seq)
                .append(";t=").append(intendedNanos).append(';');
        while (text.length() < size) {
            text.append('x');
        }
        return text.toString();
    }

    /** The payload inside a server {@code message} frame, or null when the frame carries no load text of this run. */
    static Payload fromFrame(String frame, String run) {
        int at = frame.indexOf(TEXT_FIELD);
        if (at < 0) {
            return null;
        }
        return parse(frame, at + TEXT_FIELD.length(), run);
    }

    /** Parses a payload starting at {@code from}; null when it is not one of {@code run}'s. */
    static Payload parse(String text, int from, String run) {
        try {
            int[] cursor = {from};
            if (!"r".equals(key(text, cursor))) {
                return null;
            }
            String foundRun = value(text, cursor);
            if (!run.equals(foundRun) || !"s".equals(key(text, cursor))) {
                return null;
            }
            int sender = Integer.parseInt(value(text, cursor));
            if (!"n".equals(key(text, cursor))) {
                return null;
            }
            long seq = Long.parseLong(value(text, cursor));
            if (!"t".equals(key(text, cursor))) {
                return null;
            }
            long intended = Long.parseLong(value(text, cursor));
            return new Payload(foundRun, sender, seq, intended);
        } catch (RuntimeException malformed) {
            return null;
        }
    }

    /** The server's message id in a {@code message} frame, or -1. */
    static long idOf(String frame) {
        int at = frame.indexOf(ID_FIELD);
        if (at < 0) {
            return -1;
        }
        long id = 0;
        int i = at + ID_FIELD.length();
        boolean any = false;
        while (i < frame.length() && Character.isDigit(frame.charAt(i))) {
            id = id * 10 + (frame.charAt(i++) - '0');
            any = true;
        }
        return any ? id : -1;
    }

    private static String key(String text, int[] cursor) {
        int eq = text.indexOf('=', cursor[0]);
        String key = text.substring(cursor[0], eq);
        cursor[0] = eq + 1;
        return key;
    }

    private static String value(String text, int[] cursor) {
        int semi = text.indexOf(';', cursor[0]);
        String value = text.substring(cursor[0], semi);
        cursor[0] = semi + 1;
        return value;
    }
}
