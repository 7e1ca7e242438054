package io.chatterbox.socket;

import java.util.ArrayList;
import java.util.List;

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

    /** {@code attachments} are upload ids, empty when the message carries no files. */
    record SendMessage(String room, String text, String clientId, List<String> attachments) implements ClientFrame {
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

    /** Far above any sensible files-per-message setting; only bounds what one frame makes the server look up. */
    int MAX_ATTACHMENTS = 100;
    int MAX_ID_LENGTH = 64;

    static ClientFrame parse(String frame, ObjectMapper json) {
        if (!frame.stripLeading().startsWith("{")) {
            return new SendMessage(RoomInfo.GENERAL, frame, null, List.of());
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
                return new SendMessage(room(node), textField(node, "text", ErrorCode.INVALID_TEXT), clientId,
                        attachments(node));
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

    /** Upload ids: absent, null or an array of at most {@link #MAX_ATTACHMENTS} short strings. */
    private static List<String> attachments(JsonNode node) {
        JsonNode value = node.get("attachments");
        if (value == null || value.isNull()) {
            return List.of();
        }
        if (!value.isArray() || value.size() > MAX_ATTACHMENTS) {
            throw new ChatException(ErrorCode.INVALID_ATTACHMENT, "\"attachments\" must be a list of at most "
                    + MAX_ATTACHMENTS + " file ids");
        }
        List<String> ids = new ArrayList<>(value.size());
        for (JsonNode id : value) {
            if (!id.isTextual() || id.textValue().isEmpty() || id.textValue().length() > MAX_ID_LENGTH) {
                throw new ChatException(ErrorCode.INVALID_ATTACHMENT, "Each attachment must be a file id (a string)");
            }
            ids.add(id.textValue());
        }
        return ids;
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
