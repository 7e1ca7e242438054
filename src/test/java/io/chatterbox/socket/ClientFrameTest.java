package io.chatterbox.socket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.chatterbox.core.ChatException;
import io.chatterbox.core.ErrorCode;

/**
 * Decoding one client text frame (docs/protocol.md 2.4 and 4.3): plain text, JSON syntax, frame types and the
 * types of their fields, with the error code and message a client is answered with. No server, no chat rules.
 */
class ClientFrameTest {

    private final ObjectMapper json = new ObjectMapper();

    private ClientFrame parse(String frame) {
        return ClientFrame.parse(frame, json);
    }

    private ChatException refusalOf(String frame) {
        Throwable thrown = catchThrowable(() -> parse(frame));
        assertThat(thrown).as("refusal of %s", frame).isInstanceOf(ChatException.class);
        return (ChatException) thrown;
    }

    private ChatException assertRefused(String frame, ErrorCode code, String message) {
        ChatException refusal = refusalOf(frame);
        assertThat(refusal.code()).as("code for %s", frame).isEqualTo(code);
        assertThat(refusal.getMessage()).as("message for %s", frame).isEqualTo(message);
        return refusal;
    }

    @ParameterizedTest
    @ValueSource(strings = { "hello", "  hello  ", "[1,2]", "42", "\"quoted\"", "}{" })
    void aFrameThatIsNotAJsonObjectIsPostedAsIsToGeneralWithoutClientId(String frame) {
        assertThat(parse(frame)).isEqualTo(new ClientFrame.SendMessage("general", frame, null, java.util.List.of()));
    }

    @ParameterizedTest
    @ValueSource(strings = { "{", "{nope}", " {\"type\":", "{\"type\":\"message\",}", "{'type':'message'}" })
    void aFrameStartingWithABraceThatIsNotJsonIsRefusedNotPosted(String frame) {
        assertRefused(frame, ErrorCode.INVALID_JSON, "The frame is not valid JSON");
    }

    @ParameterizedTest
    @ValueSource(strings = { "{\"type\":\"typing\"} {\"type\":\"typing\"}", "{\"type\":\"typing\"}42",
            "{\"type\":\"typing\"}]", "{\"type\":\"typing\"}x" })
    void anythingAfterTheObjectIsInvalidJson(String frame) {
        assertRefused(frame, ErrorCode.INVALID_JSON, "The frame is not valid JSON");
    }

    @ParameterizedTest
    @ValueSource(strings = { "{}", "{\"type\":null}", "{\"text\":\"hi\"}" })
    void aJsonFrameWithoutTypeIsInvalid(String frame) {
        assertRefused(frame, ErrorCode.INVALID_FRAME, "Every JSON frame needs a \"type\"");
    }

    @ParameterizedTest
    @ValueSource(strings = { "{\"type\":1}", "{\"type\":[\"message\"]}", "{\"type\":true}", "{\"type\":{}}" })
    void aTypeThatIsNotAStringIsInvalid(String frame) {
        assertRefused(frame, ErrorCode.INVALID_FRAME, "\"type\" must be a string");
    }

    @Test
    void anUnknownTypeIsNamedAndALongOneIsCut() {
        assertRefused("{\"type\":\"shout\"}", ErrorCode.UNKNOWN_TYPE, "Unknown frame type \"shout\"");
        assertRefused("{\"type\":\"Message\"}", ErrorCode.UNKNOWN_TYPE, "Unknown frame type \"Message\"");
        String longType = "a".repeat(32) + "b".repeat(100);
        assertRefused("{\"type\":\"" + longType + "\"}", ErrorCode.UNKNOWN_TYPE,
                "Unknown frame type \"" + "a".repeat(32) + "…\"");
    }

