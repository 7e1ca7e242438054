package io.chatterbox.wire;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Turns a frame record into its JSON text; callers encode each frame once, whatever the number of recipients. */
@ApplicationScoped
public class FrameEncoder {

    private final ObjectMapper json;

    public FrameEncoder(ObjectMapper json) {
        this.json = json;
    }

    public String encode(Object frame) {
        try {
            return json.writeValueAsString(frame);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot encode outgoing frame " + frame.getClass().getSimpleName(), e);
        }
    }
}
