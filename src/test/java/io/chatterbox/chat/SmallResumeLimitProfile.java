package io.chatterbox.chat;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** A resume limit of 5, so that a room can miss "too many" messages within a test. */
public class SmallResumeLimitProfile implements QuarkusTestProfile {

    static final int RESUME_LIMIT = 5;

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("chatterbox.chat.resume-limit", String.valueOf(RESUME_LIMIT));
    }
}