    @Test
    void aRoomThatIsAbsentOrNullIsGeneral() {
        assertThat(parse("{\"type\":\"typing\"}")).isEqualTo(new ClientFrame.Typing("general"));
        assertThat(parse("{\"type\":\"typing\",\"room\":null}")).isEqualTo(new ClientFrame.Typing("general"));
        assertThat(parse("{\"type\":\"message\",\"room\":null,\"text\":\"hi\"}"))
                .isEqualTo(new ClientFrame.SendMessage("general", "hi", null, java.util.List.of()));
        assertThat(parse("{\"type\":\"typing\",\"room\":\"random\"}")).isEqualTo(new ClientFrame.Typing("random"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "{\"type\":\"typing\",\"room\":5}", "{\"type\":\"read\",\"room\":[],\"id\":1}",
            "{\"type\":\"history\",\"room\":{}}", "{\"type\":\"message\",\"room\":false,\"text\":\"hi\"}" })
    void aRoomThatIsNotAStringIsInvalid(String frame) {
        assertRefused(frame, ErrorCode.INVALID_ROOM, "\"room\" must be a string");
    }

    @Test
    void aJsonMessageKeepsItsRoomTextAndClientIdAndIgnoresOtherFieldsAndWhitespace() {
        assertThat(parse("{\"type\":\"message\",\"room\":\"random\",\"text\":\" hi \",\"clientId\":\"c-1\","
                + "\"username\":\"mallory\"}")).isEqualTo(new ClientFrame.SendMessage("random", " hi ", "c-1", java.util.List.of()));
        assertThat(parse(" \n\t{\"type\":\"message\",\"text\":\"hi\"}\n"))
                .isEqualTo(new ClientFrame.SendMessage("general", "hi", null, java.util.List.of()));
        // Missing text is left for the core to refuse with its own message.
        assertThat(parse("{\"type\":\"message\"}")).isEqualTo(new ClientFrame.SendMessage("general", null, null, java.util.List.of()));
    }

    @Test
    void aMalformedMessageFrameIsRefusedWithItsClientIdIfThatIsAString() {
        assertThat(assertRefused("{\"type\":\"message\",\"text\":5,\"clientId\":\"c-7\"}", ErrorCode.INVALID_TEXT,
                "\"text\" must be a string").clientId()).isEqualTo("c-7");
        assertThat(assertRefused("{\"type\":\"message\",\"room\":[],\"text\":\"hi\",\"clientId\":\"c-8\"}",
                ErrorCode.INVALID_ROOM, "\"room\" must be a string").clientId()).isEqualTo("c-8");
        assertThat(refusalOf("{\"type\":\"message\",\"text\":5}").clientId()).isNull();
        assertThat(assertRefused("{\"type\":\"message\",\"text\":\"hi\",\"clientId\":7}", ErrorCode.INVALID_CLIENT_ID,
                "\"clientId\" must be a string").clientId()).isNull();
    }

    @Test
    void theV2FramesParseIntoTheirCommands() {
        assertThat(parse("{\"type\":\"typing\",\"room\":\"random\"}")).isEqualTo(new ClientFrame.Typing("random"));
        assertThat(parse("{\"type\":\"read\",\"room\":\"random\",\"id\":131}"))
                .isEqualTo(new ClientFrame.Read("random", 131));
        assertThat(parse("{\"type\":\"history\",\"room\":\"random\",\"before\":120,\"limit\":50}"))
                .isEqualTo(new ClientFrame.PageRequest("random", 120L, null, 50));
        assertThat(parse("{\"type\":\"history\",\"after\":7}"))
                .isEqualTo(new ClientFrame.PageRequest("general", null, 7L, null));
        assertThat(parse("{\"type\":\"edit\",\"room\":\"random\",\"id\":131,\"text\":\"fixed\"}"))
                .isEqualTo(new ClientFrame.Edit("random", 131, "fixed"));
        assertThat(parse("{\"type\":\"delete\",\"room\":\"random\",\"id\":131}"))
                .isEqualTo(new ClientFrame.Delete("random", 131));
    }

    @Test
    void onlyAMessageFrameCarriesAClientId() {
        assertThat(parse("{\"type\":\"edit\",\"id\":1,\"text\":\"x\",\"clientId\":\"c-1\"}").clientId()).isNull();
        assertThat(parse("{\"type\":\"delete\",\"id\":1,\"clientId\":\"c-1\"}").clientId()).isNull();
        assertThat(parse("{\"type\":\"message\",\"text\":\"x\",\"clientId\":\"c-1\"}").clientId()).isEqualTo("c-1");
    }

    @ParameterizedTest
    @ValueSource(strings = { "-1", "1.5", "\"7\"", "1e30", "99999999999999999999", "true", "[1]" })
    void anIdThatIsNotAWholeNumberIsInvalid(String id) {
        String message = "\"id\" must be a whole number ≥ 0";
        assertRefused("{\"type\":\"read\",\"id\":" + id + "}", ErrorCode.INVALID_ID, message);
        assertRefused("{\"type\":\"edit\",\"id\":" + id + ",\"text\":\"x\"}", ErrorCode.INVALID_ID, message);
        assertRefused("{\"type\":\"delete\",\"id\":" + id + "}", ErrorCode.INVALID_ID, message);
        assertRefused("{\"type\":\"history\",\"before\":" + id + "}", ErrorCode.INVALID_ID,
                "\"before\" must be a whole number ≥ 0");
        assertRefused("{\"type\":\"history\",\"after\":" + id + "}", ErrorCode.INVALID_ID,
                "\"after\" must be a whole number ≥ 0");
    }

    @Test
    void aWholeNumberWrittenWithAFractionIsAccepted() {
        assertThat(parse("{\"type\":\"read\",\"id\":3.0}")).isEqualTo(new ClientFrame.Read("general", 3));
        assertThat(parse("{\"type\":\"delete\",\"id\":0}")).isEqualTo(new ClientFrame.Delete("general", 0));
    }

    @ParameterizedTest
    @ValueSource(strings = { "{\"type\":\"read\"}", "{\"type\":\"read\",\"id\":null}",
            "{\"type\":\"edit\",\"text\":\"x\"}", "{\"type\":\"delete\",\"room\":\"random\"}" })
    void aMissingIdIsInvalid(String frame) {
        assertRefused(frame, ErrorCode.INVALID_ID, "\"id\" (a message id) is required");
    }

    @Test
    void aHugeHistoryLimitIsClampedSoTheRangeCheckRefusesIt() {
        assertThat(parse("{\"type\":\"history\",\"limit\":10000000000}"))
                .isEqualTo(new ClientFrame.PageRequest("general", null, null, Integer.MAX_VALUE));
    }

    @ParameterizedTest
    @ValueSource(strings = { "-1", "1.5", "\"50\"", "1e30" })
    void aHistoryLimitThatIsNotAWholeNumberIsInvalid(String limit) {
        assertRefused("{\"type\":\"history\",\"limit\":" + limit + "}", ErrorCode.INVALID_LIMIT,
                "\"limit\" must be a whole number ≥ 0");
    }
}
