package io.chatterbox.realtime;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.chatterbox.chat.ChatException;
import io.chatterbox.chat.ChatService;

/**
 * What a client sent, decoded from one text frame. A frame that does not look like a JSON object is, as in the
 * original protocol, the plain text of a message to the default room. Only structure is checked here; the chat
 * rules (length, rooms, idempotency) belong to the ChatService.
 */
public sealed interface ClientFrame {

    record SendMessage(String room, String text, String clientId) implements ClientFrame {
    }

    static ClientFrame parse(String frame, ObjectMapper json) {
        if (!frame.stripLeading().startsWith("{")) {
            return new SendMessage(ChatService.GENERAL, frame, null);
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
        return switch (type) {
            case "message" -> new SendMessage(
                    orDefault(textField(node, "room", "invalid_room"), ChatService.GENERAL),
                    textField(node, "text", "invalid_text"),
                    textField(node, "clientId", "invalid_client_id"));
            default -> throw new ChatException("unknown_type", "Unknown frame type \"" + ChatException.excerpt(type) + "\"");
        };
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

    private static String orDefault(String value, String fallback) {
        return value == null ? fallback : value;
    }
}
