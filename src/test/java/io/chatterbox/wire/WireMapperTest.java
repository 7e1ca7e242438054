package io.chatterbox.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.chatterbox.core.ChatEvent;
import io.chatterbox.core.ChatException;
import io.chatterbox.core.ErrorCode;
import io.chatterbox.core.Refused;
import io.chatterbox.files.Attachment;
import io.chatterbox.messages.MessageEvents;
import io.chatterbox.messages.StoredMessage;
import io.chatterbox.presence.PresenceEvents;
import io.chatterbox.rooms.RoomEvents;
import io.chatterbox.rooms.RoomView;

/**
 * Events to frames, per protocol version: what a v1 and a v2 client are sent, the message shape and its timestamp,
 * and the exact JSON of message and history frames (the wire contract of docs/protocol.md 2.3 and 4.3).
 */
class WireMapperTest {

    /** 2026-11-26T10:15:30.120Z */
    private static final long AT = 1_795_688_130_120L;

    private final FrameEncoder encoder = new FrameEncoder(new ObjectMapper());

    private static StoredMessage stored(long id, String room, String clientId) {
        return new StoredMessage(id, room, "alice", "hello", AT, clientId, null, false);
    }

    @Test
    void aStoredMessageBecomesAMessageFrameWithAUtcMillisecondTimestamp() {
        Object frame = WireMapper.frame(new MessageEvents.Posted(stored(43, "general", "c-1")), Protocol.V1);

        assertThat(frame).isEqualTo(new Frames.Message("message", 43, "general", "alice", "hello",
                "2026-11-26T10:15:30.120Z", "c-1", null, null, null));
    }

    @Test
    void attachmentsGoToV2AsDescriptorsAndToV1AsReadableLinesAfterTheCaption() {
        StoredMessage withFiles = new StoredMessage(44, "general", "alice", "look", AT, null, null, false, List.of(
                new Attachment("f1", "cat.jpg", 2_400_000, "image/jpeg", 800, 600, true),
                new Attachment("f2", "notes.pdf", 900, "application/pdf", null, null, false)));

        Frames.Message v2 = (Frames.Message) WireMapper.frame(new MessageEvents.Posted(withFiles), Protocol.V2);
        Frames.Message v1 = (Frames.Message) WireMapper.frame(new MessageEvents.Posted(withFiles), Protocol.V1);

        assertThat(v2.text()).isEqualTo("look");
        assertThat(v2.attachments()).containsExactly(
                new Frames.Attachment("f1", "cat.jpg", 2_400_000, "image/jpeg", 800, 600, true),
                new Frames.Attachment("f2", "notes.pdf", 900, "application/pdf", null, null, null));
        assertThat(v1.attachments()).isNull();
        assertThat(v1.text()).isEqualTo("look\n[file: cat.jpg, image/jpeg, 2.3 MB]\n[file: notes.pdf, application/pdf, 900 B]");
    }

    @Test
    void theTimestampAlwaysHasMilliseconds() {
        StoredMessage atEpoch = new StoredMessage(1, "general", "bob", "hi", 0, null, null, false);
        StoredMessage onASecond = new StoredMessage(2, "general", "bob", "hi", 1_000, null, null, false);

        assertThat(WireMapper.message("message", atEpoch).timestamp()).isEqualTo("1970-01-01T00:00:00.000Z");
        assertThat(WireMapper.message("message", onASecond).timestamp()).isEqualTo("1970-01-01T00:00:01.000Z");
    }

    @Test
    void v1IsSentOnlyEventsAboutGeneral() {
        MessageEvents.Posted inRandom = new MessageEvents.Posted(stored(9, "random", null));

        assertThat(WireMapper.frame(inRandom, Protocol.V1)).isNull();
        assertThat(WireMapper.frame(inRandom, Protocol.V2))
                .isEqualTo(WireMapper.message("message", inRandom.message()));
        assertThat(WireMapper.frame(new PresenceEvents.Snapshot("random", List.of("alice")), Protocol.V1)).isNull();
    }

    @Test
    void v1IsSentNoV2OnlyEventEvenAboutGeneral() {
        StoredMessage message = stored(10, "general", null);
        RoomView general = new RoomView("general", "general", "public", null, null, null, 0, 0, 10);
        List<ChatEvent> v2Only = List.of(new MessageEvents.Edited(message), new MessageEvents.Deleted("general", 10),
                new PresenceEvents.Typing("general", "bob"), new MessageEvents.Read("general", 10, 0),
                new RoomEvents.Listed(List.of(general)), new RoomEvents.Joined(general),
                new RoomEvents.Left("general", RoomEvents.Departure.LEFT),
                new RoomEvents.MembersChanged("general", "bob", RoomEvents.Change.JOINED));

        for (ChatEvent event : v2Only) {
            assertThat(WireMapper.frame(event, Protocol.V1)).as("v1 frame for %s", event).isNull();
            assertThat(WireMapper.frame(event, Protocol.V2)).as("v2 frame for %s", event).isNotNull();
        }
    }

