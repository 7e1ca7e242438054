package io.chatterbox.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.chatterbox.support.Chat;
import io.chatterbox.support.ChatUser;
import io.chatterbox.support.Rooms;
import io.chatterbox.support.SocketClient;
import io.chatterbox.support.SocketTestBase;
import io.quarkus.test.junit.QuarkusTest;

/** The client outbox in rooms: resending after a drop stores once; refusals name the clientId they answer. */
@QuarkusTest
class OutboxTest extends SocketTestBase {

    private static List<JsonNode> withClientId(ChatUser reader, String room, String clientId) {
        JsonNode page = Chat.parse(Rooms.messages(reader.token(), room).statusCode(200).extract().asString());
        return Chat.list(page.get("messages")).stream().filter(m -> clientId.equals(m.path("clientId").asText())).toList();
    }

    @Test
    void aMessageResentAfterADropIsStoredExactlyOnce() {
        ChatUser alice = ChatUser.register("alice");
        String room = Rooms.createPublic(alice.token(), Rooms.uniqueName("outbox"));
        SocketClient first = sockets.v2Ready(base, alice);
        long seen = Chat.postId(first, room, "before the drop");
        String clientId = UUID.randomUUID().toString();

        first.sendJson(Chat.message(room, "did this arrive?", clientId));
        first.abort();
        SocketClient second = sockets.v2(base, alice, "since=" + seen);
        List<JsonNode> opening = second.framesUntil(Chat.typeIn("presence", room));
        second.sendJson(Chat.message(room, "did this arrive?", clientId));
        JsonNode echo = Chat.await(second, f -> Chat.isType(f, "message") && clientId.equals(f.path("clientId").asText()));

        List<JsonNode> stored = withClientId(alice, room, clientId);
        assertThat(stored).hasSize(1);
        assertThat(echo.get("id").asLong()).isEqualTo(stored.get(0).get("id").asLong());
        assertThat(echo.get("room").asText()).isEqualTo(room);
        assertThat(Chat.messagesIn(opening, room)).filteredOn(m -> clientId.equals(m.path("clientId").asText()))
                .as("if the first attempt was stored, the resumed history has that one copy")
                .allSatisfy(m -> assertThat(m.get("id").asLong()).isEqualTo(echo.get("id").asLong()));
    }

    @Test
    void aResentClientIdGetsTheOriginalMessageBackOnlyOnTheSendingConnection() {
        ChatUser alice = ChatUser.register("alice");
        ChatUser bob = ChatUser.register("bob");
        String room = Rooms.publicRoomWith(alice, "outbox", bob);
        SocketClient bobSocket = sockets.v2Ready(base, bob);
        SocketClient first = sockets.v2Ready(base, alice);
        String clientId = UUID.randomUUID().toString();
        first.sendJson(Chat.message(room, "original", clientId));
        JsonNode original = Chat.await(first, f -> clientId.equals(f.path("clientId").asText()));
        first.abort();

        SocketClient second = sockets.v2Ready(base, alice);
        second.sendJson(Chat.message(room, "edited in the outbox", clientId));
        JsonNode copy = Chat.await(second, f -> clientId.equals(f.path("clientId").asText()));

        assertThat(copy).isEqualTo(original);
        assertThat(withClientId(alice, room, clientId)).hasSize(1);
        List<JsonNode> bobSaw = Chat.framesUntilMarker(second, room, bobSocket);
        assertThat(bobSaw).filteredOn(f -> clientId.equals(f.path("clientId").asText())).hasSize(1);
    }

    @Test
    void aClientIdIsUniquePerUserAcrossRooms() {
        ChatUser alice = ChatUser.register("alice");
        String one = Rooms.createPublic(alice.token(), Rooms.uniqueName("one"));
        String two = Rooms.createPublic(alice.token(), Rooms.uniqueName("two"));
        SocketClient socket = sockets.v2Ready(base, alice);
        String clientId = UUID.randomUUID().toString();
        socket.sendJson(Chat.message(one, "in one", clientId));
        JsonNode original = Chat.await(socket, f -> clientId.equals(f.path("clientId").asText()));

        socket.sendJson(Chat.message(two, "in two", clientId));
        JsonNode copy = Chat.await(socket, f -> clientId.equals(f.path("clientId").asText()));

        assertThat(copy).isEqualTo(original);
        assertThat(copy.get("room").asText()).isEqualTo(one);
        assertThat(Chat.ids(Chat.parse(Rooms.messages(alice.token(), two).extract().asString()))).isEmpty();
    }

    @Test
    void anErrorAboutAFrameWithAClientIdRepeatsIt() {
        ChatUser alice = ChatUser.register("alice");
        String closed = Rooms.createPublic(ChatUser.register("owner").token(), Rooms.uniqueName("closed"));
        SocketClient socket = sockets.v2Ready(base, alice);

        assertRefusedWithClientId(socket, "general", "x".repeat(4001), "invalid_text");
        assertRefusedWithClientId(socket, "general", "   ", "invalid_text");
        assertRefusedWithClientId(socket, Rooms.uniqueName("nowhere"), "hello", "unknown_room");
        assertRefusedWithClientId(socket, closed, "hello", "not_a_member");
    }

    @Test
    void anErrorAboutAMalformedFieldStillRepeatsTheClientId() {
        ChatUser alice = ChatUser.register("alice");
        SocketClient socket = sockets.v2Ready(base, alice);

        socket.send("{\"type\":\"message\",\"room\":\"general\",\"text\":42,\"clientId\":\"typed-text\"}");
        JsonNode error = Chat.await(socket, f -> Chat.isType(f, "error"));
        assertThat(error.get("code").asText()).isEqualTo("invalid_text");
        assertThat(error.path("clientId").asText()).isEqualTo("typed-text");
        socket.send("{\"type\":\"message\",\"room\":7,\"text\":\"hi\",\"clientId\":\"typed-room\"}");
        error = Chat.await(socket, f -> Chat.isType(f, "error"));
        assertThat(error.get("code").asText()).isEqualTo("invalid_room");
        assertThat(error.path("clientId").asText()).isEqualTo("typed-room");
    }

    private static void assertRefusedWithClientId(SocketClient socket, String room, String text, String code) {
        String clientId = code + "-" + UUID.randomUUID();
        socket.sendJson(Chat.message(room, text, clientId));
        JsonNode error = Chat.await(socket, f -> Chat.isType(f, "error"));
        assertThat(error.get("code").asText()).isEqualTo(code);
        assertThat(error.path("clientId").asText()).as("the clientId of the refused frame").isEqualTo(clientId);
    }
}
