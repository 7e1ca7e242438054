package io.chatterbox.realtime.event;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * A room's messages, oldest first: on connect (the latest, or those missed since ?since=), and as the answer to a
 * page request, which repeats its {@code before} or {@code after} and says whether more exist beyond it.
 * {@code resync} is true when a resuming client missed more than the server replays; it then gets the latest
 * messages and must replace what it shows of the room.
 */
@JsonPropertyOrder({ "type", "room", "messages", "resync", "before", "after", "hasMore" })
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HistoryEvent(String room, List<MessageEvent> messages, Boolean resync, Long before, Long after,
        Boolean hasMore) {

    public static HistoryEvent of(String room, List<MessageEvent> messages) {
        return new HistoryEvent(room, messages, null, null, null, null);
    }

    public static HistoryEvent resync(String room, List<MessageEvent> messages) {
        return new HistoryEvent(room, messages, true, null, null, null);
    }

    @JsonProperty("type")
    public String type() {
        return "history";
    }
}
