package io.chatterbox.realtime.event;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** A refused frame or a failed send: a short machine code and a sentence for people. The connection stays open. */
@JsonPropertyOrder({ "type", "code", "message" })
public record ErrorEvent(String code, String message) {

    @JsonProperty("type")
    public String type() {
        return "error";
    }
}
