package io.chatterbox.realtime.event;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Turns an outgoing event into the JSON text of its frame: once per event, whatever the number of recipients. */
@ApplicationScoped
public class EventEncoder {

    private final ObjectMapper json;

    EventEncoder(ObjectMapper json) {
        this.json = json;
    }

    public String encode(Object event) {
        try {
            return json.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot encode outgoing event " + event.getClass().getSimpleName(), e);
        }
    }
}
