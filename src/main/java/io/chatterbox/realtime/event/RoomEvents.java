package io.chatterbox.realtime.event;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import io.chatterbox.rooms.RoomView;

/** The v2 events about rooms, read state and activity; one small record per frame type. */
public final class RoomEvents {

    private RoomEvents() {
    }

    /** The user's rooms, first frame of a v2 connection. */
    @JsonPropertyOrder({ "type", "rooms" })
    public record Rooms(List<RoomView> rooms) {
        @JsonProperty("type")
        public String type() {
            return "rooms";
        }
    }

    @JsonPropertyOrder({ "type", "room" })
    public record Joined(RoomView room) {
        @JsonProperty("type")
        public String type() {
            return "room_joined";
        }
    }

    /** {@code reason}: "left" or "removed". */
    @JsonPropertyOrder({ "type", "room", "reason" })
    public record Left(String room, String reason) {
        @JsonProperty("type")
        public String type() {
            return "room_left";
        }
    }

    /** {@code change}: "joined" or "left". */
    @JsonPropertyOrder({ "type", "room", "username", "change" })
    public record Members(String room, String username, String change) {
        @JsonProperty("type")
        public String type() {
            return "members";
        }
    }

    /** Who of the room's members came online ({@code online}) or went offline ({@code offline}) since the last. */
    @JsonPropertyOrder({ "type", "room", "online", "offline" })
    public record PresenceChanged(String room, List<String> online, List<String> offline) {
        @JsonProperty("type")
        public String type() {
            return "presence_changed";
        }
    }

    @JsonPropertyOrder({ "type", "room", "username" })
    public record Typing(String room, String username) {
        @JsonProperty("type")
        public String type() {
            return "typing";
        }
    }

    @JsonPropertyOrder({ "type", "room", "lastReadId", "unread" })
    public record Read(String room, long lastReadId, long unread) {
        @JsonProperty("type")
        public String type() {
            return "read";
        }
    }

    @JsonPropertyOrder({ "type", "room", "id" })
    public record Deleted(String room, long id) {
        @JsonProperty("type")
        public String type() {
            return "delete";
        }
    }
}
