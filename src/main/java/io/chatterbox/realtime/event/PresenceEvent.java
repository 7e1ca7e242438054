package io.chatterbox.realtime.event;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** Who of a room's members is online, sorted by name. */
@JsonPropertyOrder({ "type", "room", "online" })
public record PresenceEvent(String room, List<String> online) {

    @JsonProperty("type")
    public String type() {
        return "presence";
    }
}
