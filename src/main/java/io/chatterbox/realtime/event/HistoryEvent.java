package io.chatterbox.realtime.event;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The first frame of every connection: a room's messages, oldest first. {@code resync} is true when a resuming
 * client missed more than the server replays; it then gets the latest messages and must replace what it shows.
 */
@JsonPropertyOrder({ "type", "room", "messages", "resync" })
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HistoryEvent(String room, List<MessageEvent> messages, Boolean resync) {

    @JsonProperty("type")
    public String type() {
        return "history";
    }
}
