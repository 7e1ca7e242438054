package io.chatterbox.realtime.event;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * A refused frame or a failed send: a short machine code and a sentence for people, and the clientId of the
 * message it concerns when there was one. The connection stays open.
 */
@JsonPropertyOrder({ "type", "code", "message", "clientId" })
public record ErrorEvent(String code, String message, @JsonInclude(JsonInclude.Include.NON_NULL) String clientId) {

    @JsonProperty("type")
    public String type() {
        return "error";
    }
}
