package io.chatterbox.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Frames of the v2 socket (docs/protocol.md section 4.3): building them, waiting for them, reading them. */
public final class Chat {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Chat() {
    }

    /** Parses a JSON body, e.g. a REST response, for the same assertions as frames. */
    public static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Map<String, Object> message(String room, String text) {
        return Map.of("type", "message", "room", room, "text", text);
    }

    public static Map<String, Object> message(String room, String text, String clientId) {
        return Map.of("type", "message", "room", room, "text", text, "clientId", clientId);
    }

    /** A client frame of the given type for a room, with more fields given as key, value pairs. */
    public static Map<String, Object> frame(String type, String room, Object... fields) {
        Map<String, Object> frame = new HashMap<>();
        frame.put("type", type);
        frame.put("room", room);
        for (int i = 0; i < fields.length; i += 2) {
            frame.put((String) fields[i], fields[i + 1]);
        }
        return frame;
    }

    /** Posts a message with a fresh clientId, waits for its echo and returns the stored message frame. */
    public static JsonNode post(SocketClient sender, String room, String text) {
        String clientId = UUID.randomUUID().toString();
        sender.sendJson(message(room, text, clientId));
        return await(sender, f -> isType(f, "message") && clientId.equals(f.path("clientId").asText()));
    }

    /** Posts a message and returns its id. */
    public static long postId(SocketClient sender, String room, String text) {
        return post(sender, room, text).get("id").asLong();
    }

    /**
     * Sends a message with a text no other message has, for use as a marker: frames are delivered in order, so what
     * a socket received before the marker is all an earlier action made it receive. Returns the marker's text.
     */
    public static String sendMarker(SocketClient sender, String room) {
        String marker = "marker " + UUID.randomUUID();
        sender.sendJson(message(room, marker));
        return marker;
    }

    /** Every frame a socket received up to and including the marker message with this text. */
    public static List<JsonNode> framesUntilMarker(SocketClient watcher, String marker) {
        return watcher.framesUntil(messageWithText(marker));
    }

    /** Sends a marker from sender into room and returns every frame watcher received up to and including it. */
    public static List<JsonNode> framesUntilMarker(SocketClient sender, String room, SocketClient watcher) {
        return framesUntilMarker(watcher, sendMarker(sender, room));
    }

    /** The next frame that matches; frames before it are skipped (and listed if none matches in time). */
    public static JsonNode await(SocketClient client, Predicate<JsonNode> wanted) {
        List<JsonNode> frames = client.framesUntil(wanted);
        return frames.get(frames.size() - 1);
    }

    public static boolean isType(JsonNode frame, String type) {
        return type.equals(frame.path("type").asText());
    }

    /** The room a frame is about: its "room" field, or for room_joined the descriptor's "room". */
    public static String roomOf(JsonNode frame) {
        JsonNode room = frame.path("room");
        return room.isObject() ? room.path("room").asText() : room.asText(null);
    }

    public static Predicate<JsonNode> typeIn(String type, String room) {
        return f -> isType(f, type) && room.equals(roomOf(f));
    }

    /** A message frame (live, not inside a history) with exactly this text. */
    public static Predicate<JsonNode> messageWithText(String text) {
        return f -> isType(f, "message") && text.equals(f.path("text").asText());
    }

    public static Predicate<JsonNode> error(String code) {
        return f -> isType(f, "error") && code.equals(f.path("code").asText());
    }

    public static List<JsonNode> list(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).toList();
    }

    /** The ids of the messages of a history frame or REST page, in order. */
    public static List<Long> ids(JsonNode withMessages) {
        return list(withMessages.get("messages")).stream().map(m -> m.get("id").asLong()).toList();
    }

    public static List<String> texts(JsonNode withMessages) {
        return list(withMessages.get("messages")).stream().map(m -> m.get("text").asText()).toList();
    }

    public static List<String> online(JsonNode presence) {
        return list(presence.get("online")).stream().map(JsonNode::asText).toList();
    }

    /** Every message a list of frames delivered for a room: inside its history frames and as live frames. */
    public static List<JsonNode> messagesIn(List<JsonNode> frames, String room) {
        return frames.stream().filter(f -> room.equals(roomOf(f))).flatMap(f -> {
            if (isType(f, "history")) {
                return list(f.get("messages")).stream();
            }
            return isType(f, "message") ? Stream.of(f) : Stream.<JsonNode>empty();
        }).toList();
    }
}