    @Test
    void aPresenceChangeIsTheWholeListForV1AndTheChangeForV2() {
        PresenceEvents.Changed changed = new PresenceEvents.Changed("general", List.of("carol"), List.of("dave"),
                List.of("alice", "Bob", "carol"));

        assertThat(WireMapper.frame(changed, Protocol.V1))
                .isEqualTo(new Frames.Presence("general", List.of("alice", "Bob", "carol")));
        assertThat(WireMapper.frame(changed, Protocol.V2))
                .isEqualTo(new Frames.PresenceChanged("general", List.of("carol"), List.of("dave")));
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void aRefusalIsAnErrorFrameNamingItsMessage(Protocol protocol) {
        ChatException refusal = new ChatException(ErrorCode.UNKNOWN_ROOM, "There is no room called \"random\"");

        assertThat(WireMapper.frame(new Refused(refusal.about("c-9")), protocol))
                .isEqualTo(new Frames.Error("unknown_room", "There is no room called \"random\"", "c-9"));
        assertThat(WireMapper.frame(new Refused(refusal), protocol))
                .isEqualTo(new Frames.Error("unknown_room", "There is no room called \"random\"", null));
    }

    @Test
    void onlyVersion2AsksForV2() {
        assertThat(Protocol.of("2")).isEqualTo(Protocol.V2);
        assertThat(Protocol.of(null)).isEqualTo(Protocol.V1);
        assertThat(Protocol.of("1")).isEqualTo(Protocol.V1);
        assertThat(Protocol.of("3")).isEqualTo(Protocol.V1);
        assertThat(Protocol.of(" 2")).isEqualTo(Protocol.V1);
    }

    @Test
    void v1TakesCommandsForGeneralOnlyAndV2ForEveryRoom() {
        assertThat(Protocol.V1.acceptsCommandsFor("general")).isTrue();
        assertThat(Protocol.V1.acceptsCommandsFor("random")).isFalse();
        assertThat(Protocol.V1.acceptsCommandsFor("")).isFalse();
        assertThat(Protocol.V2.acceptsCommandsFor("general")).isTrue();
        assertThat(Protocol.V2.acceptsCommandsFor("random")).isTrue();
    }

    @Test
    void aMessageFrameIsEncodedInContractOrderWithClientIdAlwaysPresent() {
        String expected = "{\"type\":\"message\",\"id\":43,\"room\":\"general\",\"username\":\"alice\","
                + "\"text\":\"hello\",\"timestamp\":\"2026-11-26T10:15:30.120Z\",\"clientId\":\"c-1\"}";

        assertThat(encoder.encode(WireMapper.message("message", stored(43, "general", "c-1")))).isEqualTo(expected);
        assertThat(encoder.encode(WireMapper.message("message", stored(43, "general", null))))
                .isEqualTo(expected.replace("\"c-1\"", "null"));
    }

    @Test
    void anEditFrameAddsEditedAndATombstoneAddsDeleted() {
        StoredMessage edited = new StoredMessage(131, "random", "alice", "fixed", AT, null, AT + 1, false);
        StoredMessage deleted = new StoredMessage(132, "random", "alice", "", AT, null, null, true);

        assertThat(encoder.encode(WireMapper.frame(new MessageEvents.Edited(edited), Protocol.V2))).isEqualTo(
                "{\"type\":\"edit\",\"id\":131,\"room\":\"random\",\"username\":\"alice\",\"text\":\"fixed\","
                        + "\"timestamp\":\"2026-11-26T10:15:30.120Z\",\"clientId\":null,"
                        + "\"edited\":\"2026-11-26T10:15:30.121Z\"}");
        assertThat(encoder.encode(WireMapper.message("message", deleted))).endsWith(
                "\"text\":\"\",\"timestamp\":\"2026-11-26T10:15:30.120Z\",\"clientId\":null,\"deleted\":true}");
    }

    @Test
    void aHistoryFrameHasResyncOnlyWhenTrue() {
        List<StoredMessage> messages = List.of(stored(41, "general", null));
        String element = "{\"type\":\"message\",\"id\":41,\"room\":\"general\",\"username\":\"alice\","
                + "\"text\":\"hello\",\"timestamp\":\"2026-11-26T10:15:30.120Z\",\"clientId\":null}";
        String prefix = "{\"type\":\"history\",\"room\":\"general\",\"messages\":[" + element + "]";

        assertThat(encoder.encode(WireMapper.frame(new MessageEvents.History("general", messages, false), Protocol.V1)))
                .isEqualTo(prefix + "}");
        assertThat(encoder.encode(WireMapper.frame(new MessageEvents.History("general", messages, true), Protocol.V1)))
                .isEqualTo(prefix + ",\"resync\":true}");
    }

    @Test
    void aHistoryPageRepeatsItsPositionAndSaysWhetherMoreExist() {
        var loaded = new MessageEvents.PageLoaded("random", List.of(stored(119, "random", null)), 120L, null, true);

        String json = encoder.encode(WireMapper.frame(loaded, Protocol.V2));

        assertThat(json).isEqualTo("{\"type\":\"history\",\"room\":\"random\",\"messages\":["
                + encoder.encode(WireMapper.message("message", loaded.messages().get(0)))
                + "],\"before\":120,\"hasMore\":true}");
    }

    @Test
    void presenceAndErrorFramesAreEncodedAsDocumented() {
        assertThat(encoder.encode(new Frames.Presence("general", List.of("alice", "Bob"))))
                .isEqualTo("{\"type\":\"presence\",\"room\":\"general\",\"online\":[\"alice\",\"Bob\"]}");
        assertThat(encoder.encode(WireMapper.error(new ChatException(ErrorCode.UNKNOWN_ROOM, "No \"random\""))))
                .isEqualTo("{\"type\":\"error\",\"code\":\"unknown_room\",\"message\":\"No \\\"random\\\"\"}");
        assertThat(encoder.encode(WireMapper.error(new ChatException(ErrorCode.RATE_LIMITED, "Slow").about("c-1"))))
                .isEqualTo("{\"type\":\"error\",\"code\":\"rate_limited\",\"message\":\"Slow\",\"clientId\":\"c-1\"}");
    }
}
