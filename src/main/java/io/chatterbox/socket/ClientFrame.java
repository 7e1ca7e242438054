package io.chatterbox.socket;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.chatterbox.core.ChatException;
import io.chatterbox.core.ErrorCode;
import io.chatterbox.core.WholeNumbers;
import io.chatterbox.rooms.RoomInfo;

/**
 * What a client sent, decoded from one text frame. A frame that does not look like a JSON object is, as in the
 * original protocol, the plain text of a message to the default room. Only structure is checked here; the chat
 * rules (length, rooms, idempotency) belong to the core.
 */
sealed interface ClientFrame {

    /** Every frame concerns one room; absent or null means general. */
    String room();

    /** The clientId of a message frame, so a refusal can name it; null for every other frame. */
    default String clientId() {
        return null;
    }

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
            throw new ChatException(ErrorCode.INVALID_JSON, "The frame is not valid JSON");
        }
        String type = textField(node, "type", ErrorCode.INVALID_FRAME);
        if (type == null) {
            throw new ChatException(ErrorCode.INVALID_FRAME, "Every JSON frame needs a \"type\"");
        }
        if (type.equals("message")) {
            String clientId = textField(node, "clientId", ErrorCode.INVALID_CLIENT_ID);
            try {
                return new SendMessage(room(node), textField(node, "text", ErrorCode.INVALID_TEXT), clientId);
            } catch (ChatException e) {
                throw e.about(clientId); // so an outbox can tell which of its messages was refused
            }
        }
        String room = room(node);
        return switch (type) {
            case "typing" -> new Typing(room);
            case "read" -> new Read(room, requiredId(node));
            case "history" -> new PageRequest(room, number(node, "before", ErrorCode.INVALID_ID),
                    number(node, "after", ErrorCode.INVALID_ID),
                    WholeNumbers.toInt(number(node, "limit", ErrorCode.INVALID_LIMIT)));
            case "edit" -> new Edit(room, requiredId(node), textField(node, "text", ErrorCode.INVALID_TEXT));
            case "delete" -> new Delete(room, requiredId(node));
            default -> throw new ChatException(ErrorCode.UNKNOWN_TYPE, "Unknown frame type \"" + ChatException.excerpt(type) + "\"");
        };
    }

    private static String room(JsonNode node) {
        String room = textField(node, "room", ErrorCode.INVALID_ROOM);
        return room == null ? RoomInfo.GENERAL : room;
    }

    /** The field as a string, null when absent or JSON null; any other JSON type is refused with {@code code}. */
    private static String textField(JsonNode node, String field, ErrorCode code) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new ChatException(code, "\"" + field + "\" must be a string");
        }
        return value.textValue();
    }

    /** The field as a whole number ≥ 0 ({@link WholeNumbers}), null when absent or JSON null. */
    private static Long number(JsonNode node, String field, ErrorCode code) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.canConvertToExactIntegral() || !value.canConvertToLong()) {
            throw WholeNumbers.refusal(field, code);
        }
        return WholeNumbers.require(value.longValue(), field, code);
    }

    private static long requiredId(JsonNode node) {
        Long id = number(node, "id", ErrorCode.INVALID_ID);
        if (id == null) {
            throw new ChatException(ErrorCode.INVALID_ID, "\"id\" (a message id) is required");
        }
        return id;
    }
}
