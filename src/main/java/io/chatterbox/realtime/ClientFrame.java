package io.chatterbox.realtime;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.chatterbox.chat.ChatException;
import io.chatterbox.rooms.RoomInfo;

/**
 * What a client sent, decoded from one text frame. A frame that does not look like a JSON object is, as in the
 * original protocol, the plain text of a message to the default room. Only structure is checked here; the chat
 * rules (length, rooms, idempotency) belong to the services.
 */
public sealed interface ClientFrame {

    /** Every frame concerns one room; absent or null means general. */
    String room();

    record SendMessage(String room, String text, String clientId) implements ClientFrame {
    }

    record Typing(String room) implements ClientFrame {
    }

    record Read(String room, long id) implements ClientFrame {
    }

    record PageRequest(String room, Long before, Long after, Integer limit) implements ClientFrame {
    }

    record Edit(String room, long id, String text) implements ClientFrame {
    }

    record Delete(String room, long id) implements ClientFrame {
    }

    static ClientFrame parse(String frame, ObjectMapper json) {
        if (!frame.stripLeading().startsWith("{")) {
            return new SendMessage(RoomInfo.GENERAL, frame, null);
        }
        JsonNode node;
        try {
            node = json.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readTree(frame);
        } catch (JsonProcessingException e) {
            throw new ChatException("invalid_json", "The frame is not valid JSON");
        }
        String type = textField(node, "type", "invalid_frame");
        if (type == null) {
            throw new ChatException("invalid_frame", "Every JSON frame needs a \"type\"");
        }
        if (type.equals("message")) {
            String clientId = textField(node, "clientId", "invalid_client_id");
            try {
                return new SendMessage(room(node), textField(node, "text", "invalid_text"), clientId);
            } catch (ChatException e) {
                throw e.about(clientId); // so an outbox can tell which of its messages was refused
            }
        }
        String room = room(node);
        return switch (type) {
            case "typing" -> new Typing(room);
            case "read" -> new Read(room, requiredId(node));
            case "history" -> new PageRequest(room, number(node, "before", "invalid_id"), number(node, "after", "invalid_id"),
                    limit(node));
            case "edit" -> new Edit(room, requiredId(node), textField(node, "text", "invalid_text"));
            case "delete" -> new Delete(room, requiredId(node));
            default -> throw new ChatException("unknown_type", "Unknown frame type \"" + ChatException.excerpt(type) + "\"");
        };
    }

    private static String room(JsonNode node) {
        return orDefault(textField(node, "room", "invalid_room"), RoomInfo.GENERAL);
    }

    /** The field as a string, null when absent or JSON null; any other JSON type is refused with {@code code}. */
    private static String textField(JsonNode node, String field, String code) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new ChatException(code, "\"" + field + "\" must be a string");
        }
        return value.textValue();
    }

    /** The field as a whole number ≥ 0, null when absent or JSON null. */
    private static Long number(JsonNode node, String field, String code) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.canConvertToExactIntegral() || !value.canConvertToLong() || value.longValue() < 0) {
            throw new ChatException(code, "\"" + field + "\" must be a whole number ≥ 0");
        }
        return value.longValue();
    }

    private static long requiredId(JsonNode node) {
        Long id = number(node, "id", "invalid_id");
        if (id == null) {
            throw new ChatException("invalid_id", "\"id\" (a message id) is required");
        }
        return id;
    }

    private static Integer limit(JsonNode node) {
        Long limit = number(node, "limit", "invalid_limit");
        return limit == null ? null : (int) Math.min(Integer.MAX_VALUE, limit);
    }

    private static String orDefault(String value, String fallback) {
        return value == null ? fallback : value;
    }
}
