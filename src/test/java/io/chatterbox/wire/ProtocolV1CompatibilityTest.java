package io.chatterbox.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.chatterbox.support.Chat;
import io.chatterbox.support.ChatUser;
import io.chatterbox.support.Rooms;
import io.chatterbox.support.SocketClient;
import io.chatterbox.support.SocketTestBase;
import io.quarkus.test.junit.QuarkusTest;

/** A socket without v=2 keeps contract v1: general only, and only history, message, presence and error frames. */
@QuarkusTest
class ProtocolV1CompatibilityTest extends SocketTestBase {

    private static final Set<String> V1_TYPES = Set.of("history", "message", "presence", "error");

    @Test
    void aV1ConnectionOpensWithTheHistoryAndPresenceOfGeneralOnly() {
        ChatUser alice = ChatUser.register("alice");
        String open = Rooms.createPublic(alice.token(), Rooms.uniqueName("open"));
        Chat.post(sockets.v2Ready(base, alice), open, "not for v1");

        SocketClient v1 = sockets.v1(base, alice);

        JsonNode history = v1.next();
        assertThat(history.get("type").asText()).isEqualTo("history");
        assertThat(history.get("room").asText()).isEqualTo("general");
        assertThat(history.toString()).doesNotContain("not for v1");
        JsonNode presence = v1.next();
        assertThat(presence.get("type").asText()).isEqualTo("presence");
        assertThat(presence.get("room").asText()).isEqualTo("general");
        assertThat(Chat.online(presence)).contains(alice.name());
    }

    @Test
    void aV1ConnectionNeverSeesOtherRoomsOrV2Frames() {
        ChatUser alice = ChatUser.register("alice");
        ChatUser bob = ChatUser.register("bob");
        String open = Rooms.publicRoomWith(bob, "open", alice);
        SocketClient v1 = sockets.v1Ready(base, alice);
        SocketClient aliceV2 = sockets.v2Ready(base, alice);
        SocketClient bobSocket = sockets.v2Ready(base, bob);
        String newRoom = Rooms.createPublic(alice.token(), Rooms.uniqueName("fresh"));

        long inRoom = Chat.postId(bobSocket, open, "in another room");
        long inGeneral = Chat.postId(bobSocket, "general", "to be edited");
        bobSocket.sendJson(Chat.frame("typing", "general"));
        bobSocket.sendJson(Chat.frame("typing", open));
        Rooms.edit(bob.token(), "general", inGeneral, "edited").statusCode(200);
        long doomed = Chat.postId(bobSocket, "general", "to be deleted");
        Rooms.delete(bob.token(), "general", doomed).statusCode(204);
        aliceV2.sendJson(Chat.frame("read", "general", "id", doomed));
        Chat.await(aliceV2, Chat.typeIn("read", "general"));
        Rooms.leave(alice.token(), open).statusCode(204);

        List<JsonNode> seen = Chat.framesUntilMarker(bobSocket, "general", v1);
        assertThat(seen).allSatisfy(f -> assertThat(f.get("type").asText()).isIn(V1_TYPES));
        assertThat(seen).filteredOn(f -> f.has("room")).allSatisfy(f -> assertThat(f.get("room").asText()).isEqualTo("general"));
        assertThat(seen).noneMatch(f -> f.path("id").asLong() == inRoom);
        assertThat(seen).noneMatch(f -> f.toString().contains(newRoom));
        assertThat(seen).anyMatch(f -> f.path("id").asLong() == inGeneral);
    }

    @Test
    void plainTextFromAV1ConnectionStillPostsToGeneral() {
        ChatUser alice = ChatUser.register("alice");
        ChatUser bob = ChatUser.register("bob");
        SocketClient v1 = sockets.v1Ready(base, alice);
        SocketClient bobSocket = sockets.v2Ready(base, bob);

        v1.send("plain words " + alice.name());

        JsonNode echo = Chat.await(v1, Chat.messageWithText("plain words " + alice.name()));
        assertThat(echo.get("room").asText()).isEqualTo("general");
        JsonNode received = Chat.await(bobSocket, Chat.messageWithText("plain words " + alice.name()));
        assertThat(received.get("room").asText()).isEqualTo("general");
        assertThat(received.get("id").asLong()).isEqualTo(echo.get("id").asLong());
    }

    @Test
    void aV1ConnectionMayAnnounceTypingInGeneral() {
        ChatUser alice = ChatUser.register("alice");
        ChatUser bob = ChatUser.register("bob");
        SocketClient v1 = sockets.v1Ready(base, alice);
        SocketClient bobSocket = sockets.v2Ready(base, bob);

        v1.sendJson(Chat.frame("typing", "general"));

        JsonNode typing = Chat.await(bobSocket, f -> Chat.typeIn("typing", "general").test(f)
                && alice.name().equals(f.path("username").asText()));
        assertThat(typing.get("room").asText()).isEqualTo("general");
    }

    @Test
    void v1ErrorFramesRepeatTheClientIdOfARefusedMessageOnly() {
        ChatUser alice = ChatUser.register("alice");
        SocketClient v1 = sockets.v1Ready(base, alice);

        v1.sendJson(Map.of("type", "message", "text", "x".repeat(4001), "clientId", "v1-too-long"));
        JsonNode tooLong = Chat.await(v1, f -> Chat.isType(f, "error"));
        v1.sendJson(Map.of("type", "message", "room", "elsewhere", "text", "hi", "clientId", "v1-elsewhere"));
        JsonNode elsewhere = Chat.await(v1, f -> Chat.isType(f, "error"));
        v1.sendJson(Map.of("type", "dance", "clientId", "v1-dance"));
        JsonNode dance = Chat.await(v1, f -> Chat.isType(f, "error"));

        assertThat(tooLong.get("code").asText()).isEqualTo("invalid_text");
        assertThat(tooLong.path("clientId").asText()).isEqualTo("v1-too-long");
        assertThat(elsewhere.get("code").asText()).as("v1 lives in general only").isEqualTo("unknown_room");
        assertThat(elsewhere.path("clientId").asText()).isEqualTo("v1-elsewhere");
        assertThat(dance.get("code").asText()).isEqualTo("unknown_type");
        assertThat(dance.has("clientId")).as("not a message frame: %s", dance).isFalse();
    }
}
