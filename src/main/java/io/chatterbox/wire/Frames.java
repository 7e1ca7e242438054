package io.chatterbox.wire;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The JSON shapes of the frames the server sends (docs/protocol.md), one record per frame type; REST answers
 * reuse some of them. Only {@link WireMapper} builds them.
 */
public final class Frames {

    private Frames() {
    }

    /**
     * A stored message: a live {@code message}, an {@code edit} of one, and the element of a history frame.
     * {@code edited} and {@code deleted} appear only once the message was edited or deleted.
     */
    @JsonPropertyOrder({ "type", "id", "room", "username", "text", "timestamp", "clientId", "edited", "deleted", "attachments" })
    public record Message(String type, long id, String room, String username, String text, String timestamp,
            String clientId,
            @JsonInclude(JsonInclude.Include.NON_NULL) String edited,
            @JsonInclude(JsonInclude.Include.NON_NULL) Boolean deleted,
            @JsonInclude(JsonInclude.Include.NON_NULL) List<Attachment> attachments) {
    }

    /**
     * A file a message carries. {@code width}, {@code height} and {@code thumbnail} appear only for images; no URL, since
     * frames are shared by every recipient and links are signed per user ({@code POST /api/files/links}).
     */
    @JsonPropertyOrder({ "id", "name", "size", "type", "width", "height", "thumbnail" })
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Attachment(String id, String name, long size, String type, Integer width, Integer height,
            Boolean thumbnail) {
    }

    /**
     * A room's messages, oldest first: on connect (the latest, or those missed since ?since=, with {@code resync}
     * when too many were), and as the answer to a page request, which repeats its {@code before} or {@code after}
     * and says whether more exist beyond it.
     */
    @JsonPropertyOrder({ "type", "room", "messages", "resync", "before", "after", "hasMore" })
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record History(String room, List<Message> messages, Boolean resync, Long before, Long after, Boolean hasMore) {
        @JsonProperty("type")
        public String type() {
            return "history";
        }
    }

    /** Who of a room's members is online, in presence order. */
    @JsonPropertyOrder({ "type", "room", "online" })
    public record Presence(String room, List<String> online) {
        @JsonProperty("type")
        public String type() {
            return "presence";
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

    /** A refused frame or a failed send; {@code clientId} names the message it concerns. The connection stays open. */
    @JsonPropertyOrder({ "type", "code", "message", "clientId" })
    public record Error(String code, String message, @JsonInclude(JsonInclude.Include.NON_NULL) String clientId) {
        @JsonProperty("type")
        public String type() {
            return "error";
        }
    }

    /** A room as one user sees it (the descriptor of REST bodies and the rooms frames). */
    @JsonPropertyOrder({ "room", "name", "kind", "topic", "owner", "with", "unread", "lastReadId", "lastMessageId" })
    public record Room(String room, String name, String kind, String topic, String owner,
            @JsonInclude(JsonInclude.Include.NON_NULL) String with, long unread, long lastReadId, long lastMessageId) {
    }

    @JsonPropertyOrder({ "type", "rooms" })
    public record Rooms(List<Room> rooms) {
        @JsonProperty("type")
        public String type() {
            return "rooms";
        }
    }

    @JsonPropertyOrder({ "type", "room" })
    public record RoomJoined(Room room) {
        @JsonProperty("type")
        public String type() {
            return "room_joined";
        }
    }

    /** {@code reason}: "left" or "removed". */
    @JsonPropertyOrder({ "type", "room", "reason" })
    public record RoomLeft(String room, String reason) {
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
    public record Delete(String room, long id) {
        @JsonProperty("type")
        public String type() {
            return "delete";
        }
    }
}
