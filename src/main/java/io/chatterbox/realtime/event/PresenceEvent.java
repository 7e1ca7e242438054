package io.chatterbox.realtime.event;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** Who is online, sorted by name. */
@JsonPropertyOrder({ "type", "online" })
public record PresenceEvent(List<String> online) {

    @JsonProperty("type")
    public String type() {
        return "presence";
    }
}
